"""Each measure on hand-built cases: numerator, denominator, the edges of the period, the split.

The period is April to June 2025 (a financial quarter). Bank holidays in it: 5 and 26 May.
"""

from __future__ import annotations

from datetime import date

import pytest

from resettle.children.models import Child
from resettle.insight.measures import MEASURES, Tally, count, subjects
from resettle.insight.periods import quarter_of
from tests.factories import ChildFactory

from .helpers import (
    agreed,
    checklist,
    personal_action,
    setback,
    status,
    touchpoint,
    words,
)

pytestmark = pytest.mark.django_db

Q1 = quarter_of(date(2025, 5, 1))
LATER = date(2025, 8, 1)  # "today": after the period, every clock has run out


def tallies(slug, on=LATER, period=Q1, **kwargs):
    return {group: t for (_by, group), t in count(MEASURES[slug], period, on=on, **kwargs).items()}


@pytest.fixture
def child(camden, amara):
    return lambda **kw: ChildFactory(owning_service=camden, lead_practitioner=amara, **kw)


def test_the_quarter(camden):
    assert (Q1.start, Q1.end) == (date(2025, 4, 1), date(2025, 6, 30))
    assert Q1.before().start == date(2025, 1, 1)


def test_four_questions_within_ten_working_days(child, amara):
    on_time, late, before, last_day, after = (child() for _ in range(5))
    status(on_time, "remand_yda", date(2025, 4, 1))
    words(on_time, date(2025, 4, 15), amara)  # the 10th working day (Easter skipped)
    status(late, "sentenced_custody", date(2025, 4, 1))
    words(late, date(2025, 4, 16), amara)  # the 11th
    status(before, "custody_likely", date(2025, 3, 31))  # before the period
    words(before, date(2025, 4, 1), amara)
    status(last_day, "sentenced_custody", date(2025, 6, 30))  # the period's last day counts
    words(last_day, date(2025, 6, 30), amara)
    status(after, "sentenced_custody", date(2025, 7, 1))
    words(after, date(2025, 7, 1), amara)

    found = tallies("four-questions")
    assert found == {"remanded": Tally(1, 1), "sentenced": Tally(1, 2)}


def test_four_questions_still_on_the_clock_are_not_counted_yet(child, amara):
    waiting = child()
    status(waiting, "custody_likely", date(2025, 6, 30))
    assert tallies("four-questions", on=date(2025, 7, 5)) == {}
    assert tallies("four-questions", on=LATER) == {"other": Tally(0, 1)}


def test_words_before_the_clock_starts_do_not_count(child, amara):
    early = child()
    words(early, date(2025, 3, 20), amara)
    status(early, "remand_yda", date(2025, 4, 1))
    assert tallies("four-questions") == {"remanded": Tally(0, 1)}


def test_personal_support_linked_to_a_goal(child):
    linked, unlinked, structural, too_late, out = (child() for _ in range(5))
    for c in (linked, unlinked, structural, too_late):
        status(c, "sentenced_custody", date(2025, 2, 1))
    status(out, "sentenced_custody", date(2025, 1, 1))
    status(out, "released_licence", date(2025, 3, 1))  # released before the period
    personal_action(linked, date(2025, 5, 1))
    personal_action(unlinked, date(2025, 5, 1), linked=False)
    personal_action(structural, date(2025, 5, 1), kind="structural")
    personal_action(too_late, date(2025, 7, 2))
    assert tallies("personal-support") == {"sentenced": Tally(1, 4)}


def test_remanded_then_sentenced_counts_in_each_group(child):
    both = child()
    status(both, "remand_yda", date(2025, 3, 1))
    status(both, "sentenced_custody", date(2025, 5, 1))
    personal_action(both, date(2025, 4, 1))
    assert tallies("personal-support") == {"remanded": Tally(1, 1), "sentenced": Tally(1, 1)}


@pytest.fixture
def releases(child):
    """Three releases in the period and two that are not."""
    ready, remanded, recalled, earlier, bare = (child() for _ in range(5))
    status(ready, "sentenced_custody", date(2025, 1, 10))
    status(ready, "released_licence", date(2025, 5, 20))
    checklist(ready, accommodation=date(2025, 5, 6), ete=date(2025, 5, 20))
    agreed(ready, date(2025, 5, 1))
    status(remanded, "remand_yda", date(2025, 4, 10))
    status(remanded, "community_order", date(2025, 6, 1))
    checklist(remanded, accommodation=date(2025, 5, 19), ete=date(2025, 6, 2))
    agreed(remanded, date(2025, 6, 2))  # after release
    status(recalled, "sentenced_custody", date(2025, 3, 1))
    status(recalled, "recall", date(2025, 5, 1))  # still in custody: not a release
    status(earlier, "sentenced_custody", date(2025, 1, 1))
    status(earlier, "released_licence", date(2025, 3, 31))  # the day before the period
    status(bare, "sentenced_custody", date(2025, 1, 1))
    status(bare, "released_notice", date(2025, 6, 30))  # the period's last day
    return ready, remanded, bare


def test_agreement_before_release(releases):
    assert tallies("agreement") == {"sentenced": Tally(1, 2), "remanded": Tally(0, 1)}


def test_accommodation_at_least_14_days_before_release(releases):
    # 6 May is exactly 14 days before 20 May; 19 May is 13 days before 1 June.
    assert tallies("accommodation") == {"sentenced": Tally(1, 2), "remanded": Tally(0, 1)}


def test_ete_by_the_day_of_release(releases):
    assert tallies("ete") == {"sentenced": Tally(1, 2), "remanded": Tally(0, 1)}


def test_accommodation_and_ete(releases):
    assert tallies("accommodation-and-ete") == {"sentenced": Tally(1, 2), "remanded": Tally(0, 1)}


def test_touchpoints_met_by_their_due_date(child):
    c = child()
    remand = status(c, "remand_yda", date(2025, 4, 1))
    touchpoint(c, date(2025, 4, 10), done=date(2025, 4, 10), episode=remand)  # on time
    touchpoint(c, date(2025, 4, 11), done=date(2025, 4, 14), episode=remand)  # late
    touchpoint(c, date(2025, 4, 12), episode=remand)  # never done
    touchpoint(c, date(2025, 4, 20), superseded=date(2025, 4, 15), episode=remand)  # not needed
    touchpoint(c, date(2025, 4, 13), superseded=date(2025, 4, 15), episode=remand)  # missed
    touchpoint(c, date(2025, 3, 31), done=date(2025, 3, 31), episode=remand)  # before
    touchpoint(c, date(2025, 7, 1), episode=remand)  # after
    assert tallies("touchpoints") == {"remanded": Tally(1, 4)}


def test_touchpoints_due_today_are_not_yet_counted(child):
    c = child()
    touchpoint(c, date(2025, 5, 1))
    assert tallies("touchpoints", on=date(2025, 5, 1)) == {}
    assert tallies("touchpoints", on=date(2025, 5, 2)) == {"other": Tally(0, 1)}


def test_setbacks_with_a_response_within_5_working_days(child):
    c = child()
    status(c, "sentenced_custody", date(2025, 1, 1))
    setback(c, date(2025, 5, 1), talked=date(2025, 5, 9))  # 5 working days (5 May skipped)
    setback(c, date(2025, 5, 1), talked=date(2025, 5, 12))  # 6
    setback(c, date(2025, 5, 2), recorded=date(2025, 5, 8))  # no talk date: the record's
    setback(c, date(2025, 5, 2))  # no response
    status(c, "released_licence", date(2025, 6, 1))
    setback(c, date(2025, 6, 2), talked=date(2025, 6, 2))  # in the community
    assert tallies("setbacks") == {"sentenced": Tally(2, 4), "other": Tally(1, 1)}


def test_contact_gaps_at_the_end_of_the_period(child, amara):
    seen, gap, never, ended, in_custody = (child() for _ in range(5))
    status(seen, "community_order", date(2025, 1, 1))
    words(seen, date(2025, 6, 10), amara)
    status(gap, "released_licence", date(2025, 1, 1))
    words(gap, date(2025, 6, 1), amara)  # 29 days before 30 June
    words(gap, date(2025, 7, 5), amara)  # after the period: not counted
    status(never, "community_order", date(2025, 1, 1))
    status(ended, "order_ended", date(2025, 2, 1))
    status(in_custody, "remand_yda", date(2025, 6, 1))
    words(in_custody, date(2025, 6, 2), amara)
    assert tallies("contact-gaps") == {"other": Tally(2, 3), "remanded": Tally(0, 1)}


def test_end_of_order_split_by_custody(child):
    custody, community, unrecorded, outside = (child() for _ in range(4))
    status(custody, "sentenced_custody", date(2024, 1, 1))
    Child.objects.filter(pk=custody.pk).update(
        order_ended_on=date(2025, 5, 1), end_accommodation="suitable", end_ete="not_suitable"
    )
    Child.objects.filter(pk=community.pk).update(
        order_ended_on=date(2025, 4, 1), end_accommodation="suitable", end_ete="suitable"
    )
    Child.objects.filter(pk=unrecorded.pk).update(order_ended_on=date(2025, 6, 30))
    Child.objects.filter(pk=outside.pk).update(
        order_ended_on=date(2025, 7, 1), end_accommodation="suitable"
    )
    assert tallies("end-accommodation") == {"custody": Tally(1, 1), "community": Tally(1, 2)}
    assert tallies("end-ete") == {"custody": Tally(0, 1), "community": Tally(1, 2)}


def test_volumes(child, feltham):
    a, b, c = (child() for _ in range(3))
    status(a, "remand_yda", date(2025, 4, 1), establishment=feltham)
    status(b, "sentenced_custody", date(2025, 5, 1), establishment=feltham,
           expected_release_on=date(2025, 9, 1))  # fmt: skip
    status(c, "sentenced_custody", date(2025, 1, 1), expected_release_on=date(2025, 12, 1))
    now = date(2025, 7, 1)
    assert tallies("in-custody", on=now) == {"remanded": Tally(1, 1), "sentenced": Tally(2, 2)}
    assert tallies("releases-ahead", on=now) == {"sentenced": Tally(1, 1)}
    assert tallies("custody-episodes") == {"remanded": Tally(1, 1), "sentenced": Tally(1, 1)}
    by_place = count(MEASURES["in-custody"], Q1, on=now, by="establishment")
    assert by_place[(feltham.pk, "sentenced")] == Tally(1, 1)
    assert by_place[(None, "sentenced")] == Tally(1, 1)


def test_by_service_and_limited_to_some_children(child, hackney, ben, amara):
    mine = child()
    theirs = ChildFactory(owning_service=hackney, lead_practitioner=ben)
    for c in (mine, theirs):
        status(c, "remand_yda", date(2025, 4, 1))
    words(mine, date(2025, 4, 2), amara)
    by_service = count(MEASURES["four-questions"], Q1, on=LATER, by="service")
    assert by_service == {
        (mine.owning_service_id, "remanded"): Tally(1, 1),
        (hackney.pk, "remanded"): Tally(0, 1),
    }
    only_camden = Child.objects.filter(owning_service=mine.owning_service)
    assert tallies("four-questions", children=only_camden) == {"remanded": Tally(1, 1)}
    behind = subjects(MEASURES["four-questions"], Q1, children=Child.objects.all(), met=False,
                      on=LATER)  # fmt: skip
    assert list(behind.values_list("subject", flat=True)) == [theirs.pk]


def test_every_measure_runs_on_an_empty_database(db):
    for measure in MEASURES.values():
        assert count(measure, Q1, on=LATER) == {}
        assert count(measure, Q1, on=LATER, by="service") == {}
