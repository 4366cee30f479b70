"""The child's plan and the pages that change it. Thin: the child is resolved by `child_page`,
rules live in access.policy and services.

Reading needs a child the person may see (otherwise 404); changing needs CONTRIBUTE (otherwise
403).
"""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.pages import CONTRIBUTE, READ, child_page
from resettle.core.errors import DomainError
from resettle.directory.models import OPEN_STATUSES, Service

from . import queries, services
from .forms import (
    ActionForm,
    AgreementForm,
    ContingencyForm,
    GoalChangeForm,
    GoalForm,
    NeedForm,
    ProgressForm,
    VisionForm,
)
from .models import CustodyProgress, Goal, Plan, PlanAction

EDIT = "plan-edit"  # how the audit trail names a view of the plan's forms
SLUG = re.compile(r"^[-a-z0-9_]{1,80}$")


def _plan_url(child: Child, anchor: str = "") -> str:
    url = reverse("plans:plan", args=[child.public_id])
    return f"{url}#{anchor}" if anchor else url


def _existing_plan(child: Child) -> Plan | None:
    plan = Plan.objects.for_child(child).first()
    if plan is not None:
        plan.child = child
    return plan


def _action(child: Child, action_id) -> PlanAction:
    action = (
        PlanAction.objects.for_child(child)
        .select_related("plan", "pathway", "status", "contingency")
        .filter(public_id=action_id)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    action.plan.child = child
    return action


def _pathway_from_url(request: HttpRequest):
    """The pathway a link asked for (`?pathway=ete`); anything else is ignored."""
    slug = request.GET.get("pathway", "")
    return services.active_pathways().filter(slug=slug).first() if SLUG.match(slug) else None


def _service_from_url(request: HttpRequest):
    """The service a link from the menu of support asked for (`?service=<id>`), if it is open;
    anything else is ignored."""
    try:
        wanted = uuid.UUID(request.GET.get("service", ""))
    except ValueError:
        return None
    return Service.objects.filter(id=wanted, status__in=OPEN_STATUSES).first()


def _form_page(request, template: str, child: Child, **context) -> HttpResponse:
    return render(request, template, {"child": child, **context})


def _service_search(child: Child, pathway) -> str:
    """The menu of support, searched for the child's borough and age (and the pathway)."""
    query = urlencode(
        {
            "pathway": pathway.slug if pathway else "",
            "area": child.owning_service.slug,
            "age": child.age,
        }
    )
    return f"{reverse('directory:search')}?{query}"


@require_GET
@child_page("plan", READ)
def plan(request: HttpRequest, child: Child) -> HttpResponse:
    page = queries.plan_page(child)
    return render(
        request,
        "plans/plan.html",
        {
            "child": child,
            "page": page,
            "plan": page.plan,
            "current_status": child.current_legal_status(),
            "can_contribute": policy.can_contribute(request.user, child),
            "is_childs_service": policy.is_owning_staff(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def edit_vision(request: HttpRequest, child: Child) -> HttpResponse:
    words = services.latest_words(child)
    form = VisionForm(
        request.POST if request.method == "POST" else None,
        initial=VisionForm.initial_for(_existing_plan(child), words),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_vision(request.actor, child, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The child's vision has been saved"))
            return redirect(_plan_url(child, "vision"))
    return _form_page(request, "plans/vision_form.html", child, form=form, words=words)


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def add_goal(request: HttpRequest, child: Child) -> HttpResponse:
    words = services.latest_answers(child)
    form = GoalForm(
        request.POST if request.method == "POST" else None,
        initial={"said_on": words.recorded_on if words else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.add_goal(request.actor, child, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The goal has been added"))
            return redirect(_plan_url(child, "goals"))
    return _form_page(request, "plans/goal_form.html", child, form=form, goal=None, words=words)


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def edit_goal(request: HttpRequest, child: Child, goal_id) -> HttpResponse:
    goal = Goal.objects.for_child(child).select_related("plan").filter(public_id=goal_id).first()
    if goal is None:
        raise Http404("No such goal")
    goal.plan.child = child
    initial = {"text": goal.text, "still_a_goal": "yes" if goal.is_active else "no"}
    form = GoalChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_goal(
                request.actor,
                child,
                goal,
                text=form.cleaned_data["text"],
                is_active=form.cleaned_data["still_a_goal"] == "yes",
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The goal has been saved"))
            return redirect(_plan_url(child, "goals"))
    return _form_page(request, "plans/goal_form.html", child, form=form, goal=goal)


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def add_need(request: HttpRequest, child: Child) -> HttpResponse:
    pathway = _pathway_from_url(request)
    form = NeedForm(
        request.POST if request.method == "POST" else None,
        initial={"pathway": pathway} if pathway else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            need = services.add_need(request.actor, child, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The need has been added"))
            return redirect(_plan_url(child, f"pathway-{need.pathway.slug}"))
    return _form_page(request, "plans/need_form.html", child, form=form)


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def add_action(request: HttpRequest, child: Child) -> HttpResponse:
    plan = _existing_plan(child)
    initial = {}
    if pathway := _pathway_from_url(request):
        initial["pathway"] = pathway
    if request.GET.get("kind") in {"structural", "personal"}:
        initial["kind"] = request.GET["kind"]
    if service := _service_from_url(request):
        initial["service"] = service
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        child=child,
        plan=plan,
        initial=initial,
        offer_service=service.pk if service else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.add_action(request.actor, child, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The action has been added"))
            return redirect(_plan_url(child, f"action-{action.public_id}"))
    return _form_page(
        request,
        "plans/action_form.html",
        child,
        form=form,
        action=None,
        service_search=_service_search(child, initial.get("pathway")),
    )


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def edit_action(request: HttpRequest, child: Child, action_id) -> HttpResponse:
    action = _action(child, action_id)
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        child=child,
        plan=action.plan,
        action=action,
        initial=ActionForm.initial_for(action),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        goals = data.pop("goals")
        try:
            services.change_action(request.actor, child, action, goals=goals, **data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The action has been saved"))
            return redirect(_plan_url(child, f"action-{action.public_id}"))
    return _form_page(
        request,
        "plans/action_form.html",
        child,
        form=form,
        action=action,
        service_search=_service_search(child, action.pathway),
    )


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def contingency(request: HttpRequest, child: Child, action_id) -> HttpResponse:
    action = _action(child, action_id)
    current = getattr(action, "contingency", None)
    initial = {"plan_b": current.plan_b, "child_told_on": current.child_told_on} if current else {}
    form = ContingencyForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_contingency(request.actor, child, action, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Plan B has been saved"))
            return redirect(_plan_url(child, f"action-{action.public_id}"))
    return _form_page(
        request,
        "plans/contingency_form.html",
        child,
        form=form,
        action=action,
        current=current,
    )


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def add_agreement(request: HttpRequest, child: Child) -> HttpResponse:
    form = AgreementForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.agree_plan(request.actor, child, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The child's agreement has been recorded"))
            return redirect(_plan_url(child, "agreement"))
    return _form_page(request, "plans/agreement_form.html", child, form=form)


@require_GET
@child_page("plan", READ, viewed=None)
def history(request: HttpRequest, child: Child) -> HttpResponse:
    record(request.actor, "child.history_viewed", child=child, section="plan")
    plan = _existing_plan(child)
    return render(
        request,
        "plans/history.html",
        {"child": child, "changes": queries.plan_history(plan) if plan else []},
    )


# ---- Progress in custody (issue 15) -------------------------------------------------------------


def _progress_page(request, child: Child, progress: CustodyProgress | None) -> HttpResponse:
    plan = _existing_plan(child)
    initial = ProgressForm.initial_for(progress) if progress else {}
    if progress is None and (goal_id := request.GET.get("goal")):
        goal = Goal.objects.for_child(child).filter(public_id__in=_uuids(goal_id)).first()
        if goal is not None:
            initial["goal"] = goal
    form = ProgressForm(
        request.POST if request.method == "POST" else None,
        child=child,
        plan=plan,
        progress=progress,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            if progress is None:
                progress = services.record_progress(request.actor, child, **form.cleaned_data)
                messages.success(request, _("The progress has been recorded"))
            else:
                services.change_progress(request.actor, child, progress, **form.cleaned_data)
                messages.success(request, _("The progress has been saved"))
        except DomainError as exc:
            exc.add_to(form)
        else:
            return redirect(_plan_url(child, f"progress-{progress.public_id}"))
    return _form_page(request, "plans/progress_form.html", child, form=form, progress=progress)


def _uuids(value: str) -> list[str]:
    """A uuid asked for in the address, or nothing (a bad value is ignored)."""
    return [value] if re.match(r"^[0-9a-fA-F-]{32,36}$", value) else []


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def add_progress(request: HttpRequest, child: Child) -> HttpResponse:
    return _progress_page(request, child, None)


@require_http_methods(["GET", "POST"])
@child_page("plan", CONTRIBUTE, viewed=EDIT)
def edit_progress(request: HttpRequest, child: Child, progress_id) -> HttpResponse:
    progress = (
        CustodyProgress.objects.for_child(child)
        .select_related("goal", "action")
        .filter(public_id=progress_id)
        .first()
    )
    if progress is None:
        raise Http404("No such progress")
    return _progress_page(request, child, progress)
