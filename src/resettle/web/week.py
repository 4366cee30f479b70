"""My week, and releases coming up: what needs doing now, for a case worker (their caseload) or a
whole service (access.policy.in_scope).

Touchpoints and meetings come from `resettle.journey` and plan actions from `resettle.plans`. Each
section is one query however many rows it has; a section shows at most SECTION_LIMIT rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.journey.models import Meeting, Touchpoint
from resettle.plans.models import PlanAction
from resettle.release.queries import upcoming_for
from resettle.release.readiness import HORIZON_DAYS, RAG_RULE

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


def week_of(on: date) -> tuple[date, date]:
    monday = on - timedelta(days=on.weekday())
    return monday, monday + timedelta(days=6)


def touchpoints_due(children, ends_on: date):
    return (
        Touchpoint.objects.for_children(children.values("id"))
        .filter(
            completed_on__isnull=True,
            superseded_on__isnull=True,
            due_on__lte=ends_on,
        )
        .select_related("child")
        .order_by("due_on", "id")
    )


def actions_due(user, scope: str, ends_on: date):
    visible = Child.objects.visible_to(user).values("id")
    actions = PlanAction.objects.for_children(visible).filter(
        status__is_closed=False, due_on__lte=ends_on
    )
    if scope == "mine":
        actions = actions.filter(Q(plan__child__lead_practitioner=user) | Q(owner_person=user))
    return actions.select_related(
        "plan__child", "pathway", "status", "owner_person", "owner_organisation"
    ).order_by("due_on", "id")


def not_seen(children, on: date):
    """Children with an open order who have not taken part in a meeting for NOT_SEEN_DAYS."""
    seen = (
        Meeting.objects.for_child(OuterRef("pk")).filter(child_attended=True).order_by("-held_on")
    )
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
    children = policy.in_scope(Child.objects.all(), user, scope)
    return Week(
        scope=scope,
        starts_on=starts_on,
        ends_on=ends_on,
        touchpoints=Section.of(touchpoints_due(children, ends_on)),
        actions=Section.of(actions_due(user, scope, ends_on)),
        releases=upcoming_for(user, scope, on),
        not_seen=Section.of(not_seen(children, on)),
    )


def _scope(request: HttpRequest) -> str:
    if not policy.can_see_service_lists(request.user):
        raise PermissionDenied(_("Only youth justice service staff have these lists."))
    return policy.scope_from(request.user, request.GET.get("scope"))


@require_GET
def upcoming(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    return render(
        request,
        "release/upcoming.html",
        {
            "scope": scope,
            "children": upcoming_for(request.user, scope),
            "rag_rule": RAG_RULE,
            "weeks": HORIZON_DAYS // 7,
        },
    )


@require_GET
def my_week_page(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    return render(
        request,
        "release/my_week.html",
        {
            "scope": scope,
            "week": my_week(request.user, scope),
            "today": today(),
            "rag_rule": RAG_RULE,
            "not_seen_days": NOT_SEEN_DAYS,
            "limit": SECTION_LIMIT,
        },
    )
