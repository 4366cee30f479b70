"""My week: what needs doing now, for a case worker (their caseload) or a whole service.

Touchpoints and meetings come from `resettle.journey` and plan actions from `resettle.plans`. Each
section is one query however many rows it has; a section shows at most SECTION_LIMIT rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.apps import apps
from django.db.models import F, OuterRef, Q, Subquery

from resettle.children.models import Child
from resettle.core.dates import today
from resettle.plans.models import PlanAction

from .queries import upcoming_for

# Not seen: no meeting the child took part in for this many days.
NOT_SEEN_DAYS = 28
SECTION_LIMIT = 50


@dataclass
class Section:
    rows: list
    more: bool = False

    @classmethod
    def of(cls, queryset) -> Section:
        rows = list(queryset[: SECTION_LIMIT + 1])
        return cls(rows[:SECTION_LIMIT], len(rows) > SECTION_LIMIT)


@dataclass
class Week:
    scope: str
    starts_on: date
    ends_on: date
    touchpoints: Section
    actions: Section
    releases: list
    not_seen: Section
    journey_available: bool


def week_of(on: date) -> tuple[date, date]:
    monday = on - timedelta(days=on.weekday())
    return monday, monday + timedelta(days=6)


def journey_available() -> bool:
    return apps.is_installed("resettle.journey")


def children_in_scope(user, scope: str):
    children = Child.objects.visible_to(user)
    if scope == "mine":
        children = children.filter(lead_practitioner=user)
    return children


def touchpoints_due(children, ends_on: date):
    from resettle.journey.models import Touchpoint

    return (
        Touchpoint.objects.filter(
            child__in=children.values("id"),
            completed_on__isnull=True,
            superseded_on__isnull=True,
            due_on__lte=ends_on,
        )
        .select_related("child")
        .order_by("due_on", "id")
    )


def actions_due(user, scope: str, ends_on: date):
    visible = Child.objects.visible_to(user).values("id")
    actions = PlanAction.objects.filter(
        plan__child__in=visible, status__is_closed=False, due_on__lte=ends_on
    )
    if scope == "mine":
        actions = actions.filter(Q(plan__child__lead_practitioner=user) | Q(owner_person=user))
    return actions.select_related(
        "plan__child", "pathway", "status", "owner_person", "owner_organisation"
    ).order_by("due_on", "id")


def not_seen(children, on: date):
    """Children with an open order who have not taken part in a meeting for NOT_SEEN_DAYS."""
    from resettle.journey.models import Meeting

    seen = Meeting.objects.filter(child=OuterRef("pk"), child_attended=True).order_by("-held_on")
    return (
        children.filter(order_ended_on__isnull=True)
        .annotate(last_seen_on=Subquery(seen.values("held_on")[:1]))
        .filter(
            Q(last_seen_on__isnull=True) | Q(last_seen_on__lt=on - timedelta(days=NOT_SEEN_DAYS))
        )
        .select_related("lead_practitioner")
        .order_by(F("last_seen_on").asc(nulls_first=True), "preferred_name", "id")
    )


def my_week(user, scope: str, on: date | None = None) -> Week:
    on = on or today()
    starts_on, ends_on = week_of(on)
    children = children_in_scope(user, scope)
    available = journey_available()
    empty = Section([])
    return Week(
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        touchpoints=Section.of(touchpoints_due(children, ends_on)) if available else empty,
        actions=Section.of(actions_due(user, scope, ends_on)),
        releases=upcoming_for(user, scope, on),
        not_seen=Section.of(not_seen(children, on)) if available else empty,
        journey_available=available,
    )
