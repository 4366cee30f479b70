"""The child's release checklist. Rules in readiness.py; queries in queries.py."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.children.models import Child
from resettle.children.pages import CONTRIBUTE, READ, child_page
from resettle.children.undermining import warnings_about
from resettle.core.dates import today
from resettle.plans.facts import ActionFacts, key_plans_b
from resettle.plans.models import PlanAction

from . import services
from .forms import ReleasePlanForm
from .models import ReleasePlan
from .readiness import CUSTODIAL, HORIZON_DAYS, RAG_RULE, readiness

# Pathways whose actions and plans B the checklist page shows beside it.
EVIDENCE_PATHWAYS = ("accommodation", "ete")


def _plan(child: Child) -> ReleasePlan | None:
    return ReleasePlan.objects.for_child(child).first()


@require_GET
@child_page("release", READ)
def checklist(request: HttpRequest, child: Child) -> HttpResponse:
    on = today()
    current = child.current_legal_status(on)
    release_on = current.expected_release_on if current and current.status in CUSTODIAL else None
    plan = _plan(child)
    evidence = list(
        PlanAction.objects.for_child(child)
        .filter(pathway__slug__in=EVIDENCE_PATHWAYS)
        .select_related("pathway", "status", "contingency")
        .order_by("pathway__order", "due_on", "id")
    )
    plans_b = key_plans_b(ActionFacts.of(action, serves_goal=False) for action in evidence)
    return render(
        request,
        "release/checklist.html",
        {
            "child": child,
            "current_status": current,
            "plan": plan,
            "plans_b": plans_b,
            "who_meets_warnings": warnings_about(child, {"who_meets": plan.who_meets}).get(
                "who_meets", []
            )
            if plan
            else [],
            "can_change_plan": policy.can_contribute(request.user, child),
            "readiness": readiness(plan, release_on, on, plans_b),
            "due_soon": release_on is not None and (release_on - on).days <= HORIZON_DAYS,
            "rag_rule": RAG_RULE,
            "evidence": evidence,
            "can_edit": policy.can_change_release_plan(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
@child_page("release", CONTRIBUTE, viewed="release-edit")
def checklist_edit(request: HttpRequest, child: Child) -> HttpResponse:
    plan = _plan(child)
    initial = {name: getattr(plan, name) for name in ReleasePlanForm.FIELDS} if plan else {}
    form = ReleasePlanForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changed = services.save_release_plan(
            request.actor, child, **{name: form.cleaned_data[name] for name in form.FIELDS}
        )
        messages.success(
            request,
            _("The release checklist has been saved") if changed else _("Nothing was changed"),
        )
        return redirect("release:checklist", public_id=child.public_id)
    return render(request, "release/checklist_form.html", {"child": child, "form": form})
