"""The child's subject access export: readable on screen, machine-readable as JSON."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child

from .export import as_json, collect


def _child_for_export(request: HttpRequest, public_id) -> Child:
    child = policy.get_child_for_user(
        request.user, public_id, Child.objects.select_related("owning_service")
    )
    policy.require(
        policy.can_export_child(request.user, child),
        "Only a manager of the child's own service can export their record.",
    )
    return child


@require_GET
def subject_access(request: HttpRequest, public_id) -> HttpResponse:
    child = _child_for_export(request, public_id)
    sections = collect(child)
    record(request, "child.exported", child=child, format="html")
    return render(request, "privacy/subject_access.html", {"child": child, "sections": sections})


@require_GET
def subject_access_json(request: HttpRequest, public_id) -> HttpResponse:
    child = _child_for_export(request, public_id)
    payload = as_json(child)
    record(request, "child.exported", child=child, format="json")
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{child.public_id}.json"'
    )
    return response
