"""Recording a manager's 5Cs audit: checked, atomic, audited."""

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

from .models import C_KEYS, PlanAudit, Rating

if TYPE_CHECKING:
    from resettle.children.models import Child


@transaction.atomic
def record_audit(
    actor: Actor,
    child: Child,
    *,
    audited_on: date,
    overall_comment: str = "",
    **per_c: str,
) -> PlanAudit:
    """Record the actor's 5Cs audit of `child`'s plan: `<c>_rating` (a Rating) and optionally
    `<c>_comment` for each C in models.C_KEYS.

    Raises PermissionDenied if the person may not audit (access.policy.can_audit_plan), and
    DomainError for a bad rating or date.
    """
    user = actor.user
    policy.require(
        policy.can_audit_plan(user, child),
        _("Only a manager of the child's service can record a 5Cs audit."),
    )
    expected = {f"{key}_{part}" for key in C_KEYS for part in ("rating", "comment")}
    unknown = set(per_c) - expected
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    ratings = {key: per_c.get(f"{key}_rating", "") for key in C_KEYS}
    errors = {
        f"{key}_rating": _("Choose met, partly or not yet for each of the 5Cs")
        for key, value in ratings.items()
        if value not in Rating.values
    }
    if audited_on is None or audited_on > today():
        errors["audited_on"] = _("The date of the audit must be today or in the past")
    DomainError.raise_if(errors)
    audit = PlanAudit.objects.create(
        child=child,
        audited_by=user,
        audited_on=audited_on,
        overall_comment=(overall_comment or "").strip(),
        created_by=user,
        changed_by=user,
        **{f"{key}_rating": ratings[key] for key in C_KEYS},
        **{f"{key}_comment": (per_c.get(f"{key}_comment") or "").strip() for key in C_KEYS},
    )
    record(
        actor,
        "quality.audit_recorded",
        child=child,
        audit=str(audit.public_id),
        audited_on=audited_on.isoformat(),
        ratings=ratings,
    )
    return audit
