"""Writing case notes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.http import HttpRequest

from resettle.access import policy
from resettle.audit.services import record

from .models import CaseNote

if TYPE_CHECKING:
    from resettle.children.models import Child


@transaction.atomic
def add_note(request: HttpRequest, child: Child, text: str) -> CaseNote:
    """Add a note to the child's record as the signed-in user, and audit it."""
    user = request.user
    policy.require(policy.can_contribute(user, child))
    text = text.strip()
    if not text:
        raise ValueError("A case note needs some text")
    note = CaseNote.objects.create(
        child=child,
        text=text,
        written_by=user,
        organisation_id=user.organisation_id,
        created_by=user,
        changed_by=user,
    )
    record(request, "note.added", child=child, note=str(note.public_id))
    return note
