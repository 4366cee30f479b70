"""The child's stage, worked out from legal status episodes and a date (a pure function)."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from resettle.children.models import LegalStatus
from resettle.children.stages import Stage, derive_stage

TODAY = date(2026, 3, 4)  # a Wednesday
S = LegalStatus


@dataclass
class Ep:
    status: str
    starts_on: date
    expected_release_on: date | None = None
    id: int | None = None


def days(n: int) -> timedelta:
    return timedelta(days=n)


# Which stages each current status may give, whatever came before it.
ALLOWED = {
    S.CUSTODY_LIKELY: {Stage.CUSTODY_LIKELY},
    S.REMAND_YDA: {Stage.REMAND},
    S.REMAND_LA: {Stage.REMAND},
    S.SENTENCED_CUSTODY: {Stage.ENTRY_TO_CUSTODY, Stage.IN_CUSTODY, Stage.PREPARING_FOR_RELEASE},
    S.RECALL: {Stage.IN_CUSTODY, Stage.PREPARING_FOR_RELEASE},
    S.RELEASED_LICENCE: {Stage.RELEASE_AND_EARLY_COMMUNITY, Stage.COMMUNITY, Stage.SUSTAINING},
    S.RELEASED_NOTICE: {Stage.RELEASE_AND_EARLY_COMMUNITY, Stage.COMMUNITY, Stage.SUSTAINING},
    S.COMMUNITY_ORDER: {Stage.COMMUNITY, Stage.SUSTAINING},
    S.ORDER_ENDED: {Stage.ORDER_ENDED},
}


def sequence(statuses, *, gap=20, release_in=200, end=TODAY):
    """Episodes one after another, the last starting `gap` days before `end`."""
    start = end - days(gap * len(statuses))
    episodes = []
    for n, status in enumerate(statuses, start=1):
        starts = start + days(gap * n)
        release = starts + days(release_in) if status in {S.SENTENCED_CUSTODY, S.RECALL} else None
        episodes.append(Ep(status, starts, release, id=n))
    return episodes


# ---- Every sequence ----------------------------------------------------------------------------


def test_every_sequence_of_up_to_three_statuses_gives_a_stage_that_fits_the_latest():
    for length in (1, 2, 3):
        for statuses in itertools.product(list(S), repeat=length):
            for gap in (1, 20, 60):
                stage = derive_stage(sequence(statuses, gap=gap), TODAY)
                assert stage in ALLOWED[statuses[-1]], (statuses, gap, stage)


@given(
    statuses=st.lists(st.sampled_from(list(S)), min_size=1, max_size=12),
    gaps=st.lists(st.integers(min_value=0, max_value=400), min_size=12, max_size=12),
    release_in=st.integers(min_value=0, max_value=800),
    on_offset=st.integers(min_value=0, max_value=600),
)
def test_any_sequence_gives_a_stage_that_fits_the_current_status(
    statuses, gaps, release_in, on_offset
):
    start = date(2024, 1, 1)
    episodes = []
    for n, status in enumerate(statuses):
        start += days(gaps[n])
        release = start + days(release_in) if status in {S.SENTENCED_CUSTODY, S.RECALL} else None
        episodes.append(Ep(status, start, release, id=n + 1))
    on = episodes[0].starts_on + days(on_offset)
    stage = derive_stage(episodes, on)
    started = [e for e in episodes if e.starts_on <= on]
    if not started:
        assert stage is None
        return
    current = max(started, key=lambda e: (e.starts_on, e.id))
    assert stage in ALLOWED[current.status]
    # The order the episodes are given in makes no difference.
    shuffled = episodes[:]
    random.Random(on_offset).shuffle(shuffled)
    assert derive_stage(shuffled, on) == stage


@given(
    statuses=st.lists(st.sampled_from(list(S)), min_size=1, max_size=6),
    later=st.sampled_from([s for s in S if s != S.ORDER_ENDED]),
    ahead=st.integers(min_value=1, max_value=60),
)
def test_a_status_dated_in_the_future_does_not_count_yet(statuses, later, ahead):
    episodes = sequence(statuses)
    before = derive_stage(episodes, TODAY)
    assert derive_stage([*episodes, Ep(later, TODAY + days(ahead), id=99)], TODAY) == before


def test_no_legal_status_means_no_stage():
    assert derive_stage([], TODAY) is None
    assert derive_stage([Ep(S.REMAND_YDA, TODAY + days(1))], TODAY) is None


# ---- The journey through custody and out -------------------------------------------------------


def test_remand_then_sentence_then_release_then_recall():
    remanded = Ep(S.REMAND_YDA, date(2026, 1, 5), id=1)
    sentenced = Ep(S.SENTENCED_CUSTODY, date(2026, 2, 2), date(2026, 8, 3), id=2)
    released = Ep(S.RELEASED_LICENCE, date(2026, 8, 3), id=3)
    recalled = Ep(S.RECALL, date(2026, 10, 12), date(2027, 3, 1), id=4)
    episodes = [remanded, sentenced, released, recalled]
    assert derive_stage(episodes, date(2026, 1, 20)) == Stage.REMAND
    assert derive_stage(episodes, date(2026, 2, 10)) == Stage.ENTRY_TO_CUSTODY
    assert derive_stage(episodes, date(2026, 3, 20)) == Stage.IN_CUSTODY
    assert derive_stage(episodes, date(2026, 6, 1)) == Stage.PREPARING_FOR_RELEASE
    assert derive_stage(episodes, date(2026, 8, 3)) == Stage.RELEASE_AND_EARLY_COMMUNITY
    assert derive_stage(episodes, date(2026, 9, 30)) == Stage.COMMUNITY
    # Recalled: in custody again (not a fresh entry), then preparing for release again.
    assert derive_stage(episodes, date(2026, 10, 12)) == Stage.IN_CUSTODY
    assert derive_stage(episodes, date(2026, 10, 20)) == Stage.IN_CUSTODY
    assert derive_stage(episodes, date(2026, 11, 30)) == Stage.PREPARING_FOR_RELEASE


def test_custody_likely_and_community_order_and_order_ended():
    assert derive_stage([Ep(S.CUSTODY_LIKELY, TODAY)], TODAY) == Stage.CUSTODY_LIKELY
    assert derive_stage([Ep(S.COMMUNITY_ORDER, TODAY - days(3))], TODAY) == Stage.COMMUNITY
    assert derive_stage([Ep(S.REMAND_LA, TODAY)], TODAY) == Stage.REMAND
    assert derive_stage([Ep(S.ORDER_ENDED, TODAY - days(300))], TODAY) == Stage.ORDER_ENDED


def test_entry_to_custody_lasts_ten_working_days():
    # Sentenced on Monday 30 March 2026: Good Friday (3 April) and Easter Monday (6 April) are
    # not working days, so the tenth working day is Wednesday 15 April.
    sentenced = Ep(S.SENTENCED_CUSTODY, date(2026, 3, 30), date(2027, 3, 30))
    assert derive_stage([sentenced], date(2026, 4, 15)) == Stage.ENTRY_TO_CUSTODY
    assert derive_stage([sentenced], date(2026, 4, 16)) == Stage.IN_CUSTODY


def test_preparing_for_release_starts_thirteen_weeks_before_release():
    release = date(2026, 12, 1)
    sentenced = Ep(S.SENTENCED_CUSTODY, date(2026, 1, 5), release)
    assert derive_stage([sentenced], release - days(91)) == Stage.PREPARING_FOR_RELEASE
    assert derive_stage([sentenced], release - days(92)) == Stage.IN_CUSTODY
    # Still in custody after the expected date (release not yet recorded): still preparing.
    assert derive_stage([sentenced], release + days(5)) == Stage.PREPARING_FOR_RELEASE


def test_sentence_without_a_release_date_is_in_custody():
    sentenced = Ep(S.SENTENCED_CUSTODY, date(2025, 1, 6))
    assert derive_stage([sentenced], TODAY) == Stage.IN_CUSTODY


def test_a_short_sentence_is_entry_to_custody_first_then_preparing_for_release():
    sentenced = Ep(S.SENTENCED_CUSTODY, TODAY, TODAY + days(60))
    assert derive_stage([sentenced], TODAY + days(2)) == Stage.ENTRY_TO_CUSTODY
    assert derive_stage([sentenced], TODAY + days(20)) == Stage.PREPARING_FOR_RELEASE


def test_release_and_early_community_lasts_six_weeks():
    released = Ep(S.RELEASED_NOTICE, TODAY)
    assert derive_stage([released], TODAY + days(41)) == Stage.RELEASE_AND_EARLY_COMMUNITY
    assert derive_stage([released], TODAY + days(42)) == Stage.COMMUNITY


def test_sustaining_in_the_eight_weeks_before_a_known_order_end():
    released = Ep(S.RELEASED_LICENCE, TODAY - days(200))
    ends = Ep(S.ORDER_ENDED, TODAY + days(56))
    assert derive_stage([released, ends], TODAY) == Stage.SUSTAINING
    assert derive_stage([released, ends], TODAY - days(1)) == Stage.COMMUNITY
    assert derive_stage([released, ends], TODAY + days(56)) == Stage.ORDER_ENDED
    order = Ep(S.COMMUNITY_ORDER, TODAY - days(100))
    assert derive_stage([order, ends], TODAY + days(10)) == Stage.SUSTAINING
    # Without a known end date there is no sustaining stage.
    assert derive_stage([order], TODAY + days(1000)) == Stage.COMMUNITY


def test_two_statuses_on_the_same_day_the_one_recorded_last_counts():
    first = Ep(S.REMAND_YDA, TODAY, id=1)
    second = Ep(S.SENTENCED_CUSTODY, TODAY, TODAY + days(300), id=2)
    assert derive_stage([second, first], TODAY) == Stage.ENTRY_TO_CUSTODY
    assert derive_stage([Ep(S.REMAND_LA, TODAY), Ep(S.COMMUNITY_ORDER, TODAY)], TODAY) == (
        Stage.COMMUNITY
    )
