"""Everything the journey page shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch

from resettle.accounts.models import Organisation, User
from resettle.children.models import Child, LegalStatusEpisode
from resettle.core.dates import today

from .models import JourneyEvent, Meeting, Touchpoint, TouchpointStatus
from .stages import Stage, derive_stage


@dataclass(frozen=True)
class TimelineItem:
    on: date
    kind: str  # "legal_status", "meeting", "ladder" or "snake"
    item: Any
    order: int  # same day: events after meetings after legal statuses, newest first


@dataclass
class JourneyPage:
    stage: Stage | None
    current_status: LegalStatusEpisode | None
    touchpoints: list[Touchpoint]
    open_touchpoints: list[Touchpoint] = field(default_factory=list)
    closed_touchpoints: list[Touchpoint] = field(default_factory=list)
    timeline: list[TimelineItem] = field(default_factory=list)
    setbacks_needing_response: int = 0


def journey_page(child: Child, on: date | None = None) -> JourneyPage:
    on = on or today()
    episodes = list(
        child.legal_statuses.select_related("establishment").order_by("-starts_on", "-id")
    )
    touchpoints = list(
        Touchpoint.objects.filter(child=child)
        .select_related("rule", "completed_by_meeting")
        .order_by("due_on", "id")
    )
    meetings = list(
        Meeting.objects.filter(child=child)
        .select_related("voice_entry", "created_by")
        .prefetch_related(
            Prefetch("people", queryset=User.objects.order_by("full_name")),
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            "actions",
            Prefetch("completed_touchpoints", queryset=Touchpoint.objects.order_by("due_on")),
        )
    )
    events = list(
        JourneyEvent.objects.filter(child=child).select_related("pathway", "response", "created_by")
    )
    current = next((e for e in episodes if e.starts_on <= on), None)
    page = JourneyPage(
        stage=derive_stage(episodes, on), current_status=current, touchpoints=touchpoints
    )
    for touchpoint in touchpoints:
        touchpoint.status_today = touchpoint.status_on(on)
        touchpoint.status_today_label = TouchpointStatus(touchpoint.status_today).label
        if touchpoint.status_today in {TouchpointStatus.DUE, TouchpointStatus.OVERDUE}:
            page.open_touchpoints.append(touchpoint)
        else:
            page.closed_touchpoints.append(touchpoint)
    page.closed_touchpoints.sort(key=lambda t: t.completed_on or t.due_on, reverse=True)
    items = [TimelineItem(e.starts_on, "legal_status", e, 0) for e in episodes]
    items += [TimelineItem(m.held_on, "meeting", m, 1) for m in meetings]
    for event in events:
        items.append(TimelineItem(event.happened_on, event.kind, event, 2))
        if event.is_snake and not hasattr(event, "response"):
            page.setbacks_needing_response += 1
    page.timeline = sorted(items, key=lambda i: (i.on, i.order, i.item.created_at), reverse=True)
    return page


def stages_for(children: list[Child], on: date | None = None) -> dict[int, Stage | None]:
    """Each child's stage, in one query for the whole list."""
    on = on or today()
    by_child: dict[int, list[LegalStatusEpisode]] = {c.id: [] for c in children}
    episodes = LegalStatusEpisode.objects.filter(child_id__in=list(by_child)).only(
        "id", "child_id", "status", "starts_on", "expected_release_on"
    )
    for episode in episodes:
        by_child[episode.child_id].append(episode)
    return {child_id: derive_stage(found, on) for child_id, found in by_child.items()}


def attach_stages(children, on: date | None = None) -> list[Child]:
    """For a list page: give each child a `stage` attribute, in one query."""
    children = list(children)
    stages = stages_for(children, on)
    for child in children:
        child.stage = stages[child.id]
    return children
