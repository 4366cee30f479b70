"""Sharing, restricting and transferring a child: atomic, rule-checked, audited.

Each operation takes the `Actor` first, checks the policy (PermissionDenied), checks its own rules
(DomainError, with nothing saved) and writes the audit entry.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from resettle.accounts.models import Organisation, User
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import policy
from .models import Restriction, Share, Transfer

if TYPE_CHECKING:
    from resettle.children.models import Child, LegalStatusEpisode


@transaction.atomic
def share_child(
    actor: Actor,
    child: Child,
    organisation: Organisation,
    purpose: str,
    ends_on: date,
    placement: LegalStatusEpisode | None = None,
) -> Share:
    """Share the child's record with an organisation until `ends_on`. A share for a `placement`
    (the child placed in that secure establishment) ends by itself after the placement does."""
    user = actor.user
    policy.require(policy.can_manage_sharing(user, child))
    if organisation.id == child.owning_service_id:
        raise DomainError(_("The child's own service already sees their record"))
    if ends_on < today():
        raise DomainError(_("The end date must be today or in the future"))
    if placement is not None and (
        placement.child_id != child.id or placement.establishment_id != organisation.id
    ):
        placement = None  # the share is not for that placement: it ends on its own date
    share = Share.objects.create(
        child=child,
        organisation=organisation,
        purpose=purpose,
        ends_on=ends_on,
        placement=placement,
        created_by=user,
        changed_by=user,
    )
    record(
        actor,
        "child.shared",
        child=child,
        organisation=str(organisation.public_id),
        ends_on=ends_on.isoformat(),
    )
    return share


@transaction.atomic
def revoke_share(actor: Actor, child: Child, share: Share, reason: str = "") -> Share:
    policy.require(policy.can_manage_sharing(actor.user, child))
    if share.child_id != child.id:
        raise DomainError(_("This share is not for this child"))
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.revoked_by = actor.user
        share.revoke_reason = reason
        share.changed_by = actor.user
        share.save()
        record(
            actor,
            "share.revoked",
            child=child,
            organisation=str(share.organisation.public_id),
        )
    return share


@transaction.atomic
def restrict_child(actor: Actor, child: Child, reason: str, people: list[User]) -> Restriction:
    user = actor.user
    policy.require(policy.can_restrict(user, child))
    allowed = {p.id for p in people} | {user.id}  # the manager never locks themselves out
    restriction, _created = Restriction.objects.update_or_create(
        child=child, defaults={"reason": reason, "changed_by": user, "created_by": user}
    )
    restriction.allowed_users.set(allowed)
    record(actor, "child.restricted", child=child, people=len(allowed))
    return restriction


@transaction.atomic
def unrestrict_child(actor: Actor, child: Child) -> None:
    policy.require(policy.can_restrict(actor.user, child))
    deleted, _ = Restriction.objects.for_child(child).delete()
    if deleted:
        record(actor, "child.unrestricted", child=child)


@transaction.atomic
def request_transfer(actor: Actor, child: Child, to_service: Organisation, reason: str) -> Transfer:
    user = actor.user
    policy.require(policy.can_request_transfer(user, child))
    if to_service.kind != Organisation.Kind.YOUTH_JUSTICE_SERVICE:
        raise DomainError(_("A child can only be transferred to a youth justice service"))
    if to_service.id == child.owning_service_id:
        raise DomainError(_("Choose a different youth justice service from the child's own"))
    if (
        Transfer.objects.for_child(child)
        .select_for_update()
        .filter(status=Transfer.Status.REQUESTED)
        .exists()
    ):
        raise DomainError(_("There is already a transfer waiting for a decision for this child"))
    transfer = Transfer.objects.create(
        child=child,
        from_service_id=child.owning_service_id,
        to_service=to_service,
        reason=reason,
        created_by=user,
        changed_by=user,
    )
    record(
        actor,
        "child.transfer_requested",
        child=child,
        to_service=str(to_service.public_id),
    )
    return transfer


def _decide(actor: Actor, transfer: Transfer, status: str, note: str) -> None:
    transfer.status = status
    transfer.decided_at = timezone.now()
    transfer.decided_by = actor.user
    transfer.decision_note = note
    transfer.changed_by = actor.user
    transfer.save()


@transaction.atomic
def accept_transfer(
    actor: Actor, transfer: Transfer, lead_practitioner: User | None, note: str = ""
) -> Transfer:
    """The child, their record and their plan move to the receiving service.

    The old service keeps read-only access for a handover period through an ordinary share
    (docs/decisions/0002-transfer-handover.md), so it ends by itself and can be revoked early.
    """
    user = actor.user
    transfer = (
        Transfer.across_children.select_for_update().select_related("child").get(pk=transfer.pk)
    )
    policy.require(policy.can_decide_transfer(user, transfer))
    if lead_practitioner is not None and lead_practitioner.organisation_id != user.organisation_id:
        raise DomainError(_("The lead practitioner must work in your service"))
    child = transfer.child
    old_service_id = child.owning_service_id
    _decide(actor, transfer, Transfer.Status.ACCEPTED, note)
    child.owning_service_id = transfer.to_service_id
    child.lead_practitioner = lead_practitioner
    child.changed_by = user
    child.save()
    # Shares made by the old service were its decisions; they end with its ownership.
    now = timezone.now()
    for share in Share.objects.for_child(child).active():
        share.revoked_at, share.revoked_by = now, user
        share.revoke_reason = _("Ended when the child transferred to another service")
        share.save()
    Restriction.objects.for_child(child).delete()
    Share.objects.create(
        child=child,
        organisation_id=old_service_id,
        purpose=_("Handover after the child transferred to %(service)s")
        % {"service": transfer.to_service.name},
        ends_on=today() + timedelta(days=settings.TRANSFER_HANDOVER_DAYS),
        created_by=user,
        changed_by=user,
    )
    record(actor, "child.transferred", child=child, from_service=old_service_id)
    return transfer


@transaction.atomic
def decline_transfer(actor: Actor, transfer: Transfer, note: str) -> Transfer:
    transfer = Transfer.across_children.select_for_update().get(pk=transfer.pk)
    policy.require(policy.can_decide_transfer(actor.user, transfer))
    _decide(actor, transfer, Transfer.Status.DECLINED, note)
    record(actor, "child.transfer_declined", child=transfer.child)
    return transfer


@transaction.atomic
def cancel_transfer(actor: Actor, transfer: Transfer) -> Transfer:
    transfer = (
        Transfer.across_children.select_for_update().select_related("child").get(pk=transfer.pk)
    )
    if not policy.transfers_visible_to(actor.user).filter(pk=transfer.pk).exists():
        raise Http404("No such transfer")  # never confirm a transfer the person may not see
    policy.require(
        transfer.status == Transfer.Status.REQUESTED
        and policy.can_request_transfer(actor.user, transfer.child)
    )
    _decide(actor, transfer, Transfer.Status.CANCELLED, "")
    record(actor, "child.transfer_cancelled", child=transfer.child)
    return transfer


def placement_share_offer(child: Child, episode: LegalStatusEpisode) -> dict | None:
    """After a placement in a secure establishment, what a share with it would look like.

    None when there is nothing to offer: no establishment, or it already sees the child.
    """
    if episode.establishment_id is None:
        return None
    if (
        Share.objects.for_child(child)
        .active()
        .filter(organisation_id=episode.establishment_id)
        .exists()
    ):
        return None
    release = episode.expected_release_on
    ends_on = release + timedelta(days=90) if release else episode.starts_on + timedelta(days=365)
    return {
        "organisation": episode.establishment,
        "purpose": _("Placed at %(place)s: resettlement planning with the establishment")
        % {"place": episode.establishment.name},
        "ends_on": max(ends_on, today()),
    }


def placement_ends(episode: LegalStatusEpisode, next_episode: LegalStatusEpisode) -> bool:
    """The next legal status takes the child out of the establishment of `episode`."""
    return next_episode.starts_on >= episode.starts_on and (
        next_episode.establishment_id != episode.establishment_id
    )


def end_placement_shares(actor: Actor, child: Child, episode: LegalStatusEpisode) -> list[Share]:
    """After a new legal status: shares made for a placement the child has now left end
    PLACEMENT_SHARE_DAYS after it, and the owning service is told (the audit trail, the
    message to whoever recorded it, the sharing page, and an email to the child's lead
    practitioner). A move within the same establishment keeps the share, which
    now follows the new placement. Called by `children.services.record_legal_status`."""
    ending = []
    shares = (
        Share.objects.for_child(child)
        .active()
        .filter(placement__isnull=False)
        .exclude(placement=episode)
        .select_related("placement", "organisation")
    )
    for share in shares:
        if not placement_ends(share.placement, episode):
            if share.organisation_id == episode.establishment_id:
                share.placement = episode
                share.save(update_fields=["placement"])
            continue
        ends_on = max(episode.starts_on + timedelta(days=settings.PLACEMENT_SHARE_DAYS), today())
        if share.ends_on <= ends_on:
            continue
        share.ends_on = ends_on
        share.placement_left_on = episode.starts_on
        share.changed_by = actor.user
        share.save(update_fields=["ends_on", "placement_left_on", "changed_by", "changed_at"])
        record(
            actor,
            "share.placement_ended",
            child=child,
            organisation=str(share.organisation.public_id),
            ends_on=ends_on.isoformat(),
        )
        ending.append(share)
    return ending
