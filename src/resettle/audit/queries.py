"""The one queryset builder for listing audit entries: everything a row shows, in one query."""

from __future__ import annotations

from django.db.models import F, QuerySet

from .models import AuditEvent


def listing() -> QuerySet[AuditEvent]:
    """Entries newest first, with the names a reader needs and nothing else from related rows.

    The people, organisations and children an entry names may since have been deleted (entries
    have no database constraints), so names are LEFT JOINed annotations that may be None.
    """
    return AuditEvent.objects.annotate(
        actor_name=F("actor__full_name"),
        organisation_name=F("organisation__name"),
        child_public_id=F("child__public_id"),
    ).order_by("-at", "-id")
