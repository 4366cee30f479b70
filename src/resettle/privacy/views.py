"""The child's subject access export: readable on screen, machine-readable as JSON.

Exports are the data controller's: a manager of the child's own service (MANAGE).
"""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.pages import MANAGE, child_page

from .export import as_json, collect


@require_GET
@child_page("sharing", MANAGE, viewed=None)
def subject_access(request: HttpRequest, child: Child) -> HttpResponse:
    sections = collect(child)
    record(request.actor, "child.exported", child=child, format="html")
    return render(request, "privacy/subject_access.html", {"child": child, "sections": sections})


@require_GET
@child_page("sharing", MANAGE, viewed=None)
def subject_access_json(request: HttpRequest, child: Child) -> HttpResponse:
    payload = as_json(child)
    record(request.actor, "child.exported", child=child, format="json")
    response = HttpResponse(
        json.dumps(payload, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="subject-access-{child.public_id}.json"'
    )
    return response
