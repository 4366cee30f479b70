"""THE access policy: who may see or do what for which child.

Every view reaches children through `Child.objects.visible_to(user)` or `get_child_for_user`, so the
rule lives here and nowhere else. A child the user may not see is a 404 (we never confirm the child
exists); a child the user may see but not change is a 403 on a write.

A child is visible to
  (a) staff of the owning youth justice service (case workers and managers),
  (b) staff of an organisation the child is shared with, while the share is active,
  (c) nobody else: partnership leads and administrators see no personal records.
A restricted child is visible only to the people named on the restriction, whatever (a) and (b) say.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from resettle.accounts.models import Organisation, Role

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child, ChildQuerySet

    from .models import Transfer

YJS_ROLES = frozenset({Role.CASE_WORKER, Role.YJS_MANAGER})
# Roles that see children shared with their organisation.
SHARED_ROLES = frozenset({Role.SECURE_PRACTITIONER, Role.PARTNER_PRACTITIONER})
CHILD_ROLES = YJS_ROLES | SHARED_ROLES
# Kinds of organisation a child may be shared with.
SHAREABLE_KINDS = (
    Organisation.Kind.SECURE_ESTABLISHMENT,
    Organisation.Kind.PARTNER,
    Organisation.Kind.YOUTH_JUSTICE_SERVICE,
)


def _is_active(user: User) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def can_view_children(user: User) -> bool:
    return _is_active(user) and user.role in CHILD_ROLES


def can_add_child(user: User) -> bool:
    return _is_active(user) and user.role in YJS_ROLES


def scope_children(queryset: ChildQuerySet, user: User) -> ChildQuerySet:
    from .models import Restriction, Share

    if not can_view_children(user):
        return queryset.none()
    shared_in = Share.objects.active().filter(organisation_id=user.organisation_id)
    visible = Q(id__in=shared_in.values("child_id"))
    if user.role in YJS_ROLES:
        visible |= Q(owning_service_id=user.organisation_id)
    hidden = Restriction.objects.exclude(allowed_users=user).values("child_id")
    return queryset.filter(visible).exclude(id__in=hidden)


def get_child_for_user(user: User, public_id: UUID | str, queryset=None) -> Child:
    """The child with this opaque id, if `user` may see them; otherwise 404."""
    from resettle.children.models import Child

    queryset = queryset if queryset is not None else Child.objects.all()
    try:
        return queryset.visible_to(user).get(public_id=public_id)
    except (Child.DoesNotExist, ValueError) as exc:
        raise Http404("No such child") from exc


def get_child_page(user: User, public_id: UUID | str, *related: str) -> Child:
    """The child for a page about them, with what the child's header shows; 404 if not visible."""
    from resettle.children.models import Child

    queryset = Child.objects.select_related("owning_service", "lead_practitioner", *related)
    return get_child_for_user(user, public_id, queryset)


def get_child_to_contribute(user: User, public_id: UUID | str) -> Child:
    """The child for a page that adds to their record: 404 if not visible, 403 if read-only."""
    child = get_child_page(user, public_id)
    require(can_contribute(user, child))
    return child


def is_owning_staff(user: User, child: Child) -> bool:
    return (
        _is_active(user)
        and user.role in YJS_ROLES
        and child.owning_service_id == user.organisation_id
    )


def can_edit_child(user: User, child: Child) -> bool:
    """Change the child's details. Shared organisations contribute elsewhere, not here."""
    return is_owning_staff(user, child)


def can_contribute(user: User, child: Child) -> bool:
    """Add to the child's voice, plan, meetings and notes.

    The owning service's staff, and the secure estate and partners the child is shared with. Call
    it only for a child fetched through `get_child_for_user` (which proves an active share). A youth
    justice service that sees the child only through a share (a handover after transfer) reads.
    """
    return is_owning_staff(user, child) or (_is_active(user) and user.role in SHARED_ROLES)


def require(allowed: bool, message: str = "") -> None:
    if not allowed:
        raise PermissionDenied(message or "You can see this child's record but not change it.")


def require_edit_child(user: User, child: Child) -> None:
    require(can_edit_child(user, child))


def can_manage_sharing(user: User, child: Child) -> bool:
    return is_owning_staff(user, child)


def can_restrict(user: User, child: Child) -> bool:
    return is_owning_staff(user, child) and user.role == Role.YJS_MANAGER


def can_export_child(user: User, child: Child) -> bool:
    """Subject access exports are the data controller's: the owning service's managers."""
    return is_owning_staff(user, child) and user.role == Role.YJS_MANAGER


def can_request_transfer(user: User, child: Child) -> bool:
    return is_owning_staff(user, child)


def can_decide_transfer(user: User, transfer: Transfer) -> bool:
    return (
        _is_active(user)
        and user.role == Role.YJS_MANAGER
        and transfer.to_service_id == user.organisation_id
        and transfer.status == transfer.Status.REQUESTED
    )


def can_see_transfers(user: User) -> bool:
    return _is_active(user) and user.role in YJS_ROLES


def transfers_visible_to(user: User):
    """Transfers into or out of the user's service."""
    from .models import Transfer

    if not can_see_transfers(user):
        return Transfer.objects.none()
    org = user.organisation_id
    return Transfer.objects.filter(Q(to_service_id=org) | Q(from_service_id=org))


def share_target_organisations(child: Child):
    return Organisation.objects.filter(kind__in=SHAREABLE_KINDS, is_active=True).exclude(
        id=child.owning_service_id
    )


def lead_practitioner_choices(user: User, organisation_id: int | None = None):
    """The people who may lead a case in `user`'s service (or the given service)."""
    from resettle.accounts.models import User as UserModel

    return UserModel.objects.filter(
        organisation_id=organisation_id or user.organisation_id,
        role__in=list(YJS_ROLES),
        is_active=True,
    ).order_by("full_name")
