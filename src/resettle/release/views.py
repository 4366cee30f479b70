"""Release readiness pages and My week. Rules in readiness.py; queries in queries.py, week.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.accounts.models import Role
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.navigation import child_sections
from resettle.core.dates import today
from resettle.plans.models import PlanAction

from . import services, week
from .forms import ReleasePlanForm
from .models import ReleasePlan
from .queries import current_episodes, upcoming_for
from .readiness import CUSTODIAL, HORIZON_DAYS, RAG_RULE, readiness

# Pathways whose actions and plans B the checklist page shows beside it.
EVIDENCE_PATHWAYS = ("accommodation", "ete")


def _child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_page(request.user, public_id)


def _plan(child: Child) -> ReleasePlan | None:
    return ReleasePlan.objects.filter(child=child).first()


def _scope(request: HttpRequest) -> str:
    user = request.user
    if user.role not in policy.YJS_ROLES or not user.is_active:
        raise PermissionDenied(_("Only youth justice service staff have these lists."))
    default = "service" if user.role == Role.YJS_MANAGER else "mine"
    scope = request.GET.get("scope", default)
    return scope if scope in {"mine", "service"} else default


@require_GET
def checklist(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    record(request, "child.viewed", child=child, section="release")
    on = today()
    current = current_episodes(on, child).select_related("establishment").first()
    release_on = current.expected_release_on if current and current.status in CUSTODIAL else None
    plan = _plan(child)
    evidence = list(
        PlanAction.objects.filter(plan__child=child, pathway__slug__in=EVIDENCE_PATHWAYS)
        .select_related("pathway", "status", "contingency")
        .order_by("pathway__order", "due_on", "id")
    )
    return render(
        request,
        "release/checklist.html",
        {
            "child": child,
            "current_status": current,
            "sections": child_sections(child, "release", request.user),
            "plan": plan,
            "readiness": readiness(plan, release_on, on),
            "due_soon": release_on is not None and (release_on - on).days <= HORIZON_DAYS,
            "rag_rule": RAG_RULE,
            "evidence": evidence,
            "can_edit": policy.can_contribute(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
def checklist_edit(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    policy.require(
        policy.can_contribute(request.user, child),
        _("You can see this child's release checklist but not change it."),
    )
    plan = _plan(child)
    initial = {name: getattr(plan, name) for name in ReleasePlanForm.FIELDS} if plan else {}
    form = ReleasePlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = services.save_release_plan(
            request, child, {name: form.cleaned_data[name] for name in ReleasePlanForm.FIELDS}
        )
        messages.success(
            request,
            _("The release checklist has been saved") if changed else _("Nothing was changed"),
        )
        return redirect("release:checklist", public_id=child.public_id)
    if request.method == "GET":
        record(request, "child.viewed", child=child, section="release-edit")
    return render(request, "release/checklist_form.html", {"child": child, "form": form})


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
def my_week(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    return render(
        request,
        "release/my_week.html",
        {
            "scope": scope,
            "week": week.my_week(request.user, scope),
            "today": today(),
            "rag_rule": RAG_RULE,
            "not_seen_days": week.NOT_SEEN_DAYS,
            "limit": week.SECTION_LIMIT,
        },
    )
