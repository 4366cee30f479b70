"""THE access policy: who may see or do what for which child.

Every view reaches children through `Child.objects.visible_to(user)` or `get_child_for_user`, so the
rule lives here and nowhere else. A child the user may not see is a 404 (we never confirm it
exists);
a child the user may see but not change is a 403 on a write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from resettle.accounts.models import Role

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child, ChildQuerySet

# Roles that work with children's records at all.
CHILD_ROLES = frozenset({Role.CASE_WORKER, Role.YJS_MANAGER})
# Roles that may add and change children of their own service.
CHILD_EDITOR_ROLES = frozenset({Role.CASE_WORKER, Role.YJS_MANAGER})


def _is_active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view_children(user: User) -> bool:
    return _is_active(user) and user.role in CHILD_ROLES


def can_add_child(user: User) -> bool:
    return _is_active(user) and user.role in CHILD_EDITOR_ROLES


def scope_children(queryset: ChildQuerySet, user: User) -> ChildQuerySet:
    if not can_view_children(user):
        return queryset.none()
    return queryset.filter(owning_service_id=user.organisation_id)


def get_child_for_user(user: User, public_id: UUID | str, queryset=None) -> Child:
    """The child with this opaque id, if `user` may see them; otherwise 404."""
    from resettle.children.models import Child

    queryset = queryset if queryset is not None else Child.objects.all()
    try:
        return queryset.visible_to(user).get(public_id=public_id)
    except (Child.DoesNotExist, ValueError) as exc:
        raise Http404("No such child") from exc


def can_edit_child(user: User, child: Child) -> bool:
    return (
        _is_active(user)
        and user.role in CHILD_EDITOR_ROLES
        and child.owning_service_id == user.organisation_id
    )


def require_edit_child(user: User, child: Child) -> None:
    if not can_edit_child(user, child):
        raise PermissionDenied("You can see this child's record but not change it.")


def lead_practitioner_choices(user: User):
    """The people who may lead a case in `user`'s service."""
    from resettle.accounts.models import User as UserModel

    return UserModel.objects.filter(
        organisation_id=user.organisation_id,
        role__in=[Role.CASE_WORKER, Role.YJS_MANAGER],
        is_active=True,
    ).order_by("full_name")
