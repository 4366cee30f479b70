"""Training: your own record, your team's (managers), coverage by service (the partnership), and
the modules (authors)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.core.errors import DomainError

from . import training
from .forms import YES, CompletionForm, ModuleForm
from .models import TrainingCompletion, TrainingModule
from .pages import require_author


def _active_modules() -> list[TrainingModule]:
    return list(TrainingModule.objects.filter(is_active=True).order_by("name"))


@require_GET
def mine(request):
    modules = _active_modules()
    standings = training.standings_for([request.user], modules)[request.user.pk]
    completions = TrainingCompletion.objects.filter(user=request.user).select_related("module")
    return render(
        request,
        "knowledge/training.html",
        {
            "standings": standings,
            "completions": completions.order_by("-completed_on", "-id")[:50],
            "can_see_team": policy.can_see_team_training(request.user),
            "can_see_services": policy.can_see_training_by_service(request.user),
            "can_author": policy.can_author_guidance(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def record(request):
    if not policy.can_record_training(request.user):
        raise PermissionDenied
    form = CompletionForm(request.POST or None, initial={"module": request.GET.get("module")})
    if request.method == "POST" and form.is_valid():
        try:
            training.record_completion(request.actor, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("Your training has been recorded"))
            return redirect("knowledge:training")
    return render(
        request,
        "knowledge/training_record.html",
        {"form": form, "has_modules": TrainingModule.objects.filter(is_active=True).exists()},
    )


@require_GET
def team(request):
    if not policy.can_see_team_training(request.user):
        raise PermissionDenied(_("Only youth justice service managers see their team's training."))
    modules = _active_modules()
    people = training.team_of(request.user)
    standings = training.standings_for(people, modules)
    rows = [(person, standings[person.pk]) for person in people]
    due = [
        (person, standing)
        for person, row in rows
        for standing in row
        if standing.status in (training.RENEW, training.EXPIRED)
    ]
    return render(
        request,
        "knowledge/training_team.html",
        {"modules": modules, "rows": rows, "due": due},
    )


@require_GET
def services(request):
    if not policy.can_see_training_by_service(request.user):
        raise PermissionDenied(_("Only partnership leads see training across services."))
    modules = _active_modules()
    return render(
        request,
        "knowledge/training_services.html",
        {"modules": modules, "rows": training.coverage_by_service(modules)},
    )


@require_GET
def modules(request):
    require_author(request.user)
    return render(
        request,
        "knowledge/training_modules.html",
        {"modules": TrainingModule.objects.order_by("-is_active", "name")},
    )


@require_http_methods(["GET", "POST"])
def module_form(request, module_id=None):
    require_author(request.user)
    module = get_object_or_404(TrainingModule, public_id=module_id) if module_id else None
    initial = None
    if module is not None:
        initial = {
            "name": module.name,
            "provider": module.provider,
            "covers": module.covers,
            "valid_for_months": module.valid_for_months,
            "is_active": YES if module.is_active else "no",
        }
    form = ModuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            training.save_module(request.actor, module=module, **form.values())
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The training module has been saved"))
            return redirect("knowledge:training-modules")
    return render(request, "knowledge/training_module_form.html", {"form": form, "module": module})
