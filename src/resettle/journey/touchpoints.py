"""Keeping every touchpoint's state true to the child's record: met by the record that meets it.

A touchpoint is **met** when the fact its rule names (a meeting of a kind, a conversation, family
contact, a plan with an action, accommodation confirmed: `journey.facts`) was recorded on a day in
its window, from the day its legal status started to the day a later status replaced it; it is met
*late* when that day is after its deadline. A touchpoint not met whose status was replaced is
*missed* if it had fallen due, or *no longer needed* if it had not. Rules met by hand are marked
done by hand and never changed here.

`refresh(children)` recomputes the touchpoints of the children from their facts and saves what
changed; services call it (through `core.signals.child_record_changed`) whenever a fact changes,
so stored state always equals what the facts say (the property tested in
tests/journey/test_touchpoint_invariants.py). Repeating touchpoints (reviews) get their next one
when the last is met, unless it would fall after the expected release.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from resettle.core.working_days import add_working_days

from . import open_touchpoints
from .facts import ChildFacts, Event, load_facts
from .models import Meeting, MetBy, Touchpoint

STATE_FIELDS = ["completed_on", "completed_by_meeting", "met_by_kind", "met_by_ref"]


@dataclass(frozen=True)
class State:
    completed_on: date | None
    met_by_kind: str
    met_by_ref: object

    @classmethod
    def of(cls, touchpoint: Touchpoint) -> State:
        return cls(touchpoint.completed_on, touchpoint.met_by_kind, touchpoint.met_by_ref)


UNMET = State(None, "", None)


def window_start(touchpoint: Touchpoint) -> date:
    if touchpoint.episode_id is not None:
        return touchpoint.episode.starts_on
    return timezone.localdate(touchpoint.created_at)


def _used_key(touchpoint: Touchpoint) -> tuple:
    """Repeating touchpoints (reviews) of one legal status each need a record of their own."""
    return (touchpoint.rule_id, touchpoint.episode_id)


def satisfying_event(touchpoint: Touchpoint, facts: ChildFacts, used: set) -> Event | None:
    """The first record in the touchpoint's window that meets it (for a repeating one, that no
    earlier one of the same legal status used), or None."""
    rule = touchpoint.rule
    start, end = window_start(touchpoint), touchpoint.superseded_on
    for event in facts.events(rule.met_by, rule.completed_by):
        if event.on < start or (end is not None and event.on > end):
            continue
        if rule.repeats and (*_used_key(touchpoint), event.ref) in used:
            continue
        return event
    return None


def _automatic(touchpoint: Touchpoint) -> bool:
    return touchpoint.rule is not None and touchpoint.rule.met_by != MetBy.BY_HAND


def expected_state(touchpoint: Touchpoint, facts: ChildFacts, used: set) -> State:
    event = satisfying_event(touchpoint, facts, used)
    if event is None:
        return UNMET
    used.add((*_used_key(touchpoint), event.ref))
    return State(event.on, event.kind, event.ref)


def refresh(children: Iterable, by=None) -> int:
    """Bring the touchpoints of `children` (objects or ids) into line with their records. Returns
    how many touchpoints changed or were made."""
    ids = [getattr(c, "pk", c) for c in children]
    facts = load_facts(ids)
    touchpoints = (
        Touchpoint.objects.for_children(ids)
        .select_related("rule", "episode")
        .order_by("child_id", "due_on", "id")
    )
    by_child: dict[int, list[Touchpoint]] = defaultdict(list)
    for touchpoint in touchpoints:
        by_child[touchpoint.child_id].append(touchpoint)
    changed: list[Touchpoint] = []
    made: list[Touchpoint] = []
    for child_id, mine in by_child.items():
        used: set = set()
        for touchpoint in mine:
            if not _automatic(touchpoint):
                continue
            state = expected_state(touchpoint, facts[child_id], used)
            if state != State.of(touchpoint):
                touchpoint.completed_on = state.completed_on
                touchpoint.met_by_kind = state.met_by_kind
                touchpoint.met_by_ref = state.met_by_ref
                touchpoint.completed_by_meeting_id = None
                touchpoint.changed_by = by
                changed.append(touchpoint)
            successor = _next_review(touchpoint, mine)
            if successor is not None:
                made.append(successor)
    _link_meetings(changed)
    if changed:
        Touchpoint.across_children.bulk_update(changed, [*STATE_FIELDS, "changed_by"])
    if made:
        Touchpoint.objects.bulk_create(made)
    if changed or made:  # changed in bulk: keep the lists' rows (journey/open_touchpoints.py)
        open_touchpoints.refresh_children({t.child_id for t in [*changed, *made]})
    if made:
        # A new review may already be met by a meeting held since: look again.
        return len(changed) + len(made) + refresh(ids, by)
    return len(changed)


def _link_meetings(touchpoints: list[Touchpoint]) -> None:
    """Set `completed_by_meeting` for the touchpoints a meeting met (one query)."""
    refs = {t.met_by_ref for t in touchpoints if t.met_by_kind == MetBy.MEETING}
    if not refs:
        return
    from_ref = dict(
        Meeting.across_children.filter(public_id__in=refs).values_list("public_id", "id")
    )
    for touchpoint in touchpoints:
        if touchpoint.met_by_kind == MetBy.MEETING:
            touchpoint.completed_by_meeting_id = from_ref.get(touchpoint.met_by_ref)


def _next_review(touchpoint: Touchpoint, siblings: list[Touchpoint]) -> Touchpoint | None:
    """The next of a repeating touchpoint, when it has just been met and has none yet."""
    rule = touchpoint.rule
    if not rule.repeats or touchpoint.completed_on is None or touchpoint.superseded_on:
        return None
    later = [
        t
        for t in siblings
        if t.rule_id == rule.pk
        and t.episode_id == touchpoint.episode_id
        and t is not touchpoint
        and t.due_on > touchpoint.due_on
    ]
    if later or not rule.is_active:
        return None
    due_on = add_working_days(touchpoint.completed_on, rule.working_days)
    episode = touchpoint.episode
    if episode is not None and episode.expected_release_on and due_on > episode.expected_release_on:
        return None  # the release preparation meeting takes its place
    return Touchpoint(
        child_id=touchpoint.child_id,
        rule=rule,
        name=rule.name,
        due_on=due_on,
        episode=episode,
        created_by=touchpoint.changed_by,
        changed_by=touchpoint.changed_by,
    )
