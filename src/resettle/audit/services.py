"""Writing the audit trail: `record(actor, action, child=..., **detail)`."""

from __future__ import annotations

import logging
from typing import Any

from .actors import API, WEB, Actor
from .models import ACTIONS, ANCHORED, AuditEvent

security = logging.getLogger("resettle.security")

# Audit actions that are also security events in the logs (sign-in, two-factor, passwords and
# every change to an account; records leaving the service). The log line names the action and the
# entry's id, never a person or child.
SECURITY_EVENTS = ("user.", "child.exported", "audit.exported")


def record(actor: Actor, action: str, *, child: Any = None, **detail: Any) -> AuditEvent:
    """Record that `actor` did `action` (to `child`, if given).

    The entry is appended to its organisation's hash chain (see `AuditEvent.save`). On PostgreSQL
    appends to one chain are serialised by a lock held until the surrounding transaction ends, so
    inside a service's `transaction.atomic()` call `record()` after the service's own writes, not
    before them.
    Anything other than a page (an API call, a command, a task) is marked with how it came.
    """
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to audit.models.ACTIONS")
    if action == ANCHORED:
        raise ValueError("Anchors are written by audit.anchors.anchor(), not recorded")
    user = actor.user
    if actor.via != WEB:
        detail.setdefault("via", actor.via)
    event = AuditEvent.objects.create(
        actor=user,
        actor_email=user.email if user else "",
        organisation_id=user.organisation_id if user else None,
        role=user.role if user else ("" if actor.via in (WEB, API) else "system"),
        action=action,
        child=child,
        ip_address=actor.ip_address,
        detail=detail,
    )
    if action.startswith(SECURITY_EVENTS):
        security.info(
            action,
            extra={
                "event": action,
                "audit_id": event.pk,
                "user_id": user.pk if user else None,
                "via": actor.via,
            },
        )
    return event
