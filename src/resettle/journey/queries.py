"""Everything the journey page shows, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resettle.access.models import Share
from resettle.accounts.models import Organisation, User
from resettle.children.models import CURRENT_ORDER, Child, LegalStatusEpisode
from resettle.children.stages import Stage, current_episode, derive_stage
from resettle.children.undermining import warnings_for
from resettle.core.dates import today
from resettle.network.models import Professional
from resettle.plans.models import CustodyProgress, PlanAction

from .models import JourneyEvent, Meeting, MetBy, Touchpoint, TouchpointStatus

# What to do to meet a touchpoint (a link), and what met it, by what meets it (journey.facts).
TO_MEET = {
    MetBy.FOUR_QUESTIONS: ("voice:add", "", _("Record a conversation")),
    MetBy.FAMILY_CONTACT: ("journey:meeting-add", "", _("Record contact with the family")),
    MetBy.EARLY_PLAN: ("plans:action-add", "", _("Add the first action to the plan")),
    MetBy.ACCOMMODATION: ("release:checklist-edit", "", _("Confirm it on the release checklist")),
}
MET_BY = {
    MetBy.FOUR_QUESTIONS: ("voice:overview", _("the conversation")),
    MetBy.FAMILY_CONTACT: ("journey:journey", _("the meeting")),
    MetBy.MEETING: ("journey:journey", _("the meeting")),
    MetBy.EARLY_PLAN: ("plans:plan", _("the plan")),
    MetBy.ACCOMMODATION: ("release:checklist", _("the release checklist")),
    "note": ("notes:notes", _("the case note")),
    MetBy.BY_HAND: (None, _("marked as done")),
}


def to_meet(touchpoint: Touchpoint, child: Child) -> tuple[str, str]:
    """Where to go to meet the touchpoint, and the words of the link."""
    met_by = touchpoint.met_by
    if met_by == MetBy.MEETING:
        url = reverse("journey:meeting-add", args=[child.public_id])
        return f"{url}?kind={touchpoint.rule.completed_by}", str(_("Record the meeting"))
    if met_by in TO_MEET:
        name, query, label = TO_MEET[met_by]
        return reverse(name, args=[child.public_id]) + query, str(label)
    return reverse("journey:touchpoint-done", args=[child.public_id, touchpoint.public_id]), str(
        _("Mark as done")
    )


def met_by(touchpoint: Touchpoint, child: Child) -> tuple[str | None, str]:
    """A link to what met the touchpoint, and its words."""
    name, label = MET_BY.get(touchpoint.met_by_kind, (None, ""))
    if name == "journey:journey":
        return reverse(name, args=[child.public_id]) + "#timeline", str(label)
    return (reverse(name, args=[child.public_id]) if name else None), str(label)


@dataclass(frozen=True)
class TimelineItem:
    on: date
    kind: str  # "legal_status", "meeting", "ladder", "snake" or "progress" (a ladder in custody)
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
    warnings = warnings_for({child.pk: {m.pk: m.other_attendees for m in meetings}}).get(
        child.pk, {}
    )
    for meeting in meetings:
        meeting.warnings = warnings.get(meeting.pk, [])
    current = current_episode(episodes, on)
    page = JourneyPage(
        stage=derive_stage(episodes, on), current_status=current, touchpoints=touchpoints
    )
    for touchpoint in touchpoints:
        touchpoint.to_meet_url, touchpoint.to_meet_label = to_meet(touchpoint, child)
        touchpoint.met_by_url, touchpoint.met_by_label = met_by(touchpoint, child)
        touchpoint.status_today = touchpoint.status_on(on)
        touchpoint.status_today_label = TouchpointStatus(touchpoint.status_today).label
        if touchpoint.status_today in {TouchpointStatus.DUE, TouchpointStatus.OVERDUE}:
            page.open_touchpoints.append(touchpoint)
        else:
            page.closed_touchpoints.append(touchpoint)
    page.closed_touchpoints.sort(key=lambda t: t.completed_on or t.due_on, reverse=True)
    items = [TimelineItem(e.starts_on, "legal_status", e, 0) for e in episodes]
    items += [TimelineItem(m.held_on, "meeting", m, 1) for m in meetings]
    # Progress in custody is a ladder too (plans.CustodyProgress): on the day it finished, or
    # the day it started while it is still going.
    items += [
        TimelineItem(p.finished_on or p.started_on, "progress", p, 2)
        for p in CustodyProgress.objects.for_child(child).select_related("goal", "created_by")
    ]
    for event in events:
        items.append(TimelineItem(event.happened_on, event.kind, event, 2))
        if event.is_snake and not hasattr(event, "response"):
            page.setbacks_needing_response += 1
    page.timeline = sorted(items, key=lambda i: (i.on, i.order, i.item.created_at), reverse=True)
    return page


def organisations_involved(child: Child):
    """The organisations involved with the child: their youth justice service, organisations their
    record is shared with now, the agencies of professionals in their network, and organisations
    that own actions in their plan. What a meeting's attendees are usually chosen from."""
    shared = Share.objects.for_child(child).active().values("organisation_id")
    agencies = Professional.objects.for_child(child).values("organisation_id")
    owners = PlanAction.objects.for_child(child).values("owner_organisation_id")
    return Organisation.objects.filter(
        Q(id=child.owning_service_id) | Q(id__in=shared) | Q(id__in=agencies) | Q(id__in=owners),
        is_active=True,
    ).order_by("name")
