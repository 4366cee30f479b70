"""Figures already counted, kept in the database so every web process (and the next view after a
restart) reads them instead of counting again: no child's record, only counts by key."""

from __future__ import annotations

from django.db import models


class StoredFigures(models.Model):
    """The counts of one measure for one period (or trend), filters and scope, as counted at
    `refreshed_at`. Written by whoever counted them (a page, or `manage.py refresh_figures`)."""

    key = models.CharField(max_length=255, unique=True)
    data = models.JSONField()
    refreshed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "stored figures"

    def __str__(self) -> str:
        return self.key
