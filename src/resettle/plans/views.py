"""The child's plan and the pages that change it. Thin: rules live in access.policy and services.

Reading needs a child the person may see (otherwise 404); changing needs
`policy.can_contribute` (otherwise 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.navigation import child_sections

from . import queries, services
from .forms import (
    ActionForm,
    AgreementForm,
    ContingencyForm,
    GoalChangeForm,
    GoalForm,
    NeedForm,
    VisionForm,
)
from .models import Goal, Plan, PlanAction
from .services import PlanError


def _child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_page(request.user, public_id)


def _contributing_child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_to_contribute(request.user, public_id)


def _plan_url(child: Child, anchor: str = "") -> str:
    url = reverse("plans:plan", args=[child.public_id])
    return f"{url}#{anchor}" if anchor else url


def _existing_plan(child: Child) -> Plan | None:
    plan = Plan.objects.filter(child=child).first()
    if plan is not None:
        plan.child = child
    return plan


def _action(child: Child, action_id) -> PlanAction:
    action = (
        PlanAction.objects.select_related("plan", "pathway", "status", "contingency")
        .filter(plan__child=child, public_id=action_id)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    action.plan.child = child
    return action


def _form_page(request, template: str, child: Child, **context) -> HttpResponse:
    if request.method == "GET":
        record(request, "child.viewed", child=child, section="plan-edit")
    return render(request, template, {"child": child, **context})


@require_GET
def plan(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    record(request, "child.viewed", child=child, section="plan")
    page = queries.plan_page(child)
    return render(
        request,
        "plans/plan.html",
        {
            "child": child,
            "page": page,
            "plan": page.plan,
            "current_status": child.current_legal_status(),
            "sections": child_sections(child, "plan", request.user),
            "can_contribute": policy.can_contribute(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
def edit_vision(request: HttpRequest, public_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    plan = _existing_plan(child)
    form = VisionForm(request.POST or None, initial=VisionForm.initial_for(plan))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plan = services.get_or_start_plan(child, by=request.user)
                services.set_vision(request, plan, **form.cleaned_data)
        except PlanError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The child's vision has been saved"))
            return redirect(_plan_url(child, "vision"))
    return _form_page(request, "plans/vision_form.html", child, form=form)


@require_http_methods(["GET", "POST"])
def add_goal(request: HttpRequest, public_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plan = services.get_or_start_plan(child, by=request.user)
                services.add_goal(request, plan, form.cleaned_data["text"])
        except PlanError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The goal has been added"))
            return redirect(_plan_url(child, "goals"))
    return _form_page(request, "plans/goal_form.html", child, form=form, goal=None)


@require_http_methods(["GET", "POST"])
def edit_goal(request: HttpRequest, public_id, goal_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    goal = Goal.objects.select_related("plan").filter(plan__child=child, public_id=goal_id).first()
    if goal is None:
        raise Http404("No such goal")
    goal.plan.child = child
    initial = {"text": goal.text, "still_a_goal": "yes" if goal.is_active else "no"}
    form = GoalChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_goal(
                request,
                goal,
                text=form.cleaned_data["text"],
                is_active=form.cleaned_data["still_a_goal"] == "yes",
            )
        except PlanError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The goal has been saved"))
            return redirect(_plan_url(child, "goals"))
    return _form_page(request, "plans/goal_form.html", child, form=form, goal=goal)


@require_http_methods(["GET", "POST"])
def add_need(request: HttpRequest, public_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    initial = {}
    if slug := request.GET.get("pathway"):
        initial["pathway"] = services.active_pathways().filter(slug=slug).first()
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plan = services.get_or_start_plan(child, by=request.user)
                need = services.add_need(request, plan, **form.cleaned_data)
        except PlanError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The need has been added"))
            return redirect(_plan_url(child, f"pathway-{need.pathway.slug}"))
    return _form_page(request, "plans/need_form.html", child, form=form)


@require_http_methods(["GET", "POST"])
def add_action(request: HttpRequest, public_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    plan = _existing_plan(child)
    initial = {}
    if slug := request.GET.get("pathway"):
        initial["pathway"] = services.active_pathways().filter(slug=slug).first()
    if request.GET.get("kind") in {"structural", "personal"}:
        initial["kind"] = request.GET["kind"]
    form = ActionForm(request.POST or None, child=child, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plan = plan or services.get_or_start_plan(child, by=request.user)
                action = services.add_action(request, plan, **form.cleaned_data)
        except PlanError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The action has been added"))
            return redirect(_plan_url(child, f"action-{action.public_id}"))
    return _form_page(request, "plans/action_form.html", child, form=form, action=None)


@require_http_methods(["GET", "POST"])
def edit_action(request: HttpRequest, public_id, action_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    action = _action(child, action_id)
    form = ActionForm(
        request.POST or None,
        child=child,
        plan=action.plan,
        action=action,
        initial=ActionForm.initial_for(action),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        goals = data.pop("goals")
        try:
            services.change_action(request, action, goals=goals, **data)
        except PlanError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The action has been saved"))
            return redirect(_plan_url(child, f"action-{action.public_id}"))
    return _form_page(request, "plans/action_form.html", child, form=form, action=action)


@require_http_methods(["GET", "POST"])
def contingency(request: HttpRequest, public_id, action_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    action = _action(child, action_id)
    current = getattr(action, "contingency", None)
    initial = {"plan_b": current.plan_b, "child_told_on": current.child_told_on} if current else {}
    form = ContingencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_contingency(request, action, **form.cleaned_data)
        except PlanError as exc:
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
def add_agreement(request: HttpRequest, public_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                plan = services.get_or_start_plan(child, by=request.user)
                services.agree_plan(request, plan, **form.cleaned_data)
        except PlanError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The child's agreement has been recorded"))
            return redirect(_plan_url(child, "agreement"))
    return _form_page(request, "plans/agreement_form.html", child, form=form)


@require_GET
def history(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    record(request, "child.history_viewed", child=child, section="plan")
    plan = _existing_plan(child)
    return render(
        request,
        "plans/history.html",
        {
            "child": child,
            "sections": child_sections(child, "plan", request.user),
            "changes": queries.plan_history(plan) if plan else [],
        },
    )
