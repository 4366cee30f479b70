"""Sharing, restricting and transferring a child: atomic, rule-checked, audited."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from resettle.accounts.models import Organisation, User
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.core.dates import today

from . import policy
from .models import Restriction, Share, Transfer


class AccessError(Exception):
    """A rule of sharing, restriction or transfer was broken; the message is for the user."""


@transaction.atomic
def share_child(
    request: HttpRequest, child: Child, organisation: Organisation, purpose: str, ends_on: date
) -> Share:
    user = request.user
    policy.require(policy.can_manage_sharing(user, child))
    if organisation.id == child.owning_service_id:
        raise AccessError(_("The child's own service already sees their record"))
    if ends_on < today():
        raise AccessError(_("The end date must be today or in the future"))
    share = Share.objects.create(
        child=child,
        organisation=organisation,
        purpose=purpose,
        ends_on=ends_on,
        created_by=user,
        changed_by=user,
    )
    record(
        request,
        "child.shared",
        child=child,
        organisation=str(organisation.public_id),
        ends_on=ends_on.isoformat(),
    )
    return share


@transaction.atomic
def revoke_share(request: HttpRequest, share: Share, reason: str = "") -> Share:
    policy.require(policy.can_manage_sharing(request.user, share.child))
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.revoked_by = request.user
        share.revoke_reason = reason
        share.changed_by = request.user
        share.save()
        record(
            request,
            "share.revoked",
            child=share.child,
            organisation=str(share.organisation.public_id),
        )
    return share


@transaction.atomic
def restrict_child(
    request: HttpRequest, child: Child, reason: str, people: list[User]
) -> Restriction:
    user = request.user
    policy.require(policy.can_restrict(user, child))
    allowed = {p.id for p in people} | {user.id}  # the manager never locks themselves out
    restriction, _created = Restriction.objects.update_or_create(
        child=child, defaults={"reason": reason, "changed_by": user, "created_by": user}
    )
    restriction.allowed_users.set(allowed)
    record(request, "child.restricted", child=child, people=len(allowed))
    return restriction


@transaction.atomic
def unrestrict_child(request: HttpRequest, child: Child) -> None:
    policy.require(policy.can_restrict(request.user, child))
    deleted, _ = Restriction.objects.filter(child=child).delete()
    if deleted:
        record(request, "child.unrestricted", child=child)


@transaction.atomic
def request_transfer(
    request: HttpRequest, child: Child, to_service: Organisation, reason: str
) -> Transfer:
    user = request.user
    policy.require(policy.can_request_transfer(user, child))
    if to_service.kind != Organisation.Kind.YOUTH_JUSTICE_SERVICE:
        raise AccessError(_("A child can only be transferred to a youth justice service"))
    if to_service.id == child.owning_service_id:
        raise AccessError(_("Choose a different youth justice service from the child's own"))
    if (
        Transfer.objects.select_for_update()
        .filter(child=child, status=Transfer.Status.REQUESTED)
        .exists()
    ):
        raise AccessError(_("There is already a transfer waiting for a decision for this child"))
    transfer = Transfer.objects.create(
        child=child,
        from_service_id=child.owning_service_id,
        to_service=to_service,
        reason=reason,
        created_by=user,
        changed_by=user,
    )
    record(
        request,
        "child.transfer_requested",
        child=child,
        to_service=str(to_service.public_id),
    )
    return transfer


def _decide(request: HttpRequest, transfer: Transfer, status: str, note: str) -> None:
    transfer.status = status
    transfer.decided_at = timezone.now()
    transfer.decided_by = request.user
    transfer.decision_note = note
    transfer.changed_by = request.user
    transfer.save()


@transaction.atomic
def accept_transfer(
    request: HttpRequest, transfer: Transfer, lead_practitioner: User | None, note: str = ""
) -> Transfer:
    """The child, their record and their plan move to the receiving service.

    The old service keeps read-only access for a handover period through an ordinary share
    (docs/decisions/0002-transfer-handover.md), so it ends by itself and can be revoked early.
    """
    user = request.user
    transfer = Transfer.objects.select_for_update().select_related("child").get(pk=transfer.pk)
    policy.require(policy.can_decide_transfer(user, transfer))
    if lead_practitioner is not None and lead_practitioner.organisation_id != user.organisation_id:
        raise AccessError(_("The lead practitioner must work in your service"))
    child = transfer.child
    old_service_id = child.owning_service_id
    _decide(request, transfer, Transfer.Status.ACCEPTED, note)
    child.owning_service_id = transfer.to_service_id
    child.lead_practitioner = lead_practitioner
    child.changed_by = user
    child.save()
    # Shares made by the old service were its decisions; they end with its ownership.
    now = timezone.now()
    for share in Share.objects.active().filter(child=child):
        share.revoked_at, share.revoked_by = now, user
        share.revoke_reason = _("Ended when the child transferred to another service")
        share.save()
    Restriction.objects.filter(child=child).delete()
    Share.objects.create(
        child=child,
        organisation_id=old_service_id,
        purpose=_("Handover after the child transferred to %(service)s")
        % {"service": transfer.to_service.name},
        ends_on=today() + timedelta(days=settings.TRANSFER_HANDOVER_DAYS),
        created_by=user,
        changed_by=user,
    )
    record(request, "child.transferred", child=child, from_service=old_service_id)
    return transfer


@transaction.atomic
def decline_transfer(request: HttpRequest, transfer: Transfer, note: str) -> Transfer:
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    policy.require(policy.can_decide_transfer(request.user, transfer))
    _decide(request, transfer, Transfer.Status.DECLINED, note)
    record(request, "child.transfer_declined", child=transfer.child)
    return transfer


@transaction.atomic
def cancel_transfer(request: HttpRequest, transfer: Transfer) -> Transfer:
    transfer = Transfer.objects.select_for_update().select_related("child").get(pk=transfer.pk)
    policy.require(
        transfer.status == Transfer.Status.REQUESTED
        and policy.can_request_transfer(request.user, transfer.child)
    )
    _decide(request, transfer, Transfer.Status.CANCELLED, "")
    record(request, "child.transfer_cancelled", child=transfer.child)
    return transfer
