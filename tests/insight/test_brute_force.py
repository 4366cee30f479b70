"""The figures equal a brute-force recomputation from the raw records, for random records
(hypothesis): the aggregate queries and a plain Python reading of each definition agree."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resettle.core.working_days import add_working_days
from resettle.insight.measures import (
    CLOCK_STATUSES,
    CUSTODY_STATUSES,
    MEASURES,
    REMAND_STATUSES,
    SENTENCE_STATUSES,
    SUPERVISED_STATUSES,
    Tally,
    count,
    count_periods,
)
from resettle.insight.periods import quarter_of
from tests.factories import ChildFactory

from .helpers import agreed, checklist, status, touchpoint, words

pytestmark = pytest.mark.django_db

PERIOD = quarter_of(date(2025, 5, 1))
BASE = date(2025, 2, 1)
STATUSES = [
    "custody_likely",
    "remand_yda",
    "remand_la",
    "sentenced_custody",
    "recall",
    "released_licence",
    "released_notice",
    "community_order",
    "order_ended",
]

day = st.integers(min_value=0, max_value=200).map(lambda n: BASE + timedelta(days=n))
maybe_day = st.none() | day
child_records = st.fixed_dictionaries(
    {
        "episodes": st.lists(st.tuples(st.sampled_from(STATUSES), day), max_size=4),
        "words": st.lists(day, max_size=3),
        "agreements": st.lists(day, max_size=2),
        "checklist": st.none() | st.tuples(maybe_day, maybe_day),
        "touchpoints": st.lists(st.tuples(day, maybe_day, maybe_day), max_size=3),
    }
)


def group(status):
    if status in REMAND_STATUSES:
        return "remanded"
    if status in SENTENCE_STATUSES:
        return "sentenced"
    return "other"


def add(found, key, met):
    found[key] = found.get(key, Tally()) + Tally(int(met), 1)


def brute_force(records, on):
    """Each definition read literally from docs/insight.md, over plain Python lists."""
    found = {s: {} for s in ("four-questions", "agreement", "accommodation", "ete",
                             "touchpoints", "contact-gaps")}  # fmt: skip
    end = min(PERIOD.end, on)
    for r in records:
        episodes = sorted(r["saved"], key=lambda e: (e[1], e[2]))  # (status, starts_on, id)
        for status_, starts, _id in episodes:
            deadline = add_working_days(starts, 10)
            if status_ in CLOCK_STATUSES and PERIOD.contains(starts) and deadline < on:
                met = any(starts <= w <= deadline for w in r["words"])
                add(found["four-questions"], group(status_), met)
            if status_ not in CUSTODY_STATUSES:
                continue
            later = [e for e in episodes if e[1] > starts]
            if not later:
                continue
            next_status, release, _ = later[0]
            if next_status in CUSTODY_STATUSES or not (PERIOD.start <= release <= end):
                continue
            add(found["agreement"], group(status_), any(a <= release for a in r["agreements"]))
            acc, ete = r["checklist"] or (None, None)
            add(found["accommodation"], group(status_),
                acc is not None and acc <= release - timedelta(days=14))  # fmt: skip
            add(found["ete"], group(status_), ete is not None and ete <= release)
        by_id = {e[2]: e[0] for e in episodes}
        for due, done, superseded, episode_id in r["saved_touchpoints"]:
            if not (PERIOD.start <= due <= min(PERIOD.end, on - timedelta(days=1))):
                continue
            if done is None and superseded is not None and superseded <= due:
                continue
            add(found["touchpoints"], group(by_id.get(episode_id, "")),
                done is not None and done <= due)  # fmt: skip
        as_of = end
        current = [e for e in episodes if e[1] <= as_of]
        if current:
            now_status = max(current, key=lambda e: (e[1], e[2]))[0]
            if now_status in SUPERVISED_STATUSES:
                seen = [w for w in r["words"] if w <= as_of]
                gap = not seen or max(seen) < as_of - timedelta(days=28)
                add(found["contact-gaps"], group(now_status), gap)
    return found


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    records=st.lists(child_records, min_size=1, max_size=5),
    on=st.integers(min_value=60, max_value=260).map(lambda n: BASE + timedelta(days=n)),
)
def test_the_figures_equal_a_brute_force_recomputation(camden, amara, records, on):
    with transaction.atomic():
        for r in records:
            child = ChildFactory(owning_service=camden, lead_practitioner=amara)
            r["saved"] = [(s, d, status(child, s, d).id) for s, d in r["episodes"]]
            r["saved_touchpoints"] = []
            for i, (due, done, superseded) in enumerate(r["touchpoints"]):
                episode = r["saved"][i % len(r["saved"])][2] if r["saved"] else None
                touchpoint(child, due, done=done, superseded=superseded, episode_id=episode)
                r["saved_touchpoints"].append((due, done, superseded, episode))
            for w in r["words"]:
                words(child, w, amara)
            for a in r["agreements"]:
                agreed(child, a)
            if r["checklist"]:
                checklist(child, *r["checklist"])
        expected = brute_force(records, on)
        for slug, tallies in expected.items():
            got = {g: t for (_by, g), t in count(MEASURES[slug], PERIOD, on=on).items()}
            assert got == tallies, slug
        # Several periods in one query count what each period counts on its own.
        periods = [PERIOD.before(), PERIOD, PERIOD.before().before()][:2]
        for measure in MEASURES.values():
            one_by_one = [count(measure, p, on=on) for p in periods]
            assert count_periods(measure, periods, on=on) == one_by_one, measure.slug
        transaction.set_rollback(True)
