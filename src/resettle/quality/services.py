"""Recording a manager's 5Cs audit: checked, atomic, audited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.accounts.models import Role
from resettle.audit.services import record
from resettle.core.dates import today

from .models import C_KEYS, PlanAudit, Rating

if TYPE_CHECKING:
    from django.http import HttpRequest

    from resettle.accounts.models import User
    from resettle.children.models import Child


def can_audit(user: User, child: Child) -> bool:
    """A manager of the youth justice service that owns the child's record."""
    return policy.is_owning_staff(user, child) and user.role == Role.YJS_MANAGER


@transaction.atomic
def record_audit(
    request: HttpRequest,
    child: Child,
    *,
    audited_on: date,
    overall_comment: str = "",
    **per_c: str,
) -> PlanAudit:
    """Record `request.user`'s 5Cs audit of `child`'s plan: `<c>_rating` (a Rating) and
    optionally `<c>_comment` for each C in models.C_KEYS.

    The child must have been fetched for the user through access.policy.get_child_for_user.
    Raises PermissionDenied if the user may not audit, ValidationError for a bad rating or date.
    """
    user = request.user
    if not can_audit(user, child):
        raise PermissionDenied(_("Only a manager of the child's service can record a 5Cs audit."))
    expected = {f"{key}_{part}" for key in C_KEYS for part in ("rating", "comment")}
    unknown = set(per_c) - expected
    if unknown:
        raise TypeError(f"Unexpected fields: {sorted(unknown)}")
    ratings = {key: per_c.get(f"{key}_rating", "") for key in C_KEYS}
    if any(value not in Rating.values for value in ratings.values()):
        raise ValidationError(_("Choose met, partly or not yet for each of the 5Cs"))
    if audited_on > today():
        raise ValidationError(_("The date of the audit must be today or in the past"))
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
        request,
        "quality.audit_recorded",
        child=child,
        audit=str(audit.public_id),
        audited_on=audited_on.isoformat(),
        ratings=ratings,
    )
    return audit
