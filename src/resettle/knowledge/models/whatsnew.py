"""What's new: dated notes of changes to Resettle, each shown once to each person."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from resettle.core.models import TrackedModel

MAX_NOTE_BODY = 5_000


class ReleaseNote(TrackedModel):
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("what changed"))
    published_at = models.DateTimeField(_("published"), db_index=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("what's new note")

    def __str__(self) -> str:
        return self.title


class ReleaseNoteSeen(models.Model):
    note = models.ForeignKey(ReleaseNote, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "user"], name="knowledge_note_seen_once")
        ]
