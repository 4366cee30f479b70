"""Everything the journey page shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch

from resettle.accounts.models import Organisation, User
from resettle.children.models import CURRENT_ORDER, Child, LegalStatusEpisode
from resettle.children.stages import Stage, current_episode, derive_stage
from resettle.core.dates import today

from .models import JourneyEvent, Meeting, Touchpoint, TouchpointStatus


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
    episodes = list(child.legal_statuses.select_related("establishment").order_by(*CURRENT_ORDER))
    touchpoints = list(
        Touchpoint.objects.for_child(child)
        .select_related("rule", "completed_by_meeting")
        .order_by("due_on", "id")
    )
    meetings = list(
        Meeting.objects.for_child(child)
        .select_related("voice_entry", "created_by")
        .prefetch_related(
            Prefetch("people", queryset=User.objects.order_by("full_name")),
            Prefetch("organisations", queryset=Organisation.objects.order_by("name")),
            "actions",
            Prefetch(
                "completed_touchpoints", queryset=Touchpoint.across_children.order_by("due_on")
            ),
        )
    )
    events = list(
        JourneyEvent.objects.for_child(child).select_related("pathway", "response", "created_by")
    )
    current = current_episode(episodes, on)
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
