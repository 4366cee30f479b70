"""Who may read the audit trail.

Reading the trail is not reading a child's record: a manager sees who has accessed the records of
their own service's children; an administrator searches the whole trail. Nobody may change it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resettle.accounts.models import Role

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child


def _is_active(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def can_view_access_log(user: User | None, child: Child) -> bool:
    """YJS managers of the service that owns the child's record."""
    return (
        _is_active(user)
        and user.role == Role.YJS_MANAGER
        and child.owning_service_id == user.organisation_id
    )


def can_search_audit(user: User | None) -> bool:
    """Administrators who may use the administration pages."""
    return _is_active(user) and user.is_staff and user.role == Role.ADMINISTRATOR
