"""The child's summary: the first page of their record."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.children.models import Child
from resettle.children.pages import READ, child_page
from resettle.children.stages import current_episode, derive_stage
from resettle.core.dates import today


@require_GET
@child_page("summary", READ)
def child_detail(request: HttpRequest, child: Child) -> HttpResponse:
    statuses = list(child.legal_statuses.select_related("establishment")[:10])
    on = today()
    return render(
        request,
        "children/child_detail.html",
        {
            "child": child,
            "legal_statuses": statuses,
            "current_status": current_episode(statuses, on),
            "stage": derive_stage(statuses, on),
            "can_edit": policy.can_edit_child(request.user, child),
        },
    )
