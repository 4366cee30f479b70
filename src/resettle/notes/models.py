"""Case notes: one running record that every agency working with the child writes in.

A note is never edited or deleted in use. Several agencies read the same thread and act on it, so
a note that could change after others read it would make the record unreliable; a correction is a
new note that says what it corrects. Notes go only with the child's record at the end of its
retention period.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, ChildScopedQuerySet, across

MAX_NOTE_LENGTH = 10_000


class CaseNoteQuerySet(ChildScopedQuerySet):
    def for_page(self) -> CaseNoteQuerySet:
        """Everything a row of the notes page shows, newest first, in one query."""
        return self.select_related("written_by", "organisation").order_by("-created_at", "-id")


class CaseNote(TrackedModel):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="case_notes")
    text = models.TextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("written by"),
    )
    # The writer's organisation when they wrote it: people move on, the note's origin does not.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )

    # The note records contact with the child on this day (they were seen or spoken with): one of
    # the facts "a conversation with the child happened" (docs/domain.md, section 8).
    contact_on = models.DateField(_("saw or spoke with the child on"), null=True, blank=True)

    objects = ChildScopedManager(queryset_class=CaseNoteQuerySet)
    across_children = across(CaseNoteQuerySet)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-created_at", "-id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        indexes = [models.Index(fields=["child", "-created_at"], name="case_note_child_idx")]

    def __str__(self) -> str:
        return f"Case note {self.public_id}"
