"""Changing the child's network: rule-checked, saved with its history, and audited.

The audit entry says what kind of entry changed and which fields, never what they now say
(contact details are personal data about people other than the child).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.errors import DomainError

from .models import Person, PlaceOrActivity, Professional

if TYPE_CHECKING:
    from resettle.children.models import Child

ENTRY_KINDS = {Person: "person", PlaceOrActivity: "place", Professional: "professional"}
TEXT_FIELDS = {"name", "relationship_detail", "role", "role_in_plan", "contact_details", "notes"}


ENTRY_FIELDS = {
    Person: (
        "name",
        "relationship",
        "relationship_detail",
        "influence",
        "role_in_plan",
        "contact_details",
        "notes",
    ),
    PlaceOrActivity: ("name", "kind", "influence", "notes"),
    Professional: ("name", "role", "organisation", "contact_details", "is_active"),
}


@transaction.atomic
def save_network_entry(actor: Actor, child: Child, entry, **values):
    """Add (`entry` is the model: Person, PlaceOrActivity or Professional) or change (`entry` is
    the record) someone or something in `child`'s network. Returns the entry."""
    user = actor.user
    policy.require(policy.can_change_network(user, child))
    new = isinstance(entry, type)
    model = entry if new else type(entry)
    unknown = set(values) - set(ENTRY_FIELDS[model])
    if unknown:
        raise TypeError(f"save_network_entry() got unexpected fields: {sorted(unknown)}")
    if model is Person and "contact_details" in values:
        policy.require(policy.can_see_personal_contacts(user, child))
    instance = model(child=child) if new else entry
    if not new and instance.child_id != child.id:
        raise DomainError(_("This is not in this child's network"))
    for name in TEXT_FIELDS & set(values):
        values[name] = str(values[name] or "").strip()
    if "name" in values:
        values["name"] = " ".join(values["name"].split())
    changed = sorted(name for name, value in values.items() if getattr(instance, name) != value)
    if not new and not changed:
        return instance
    for name, value in values.items():
        setattr(instance, name, value)
    try:
        instance.full_clean(exclude=["child", "created_by", "changed_by"])
    except ValidationError as exc:
        raise DomainError(exc.message_dict) from exc
    instance.child = child
    if new:
        instance.created_by = user
    instance.changed_by = user
    instance._history_user = user
    instance.save()
    record(
        actor,
        "network.changed",
        child=child,
        entry=ENTRY_KINDS[model],
        entry_id=str(instance.public_id),
        change="added" if new else "changed",
        fields=changed,
    )
    return instance
