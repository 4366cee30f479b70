"""Changing a child's release checklist."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.signals import announce

from .models import ReleasePlan

FIELDS = (
    "accommodation_confirmed_on",
    "accommodation_address_note",
    "ete_confirmed_on",
    "ete_detail",
    "health_handover_on",
    "who_meets",
    "transport",
    "first_appointment",
)

if TYPE_CHECKING:
    from resettle.children.models import Child


@transaction.atomic
def save_release_plan(actor: Actor, child: Child, **values) -> list[str]:
    """Save the checklist; returns the names of the fields that changed (audited if any)."""
    user = actor.user
    policy.require(policy.can_change_release_plan(user, child))
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise TypeError(f"save_release_plan() got unexpected fields: {sorted(unknown)}")
    plan = ReleasePlan.objects.for_child(child).select_for_update().first()
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
    record(actor, "release.plan_changed", child=child, fields=changed)
    announce(ReleasePlan, child, "release")
    return changed


def _empty(name: str):
    return None if name.endswith("_on") else ""
