"""The light 5Cs rating kept for lists (quality/kept.py): reused while current, marked out of date
by any change to the child's record, never overwritten by a rating made before a change, and never
kept for partner practitioners (who count only the conversations shared with them).

(tests/conftest.py also checks, after every database test in the suite, that each kept rating
equals one worked out afresh.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.children.models import Child
from resettle.core.dates import today
from resettle.quality import kept
from resettle.quality.models import KeptRating
from resettle.quality.queries import five_cs_for

from ..factories import ChildFactory, share

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(camden, amara, make_plan):
    child = ChildFactory(owning_service=camden, lead_practitioner=amara)
    make_plan(child, goals=["Get into college"], actions=[], agreed_days_ago=None)
    return child


def listed(child):
    return Child.objects.filter(pk=child.pk).for_caseload()


def row(child) -> KeptRating:
    return KeptRating.objects.get(child_id=child.pk)


def test_a_list_keeps_the_rating_and_reuses_it(child, amara, django_assert_num_queries):
    assert row(child).rated_on is None  # made just now: nothing rated yet
    first = kept.ratings_for(listed(child), amara)[child.pk]
    assert row(child).rated_on == today()
    assert row(child).statuses == kept.encode(
        five_cs_for(listed(child), None, light=True)[child.pk]
    )
    with django_assert_num_queries(2):  # the child, then the kept rating: no check
        again = kept.ratings_for(listed(child), amara)[child.pk]
    assert [c.status for c in again.cs] == [c.status for c in first.cs]
    assert again.met_count == first.met_count
    assert [c.name for c in again.not_met] == [c.name for c in first.not_met]


def test_a_change_to_the_record_marks_it_and_the_list_shows_the_new_rating(
    child, amara, make_entry
):
    before = kept.ratings_for(listed(child), amara)[child.pk]
    make_entry(child, amara, who_do_you_want_to_be="A mechanic", strengths_in_own_words="Fixing")
    assert row(child).rated_on is None
    after = kept.ratings_for(listed(child), amara)[child.pk]
    fresh = five_cs_for(listed(child), None, light=True)[child.pk]
    assert kept.encode(after) == kept.encode(fresh) != kept.encode(before)


def test_a_rating_from_yesterday_is_not_reused(child, amara):
    kept.ratings_for(listed(child), amara)
    KeptRating.objects.filter(child_id=child.pk).update(
        statuses="mmmmm", rated_on=today() - timedelta(days=1)
    )
    result = kept.ratings_for(listed(child), amara)[child.pk]
    assert kept.encode(result) != "mmmmm"
    assert row(child).rated_on == today()


def test_a_rating_made_before_a_change_is_not_written_over_the_change(child, amara, make_entry):
    """A list reads the record, another request changes it, then the list writes back: the write
    is refused because the generation it read has gone, so the next list rates again."""
    kept.ratings_for(listed(child), amara)
    KeptRating.objects.filter(child_id=child.pk).update(rated_on=None)  # due a new rating
    read = {
        r[0]: (r[1], r[2], r[3])
        for r in KeptRating.objects.filter(child_id=child.pk).values_list(
            "child_id", "statuses", "rated_on", "generation"
        )
    }
    make_entry(child, amara, who_do_you_want_to_be="A chef")  # meanwhile: marks a new generation
    kept._keep({child.pk: "nnnnn"}, read, today())
    assert row(child).rated_on is None and row(child).statuses != "nnnnn"
    # A child with no row yet: a mark made meanwhile wins over the list's insert.
    other = ChildFactory(owning_service=child.owning_service)
    KeptRating.objects.filter(child_id=other.pk).delete()
    kept.forget([other.pk])
    kept._keep({other.pk: "nnnnn"}, {}, today())
    assert row(other).rated_on is None


def test_links_and_deletions_mark_it_and_a_deleted_child_leaves_nothing(child, amara, make_entry):
    entry = make_entry(child, amara)
    kept.ratings_for(listed(child), amara)
    entry.strengths.clear()
    assert row(child).rated_on is None
    kept.ratings_for(listed(child), amara)
    entry.delete()
    assert row(child).rated_on is None
    kept.ratings_for(listed(child), amara)
    child_id = child.pk
    child.delete()
    assert not KeptRating.objects.filter(child_id=child_id).exists()


def test_partner_practitioners_ratings_are_worked_out_each_time_and_not_kept(
    child, amara, sam, camden_social_care, make_entry
):
    share(child, camden_social_care)
    make_entry(child, amara, share_with_partners=False, who_do_you_want_to_be="A nurse")
    KeptRating.objects.filter(child_id=child.pk).delete()
    theirs = kept.ratings_for(listed(child), sam)[child.pk]
    assert not KeptRating.objects.filter(child_id=child.pk).exists()
    assert kept.encode(theirs) == kept.encode(five_cs_for(listed(child), sam, light=True)[child.pk])


def test_the_caseload_shows_the_kept_rating(client_for, child, amara):
    client = client_for(amara)
    page = client.get(reverse("children:caseload"), {"scope": "mine"})
    shown = page.context["page"].object_list[0].five_cs
    assert row(child).rated_on == today()
    again = client.get(reverse("children:caseload"), {"scope": "mine"})
    assert again.context["page"].object_list[0].five_cs.met_count == shown.met_count
    assert f"{shown.met_count} of 5 met" in again.content.decode()


def test_a_whole_service_is_rated_in_chunks_and_kept(camden, amara, monkeypatch):
    monkeypatch.setattr(kept, "CHUNK", 4)
    children = [ChildFactory(owning_service=camden, lead_practitioner=amara) for _ in range(10)]
    listed_all = list(Child.objects.filter(pk__in=[c.pk for c in children]).for_caseload())
    rated = kept.ratings_for(listed_all, None)
    assert set(rated) == {c.pk for c in children}
    assert KeptRating.objects.filter(child_id__in=rated, rated_on=today()).count() == 10
    fresh = five_cs_for(listed_all, None, light=True)
    assert all(kept.encode(rated[i]) == kept.encode(fresh[i]) for i in rated)


# ---- The plan page's summary, kept beside the rating -------------------------------------------


def shown(check) -> list[tuple]:
    """What the plan page's summary shows of a check: each C's status, and each indicator's
    label, status and link."""
    return [
        (c.key, c.status, [(i.key, str(i.label), i.status, i.fix_url) for i in c.indicators])
        for c in check.cs
    ]


def plan_child(child):
    return Child.objects.select_related("owning_service", "lead_practitioner").get(pk=child.pk)


def test_the_plan_summary_is_kept_for_the_day_and_reused(child, amara, monkeypatch):
    first = kept.summary_check(plan_child(child), amara)
    assert row(child).findings and row(child).rated_on == today()
    assert shown(first) == shown(kept.five_cs(plan_child(child), amara))
    assert any(i.fix_url for c in first.not_met for i in c.indicators)  # links to put it right

    def not_again(*args, **kwargs):
        raise AssertionError("the check was worked out again")

    monkeypatch.setattr(kept, "five_cs", not_again)
    again = kept.summary_check(plan_child(child), amara)
    assert shown(again) == shown(first)
    assert again.met_count == first.met_count


def test_kept_links_are_offered_only_to_people_who_may_follow_them(child, amara, ben, hackney):
    """Kept once, by a case worker who may change the plan; then read by a youth justice service
    that sees the child through a share and only reads: no links to change what it may not."""
    share(child, hackney)
    kept.summary_check(plan_child(child), amara)
    theirs = kept.summary_check(plan_child(child), ben)
    assert shown(theirs) == shown(kept.five_cs(plan_child(child), ben))
    mine = kept.summary_check(plan_child(child), amara)
    assert len([i for c in mine.cs for i in c.indicators if i.fix_url]) > len(
        [i for c in theirs.cs for i in c.indicators if i.fix_url]
    )


def test_a_change_clears_the_kept_summary_and_the_plan_page_shows_the_new_one(
    client_for, child, amara, make_entry
):
    client = client_for(amara)
    url = reverse("plans:plan", args=[child.public_id])
    page = client.get(url).content.decode()
    assert row(child).findings
    make_entry(child, amara, who_do_you_want_to_be="A mechanic", strengths_in_own_words="Fixing")
    assert row(child).findings is None and row(child).rated_on is None
    after = client.get(url).content.decode()
    fresh = kept.five_cs(plan_child(child), amara)
    assert f"{fresh.met_count} of 5 met" in after
    assert row(child).findings == kept.encode_findings(fresh)
    assert page != after


def test_a_summary_from_yesterday_or_one_that_no_longer_fits_is_worked_out_again(child, amara):
    kept.summary_check(plan_child(child), amara)
    # A list rates the child on a new day: the summary kept beside the old rating goes.
    KeptRating.objects.filter(child_id=child.pk).update(rated_on=today() - timedelta(days=1))
    kept.ratings_for(listed(child), amara)
    assert row(child).rated_on == today() and row(child).findings is None
    kept.summary_check(plan_child(child), amara)
    assert row(child).findings
    # Kept by an earlier version with an indicator since removed: worked out again.
    KeptRating.objects.filter(child_id=child.pk).update(
        findings=[["constructive", "gone", "n", "", "read"]]
    )
    again = kept.summary_check(plan_child(child), amara)
    assert shown(again) == shown(kept.five_cs(plan_child(child), amara))
    assert row(child).findings == kept.encode_findings(again)


def test_a_summary_worked_out_before_a_change_is_not_written_over_the_change(
    child, amara, make_entry, monkeypatch
):
    kept.forget([child.pk])
    real = kept.five_cs

    def meanwhile(*args, **kwargs):
        check = real(*args, **kwargs)
        make_entry(child, amara, who_do_you_want_to_be="A chef")  # another request's change
        return check

    monkeypatch.setattr(kept, "five_cs", meanwhile)
    kept.summary_check(plan_child(child), amara)
    assert row(child).rated_on is None and row(child).findings is None


def test_partner_practitioners_summaries_are_not_kept(child, sam, camden_social_care):
    share(child, camden_social_care)
    kept.forget([child.pk])
    theirs = kept.summary_check(plan_child(child), sam)
    assert row(child).findings is None and row(child).rated_on is None
    assert shown(theirs) == shown(kept.five_cs(plan_child(child), sam))
