"""Writing case notes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.core.signals import announce

from .models import MAX_NOTE_LENGTH, CaseNote

if TYPE_CHECKING:
    from resettle.children.models import Child


@transaction.atomic
def add_note(actor: Actor, child: Child, *, text: str, contact_on: date | None = None) -> CaseNote:
    """Add a note to the child's record as the person acting, and audit it."""
    user = actor.user
    policy.require(
        policy.can_contribute(user, child),
        _("You can read this child's notes but not add to them."),
    )
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Write the note"), field="text")
    if len(text) > MAX_NOTE_LENGTH:
        raise DomainError(
            _("A note must be %(limit)s characters or fewer") % {"limit": MAX_NOTE_LENGTH},
            field="text",
        )
    if contact_on is not None and contact_on > today():
        raise DomainError(
            _("The date you saw the child must be today or in the past"), field="contact_on"
        )
    note = CaseNote.objects.create(
        child=child,
        text=text,
        contact_on=contact_on,
        written_by=user,
        organisation_id=user.organisation_id,
        created_by=user,
        changed_by=user,
    )
    record(actor, "note.added", child=child, note=str(note.public_id))
    if contact_on is not None:
        announce(CaseNote, child, "note")  # contact with the child is a fact others read
    return note
