"""The child's 5Cs page (the computed check and managers' audits) and recording an audit.

Reading needs a child the person may see (otherwise 404); recording an audit needs MANAGE, a
manager of the owning service (otherwise 403). Views stay thin: the rules live in services.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.children.models import Child
from resettle.children.pages import MANAGE, READ, child_page
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import services
from .forms import PlanAuditForm
from .models import PlanAudit
from .queries import StatusFacts, five_cs

# How many past audits the page shows (newest first).
AUDITS_SHOWN = 20


def _check_and_status(child: Child, user):
    current = child.current_legal_status()
    known = {"legal_status": {child.id: StatusFacts.of(current)}}
    return five_cs(child, user, known=known), current


@require_GET
@child_page("quality", READ, viewed="5cs")
def child_five_cs(request: HttpRequest, child: Child) -> HttpResponse:
    check, current_status = _check_and_status(child, request.user)
    audits = list(PlanAudit.objects.for_child(child).for_page()[:AUDITS_SHOWN])
    return render(
        request,
        "quality/child.html",
        {
            "child": child,
            "check": check,
            "current_status": current_status,
            "audits": audits,
            "can_audit": policy.can_audit_plan(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
@child_page("quality", MANAGE, viewed="5cs-audit")
def add_audit(request: HttpRequest, child: Child) -> HttpResponse:
    form = PlanAuditForm(
        request.POST if request.method == "POST" else None, initial={"audited_on": today()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_audit(request.actor, child, **form.cleaned_data)
        except DomainError as exc:  # the form checks the same rules; this is a safety net
            exc.add_to(form)
        else:
            messages.success(request, _("Your 5Cs audit has been saved"))
            return redirect("quality:child", public_id=child.public_id)
    check, _current = _check_and_status(child, request.user)
    return render(
        request, "quality/audit_form.html", {"child": child, "form": form, "check": check}
    )
