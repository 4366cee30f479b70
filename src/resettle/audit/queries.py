"""The one queryset builder for listing audit entries: everything a row shows, in one query."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import AuditEvent

# What a listed entry shows; the rest of the person, organisation and child rows is left behind.
LISTED_FIELDS = (
    "at",
    "actor_email",
    "role",
    "action",
    "ip_address",
    "detail",
    "hash",
    "actor__full_name",
    "organisation__name",
    "child__public_id",
)


def listing() -> QuerySet[AuditEvent]:
    """Entries newest first, with the names a reader needs joined in.

    The people, organisations and children an entry names may since have been deleted (entries
    have no database constraints), so `event.actor`, `event.organisation` and `event.child` may be
    None. Counting drops the joins (select_related), so pagination stays cheap.
    """
    return (
        AuditEvent.objects.select_related("actor", "organisation", "child")
        .only(*LISTED_FIELDS)
        .order_by("-at", "-id")
    )
