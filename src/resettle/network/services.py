"""Changing the child's network: rule-checked, saved with its history, and audited.

The audit entry says what kind of entry changed and which fields, never what they now say
(contact details are personal data about people other than the child).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest

from resettle.access import policy
from resettle.audit.services import record

from .models import Person, PlaceOrActivity, Professional
from .permissions import can_change_network

if TYPE_CHECKING:
    from django.forms import ModelForm

    from resettle.children.models import Child

ENTRY_KINDS = {Person: "person", PlaceOrActivity: "place", Professional: "professional"}


@transaction.atomic
def save_network_entry(request: HttpRequest, child: Child, form: ModelForm):
    """Add or change a person, place or activity, or professional in `child`'s network."""
    policy.require(can_change_network(request.user, child))
    instance = form.save(commit=False)
    new = instance.pk is None
    if not new and instance.child_id != child.id:
        raise ValueError("The entry belongs to another child")
    changed = list(form.changed_data)
    if not new and not changed:
        return instance
    instance.child = child
    if new:
        instance.created_by = request.user
    instance.changed_by = request.user
    instance._history_user = request.user
    instance.save()
    record(
        request,
        "network.changed",
        child=child,
        entry=ENTRY_KINDS[type(instance)],
        entry_id=str(instance.public_id),
        change="added" if new else "changed",
        fields=sorted(changed),
    )
    return instance
