"""Changing a child's release checklist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest

from resettle.access import policy
from resettle.audit.services import record

from .models import ReleasePlan

if TYPE_CHECKING:
    from resettle.children.models import Child


@transaction.atomic
def save_release_plan(request: HttpRequest, child: Child, values: dict) -> list[str]:
    """Save the checklist; returns the names of the fields that changed (audited if any)."""
    user = request.user
    policy.require(policy.can_contribute(user, child))
    plan = ReleasePlan.objects.select_for_update().filter(child=child).first()
    new = plan is None
    if new:
        plan = ReleasePlan(child=child, created_by=user)
    changed = [
        name for name, value in values.items() if getattr(plan, name) != (value or _empty(name))
    ]
    if not changed and not new:
        return []
    for name, value in values.items():
        setattr(plan, name, value if value is not None else _empty(name))
    plan.changed_by = user
    plan.save()
    record(request, "release.plan_changed", child=child, fields=changed)
    return changed


def _empty(name: str):
    return None if name.endswith("_on") else ""
