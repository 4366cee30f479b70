"""The child's 5Cs page (the computed check and managers' audits) and recording an audit.

Reading needs a child the person may see (otherwise 404); recording an audit needs a manager of
the owning service (otherwise 403). Views stay thin: the rules live in services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.navigation import child_sections
from resettle.core.dates import today

from . import services
from .forms import PlanAuditForm
from .models import PlanAudit
from .queries import StatusFacts, five_cs

# How many past audits the page shows (newest first).
AUDITS_SHOWN = 20


def _child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_page(request.user, public_id)


def _check_and_status(child: Child, user):
    current = child.current_legal_status()
    known = {"legal_status": {child.id: StatusFacts.of(current)}}
    return five_cs(child, user, known=known), current


@require_GET
def child_five_cs(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    record(request, "child.viewed", child=child, section="5cs")
    check, current_status = _check_and_status(child, request.user)
    audits = list(PlanAudit.objects.filter(child=child).for_page()[:AUDITS_SHOWN])
    return render(
        request,
        "quality/child.html",
        {
            "child": child,
            "check": check,
            "current_status": current_status,
            "audits": audits,
            "sections": child_sections(child, "quality", request.user),
            "can_audit": services.can_audit(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
def add_audit(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    policy.require(
        services.can_audit(request.user, child),
        _("Only a manager of the child's youth justice service can record a 5Cs audit."),
    )
    form = PlanAuditForm(request.POST or None, initial={"audited_on": today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_audit(request, child, **form.cleaned_data)
        except ValidationError as exc:  # the form checks the same rules; this is a safety net
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your 5Cs audit has been saved"))
            return redirect("quality:child", public_id=child.public_id)
    if request.method == "GET":
        record(request, "child.viewed", child=child, section="5cs-audit")
    check, _current = _check_and_status(child, request.user)
    return render(
        request, "quality/audit_form.html", {"child": child, "form": form, "check": check}
    )
