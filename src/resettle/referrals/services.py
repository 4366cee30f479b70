"""Referring a child to a service, and each step after: `verb(actor, ...)`, atomic, checked by
the access policy, with a message for every broken rule (DomainError) and an audit entry.

    refer     sent           the child's service (consent, or a manager's override)
    accept    sent → accepted    the receiving organisation (or the child's service recording it)
    decline   sent → declined    the same, with a reason
    complete  accepted → completed
    withdraw  sent / accepted → withdrawn    the child's service, with a reason

Accepting shares the sections the referral names with the receiving organisation in Resettle;
closing the referral ends that share. The action's status follows the referral's.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.access.models import Restriction, Share
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.core.signals import announce
from resettle.directory.models import ServiceStatus
from resettle.plans.models import ActionStatus, Plan, PlanAction

from .models import SHAREABLE, TRANSITIONS, Consent, Referral, SentBy, Status

if TYPE_CHECKING:
    from resettle.children.models import Child

# The action's status when its referral reaches a state (a status slug; none: unchanged).
ACTION_STATUS = {
    Status.ACCEPTED: "in-progress",
    Status.DECLINED: "blocked",
    Status.COMPLETED: "done",
}
VERBS = {
    Status.ACCEPTED: _("accepted"),
    Status.DECLINED: _("declined"),
    Status.COMPLETED: _("completed"),
    Status.WITHDRAWN: _("withdrawn"),
}


def receiving_organisation(service):
    """The service's organisation in Resettle, if it has one that is active."""
    organisation = service.organization.resettle_organisation
    return organisation if organisation is not None and organisation.is_active else None


@transaction.atomic
def refer(
    actor: Actor,
    child: Child,
    action: PlanAction,
    *,
    purpose: str,
    shared: list[str],
    consent: str,
    consent_on: date | None = None,
    override_reason: str = "",
    sent_by: str = "",
) -> Referral:
    user = actor.user
    policy.require(policy.can_refer(user, child))
    if action.plan.child_id != child.id:
        raise DomainError(_("This action is not part of this child's plan"))
    service = action.service
    if service is None:
        raise DomainError(_("Choose a service from the menu of support for this action first"))
    purpose, override_reason = purpose.strip(), override_reason.strip()
    errors: dict[str | None, str] = {}
    if service.status != ServiceStatus.ACTIVE:
        errors[None] = _("%(service)s is not taking referrals: it is %(status)s") % {
            "service": service.name,
            "status": service.get_status_display().lower(),
        }
    if Referral.objects.for_child(child).filter(action=action, status__in=TRANSITIONS).exists():
        errors[None] = _("This action already has a referral that is still open")
    if not purpose:
        errors["purpose"] = _("Say why the child is referred and what for")
    if not shared or any(key not in SHAREABLE for key in shared):
        errors["shared"] = _("Choose what of the child's record the referral shares")
    if consent == Consent.GIVEN:
        if consent_on is None:
            errors["consent_on"] = _("Enter the date the child agreed")
        override_reason = ""
    elif consent == Consent.REFUSED:
        if not policy.can_override_consent(user, child):
            errors["consent"] = _(
                "The child did not agree: only a manager of the child's service can refer "
                "without their agreement"
            )
        elif not override_reason:
            errors["override_reason"] = _("Say why the referral goes ahead without agreement")
    else:
        errors["consent"] = _("Say whether the child agreed to the referral")
    if consent_on is not None and consent_on > today():
        errors["consent_on"] = _("The date the child was asked must be today or in the past")
    organisation = receiving_organisation(service)
    if organisation is not None:
        sent_by = SentBy.RESETTLE
        if Restriction.objects.for_child(child).exists():
            errors[None] = _(
                "The child's record is restricted to named people: send the referral outside "
                "Resettle and record how"
            )
            organisation = None
    elif sent_by not in SentBy.values or sent_by == SentBy.RESETTLE:
        errors["sent_by"] = _("Say how the referral was sent: by email, by phone or with a form")
    DomainError.raise_if(errors)
    referral = Referral.objects.create(
        child=child,
        action=action,
        service=service,
        organisation=organisation,
        purpose=purpose,
        shared=",".join(key for key in SHAREABLE if key in shared),
        consent=consent,
        consent_on=consent_on,
        override_reason=override_reason,
        override_by=user if consent == Consent.REFUSED else None,
        sent_by=sent_by,
        sent_on=today(),
        created_by=user,
        changed_by=user,
    )
    record(
        actor,
        "referral.sent",
        child=child,
        referral=str(referral.public_id),
        service=str(service.id),
        consent=consent,
        sent_by=sent_by,
    )
    return referral


def _move(actor: Actor, referral: Referral, to: str, allowed: bool, **values) -> Referral:
    """Take the referral to `to`, if it may go there and the person may take it."""
    policy.require(allowed, _("You cannot change this referral."))
    if to not in TRANSITIONS.get(referral.status, ()):
        raise DomainError(
            _("This referral is %(now)s: it cannot be %(to)s")
            % {"now": referral.get_status_display().lower(), "to": VERBS[to]}
        )
    user = actor.user
    referral.status = to
    setattr(referral, f"{to}_on", today())
    for name, value in values.items():
        setattr(referral, name, value)
    referral.changed_by = user
    referral._history_user = user
    if to == Status.ACCEPTED and referral.organisation_id:
        referral.share = Share.objects.create(
            child=referral.child,
            organisation_id=referral.organisation_id,
            purpose=_("Referral to %(service)s: %(purpose)s")
            % {"service": referral.service.name, "purpose": referral.purpose},
            sections=referral.sections,
            ends_on=today() + timedelta(days=settings.REFERRAL_SHARE_DAYS),
            created_by=user,
            changed_by=user,
        )
    elif to not in TRANSITIONS and referral.share_id:
        _end_share(user, referral)
    referral.save()
    _action_follows(actor, referral)
    record(
        actor,
        f"referral.{to}",
        child=referral.child,
        referral=str(referral.public_id),
        share=str(referral.share.public_id) if referral.share_id else "",
    )
    return referral


def _end_share(user, referral: Referral) -> None:
    share = referral.share
    if share.revoked_at is None:
        share.revoked_at = timezone.now()
        share.revoked_by = user
        share.revoke_reason = _("The referral was %(status)s") % {"status": VERBS[referral.status]}
        share.changed_by = user
        share.save()


def _action_follows(actor: Actor, referral: Referral) -> None:
    """The action's status follows the referral's (a status with a reason gets the referral's)."""
    slug = ACTION_STATUS.get(referral.status)
    status = ActionStatus.objects.filter(slug=slug, is_active=True).first() if slug else None
    action = referral.action
    if status is None or action.status_id == status.id:
        return
    action.status = status
    action.status_reason = (
        _("The referral to %(service)s was declined: %(reason)s")
        % {"service": referral.service.name, "reason": referral.reason}
        if status.needs_reason
        else ""
    )
    action.changed_by = actor.user
    action._history_user = actor.user
    action.save(update_fields=["status", "status_reason", "changed_by", "changed_at"])
    announce(Plan, referral.child, "plan")
    record(
        actor,
        "plan.action_changed",
        child=referral.child,
        plan_action=str(action.public_id),
        fields=["status"],
        status=status.slug,
    )


@transaction.atomic
def accept(actor: Actor, referral: Referral) -> Referral:
    return _move(actor, referral, Status.ACCEPTED, policy.can_answer_referral(actor.user, referral))


@transaction.atomic
def decline(actor: Actor, referral: Referral, *, reason: str) -> Referral:
    allowed = policy.can_answer_referral(actor.user, referral)
    policy.require(allowed, _("You cannot change this referral."))
    DomainError.raise_if(
        {"reason": _("Say why the referral is declined")} if not reason.strip() else {}
    )
    return _move(actor, referral, Status.DECLINED, allowed, reason=reason.strip())


@transaction.atomic
def complete(actor: Actor, referral: Referral, *, note: str = "") -> Referral:
    allowed = policy.can_complete_referral(actor.user, referral)
    return _move(actor, referral, Status.COMPLETED, allowed, note=note.strip())


@transaction.atomic
def withdraw(actor: Actor, referral: Referral, *, reason: str) -> Referral:
    allowed = policy.can_withdraw_referral(actor.user, referral.child)
    policy.require(allowed, _("You cannot change this referral."))
    DomainError.raise_if(
        {"reason": _("Say why the referral is withdrawn")} if not reason.strip() else {}
    )
    return _move(actor, referral, Status.WITHDRAWN, allowed, reason=reason.strip())


MOVES = {
    Status.ACCEPTED: accept,
    Status.DECLINED: decline,
    Status.COMPLETED: complete,
    Status.WITHDRAWN: withdraw,
}
