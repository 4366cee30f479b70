"""Writing the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

from .models import ACTIONS, AuditEvent

if TYPE_CHECKING:
    from resettle.children.models import Child


def client_address(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


def record(
    request: HttpRequest, action: str, *, child: Child | None = None, **detail: Any
) -> AuditEvent:
    """Record that the signed-in user did `action` (to `child`, if given).

    The entry is appended to the hash chain (see `AuditEvent.save`). On PostgreSQL appends are
    serialised by a lock held until the surrounding transaction ends, so inside a service's
    `transaction.atomic()` call `record()` after the service's own writes, not before them.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to audit.models.ACTIONS")
    user = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        actor=user,
        actor_email=user.email if user else "",
        organisation_id=user.organisation_id if user else None,
        role=user.role if user else "",
        action=action,
        child=child,
        ip_address=client_address(request),
        detail=detail,
    )


def record_system(action: str, *, child: Child | None = None, **detail: Any) -> AuditEvent:
    """Record something Resettle did by itself (a scheduled job), with no person or request."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to audit.models.ACTIONS")
    return AuditEvent.objects.create(
        actor_email="", role="system", action=action, child=child, detail=detail
    )
