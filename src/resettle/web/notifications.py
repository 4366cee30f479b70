"""Email notifications, each sent exactly once: found by a scheduled job, recorded as sent.

What is sent:
  * a plan action was given to a person (the action's `owner_person` is set or changes): they
    hear once per action; someone the action is given to later hears too;
  * a touchpoint is overdue: the child's lead practitioner hears once per touchpoint;
  * a share made for a placement is ending because the child left the placement: the child's lead
    practitioner hears once per share, so the owning service can share again if the
    establishment still needs the record.
Closed actions, finished or replaced touchpoints, people without an active account or email, and
people who can no longer see the child get nothing.

An email names the child by their preferred name and links to the record by its opaque id; it
carries nothing else about the child (no legal name, no action text, no notes).

Exactly once: each email is recorded in `Notification` in the same transaction that sends it, and a
unique constraint on (kind, object, recipient) refuses a second record, so a second run, or two
runs at once, send nothing more. If sending fails the record is rolled back and the next run tries
again; if the database fails after the mail server accepted the email, that email may be sent
twice, which we prefer to never sending it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from resettle.access.models import Share
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.plans.models import PlanAction
from resettle.release.models import Notification

Kind = Notification.Kind


@dataclass(frozen=True)
class Email:
    kind: str
    object_id: str
    recipient: object  # a User
    child: Child
    subject: str
    body: str


def _not_sent(kind: str, recipient_field: str):
    return ~Exists(
        Notification.objects.filter(
            kind=kind,
            object_id=Cast(OuterRef("pk"), CharField()),
            recipient=OuterRef(recipient_field),
        )
    )


def _link(base_url: str, name: str, child: Child) -> str:
    return base_url.rstrip("/") + reverse(name, args=[child.public_id])


def action_assignments(base_url: str) -> Iterator[Email]:
    actions = (
        # Every child's: each email is checked against who may see the child before it is sent.
        PlanAction.across_children.filter(
            owner_person__isnull=False,
            owner_person__is_active=True,
            status__is_closed=False,
        )
        .exclude(owner_person__email="")
        .filter(_not_sent(Kind.ACTION_ASSIGNED, "owner_person"))
        .select_related("owner_person", "plan__child")
        .order_by("id")
    )
    for action in actions:
        child = action.plan.child
        yield Email(
            Kind.ACTION_ASSIGNED,
            str(action.pk),
            action.owner_person,
            child,
            _("Resettle: an action in a plan has been given to you"),
            _(
                "Hello %(person)s,\n\nAn action in %(name)s's resettlement plan has been given "
                "to you. Sign in to Resettle to see it:\n%(link)s\n"
            )
            % {
                "person": action.owner_person.full_name,
                "name": child.preferred_name,
                "link": _link(base_url, "plans:plan", child),
            },
        )


def overdue_touchpoints(base_url: str) -> Iterator[Email]:
    touchpoints = (
        # Every child's: each email is checked against who may see the child before it is sent.
        Touchpoint.across_children.filter(
            completed_on__isnull=True,
            superseded_on__isnull=True,
            due_on__lt=today(),
            child__lead_practitioner__isnull=False,
            child__lead_practitioner__is_active=True,
        )
        .exclude(child__lead_practitioner__email="")
        .filter(_not_sent(Kind.TOUCHPOINT_OVERDUE, "child__lead_practitioner"))
        .select_related("child__lead_practitioner")
        .order_by("id")
    )
    for touchpoint in touchpoints:
        child = touchpoint.child
        lead = child.lead_practitioner
        yield Email(
            Kind.TOUCHPOINT_OVERDUE,
            str(touchpoint.pk),
            lead,
            child,
            _("Resettle: a touchpoint is overdue"),
            _(
                "Hello %(person)s,\n\n%(touchpoint)s for %(name)s was due by %(date)s and is not "
                "marked as done. Sign in to Resettle to see it:\n%(link)s\n"
            )
            % {
                "person": lead.full_name,
                "touchpoint": touchpoint.name,
                "name": child.preferred_name,
                "date": date_format(touchpoint.due_on, "j F Y"),
                "link": _link(base_url, "children:detail", child),
            },
        )


def placement_shares_ending(base_url: str) -> Iterator[Email]:
    shares = (
        # Every child's: each email is checked against who may see the child before it is sent.
        Share.across_children.filter(
            placement_left_on__isnull=False,
            revoked_at__isnull=True,
            ends_on__gte=today(),
            child__lead_practitioner__isnull=False,
            child__lead_practitioner__is_active=True,
        )
        .exclude(child__lead_practitioner__email="")
        .filter(_not_sent(Kind.PLACEMENT_SHARE_ENDING, "child__lead_practitioner"))
        .select_related("child__lead_practitioner", "organisation")
        .order_by("id")
    )
    for share in shares:
        child = share.child
        lead = child.lead_practitioner
        yield Email(
            Kind.PLACEMENT_SHARE_ENDING,
            str(share.pk),
            lead,
            child,
            _("Resettle: a share with a secure establishment is ending"),
            _(
                "Hello %(person)s,\n\n%(name)s has left %(organisation)s, so its access to "
                "%(name)s's record ends on %(date)s. If it still needs the record, share it "
                "again from the sharing page:\n%(link)s\n"
            )
            % {
                "person": lead.full_name,
                "name": child.preferred_name,
                "organisation": share.organisation.name,
                "date": date_format(share.ends_on, "j F Y"),
                "link": _link(base_url, "access:sharing", child),
            },
        )


def pending(base_url: str) -> Iterator[Email]:
    """Everything that should be sent now and has not been, for people who may see the child."""
    for email in (
        *action_assignments(base_url),
        *overdue_touchpoints(base_url),
        *placement_shares_ending(base_url),
    ):
        if Child.objects.visible_to(email.recipient, few=True).filter(pk=email.child.pk).exists():
            yield email


def mark_as_sent(email: Email) -> bool:
    """Record `email` as sent without sending it: for the first run on an existing database, so
    people are not told about everything that happened before notifications were switched on."""
    try:
        with transaction.atomic():
            Notification.objects.create(
                kind=email.kind, object_id=email.object_id, recipient=email.recipient
            )
    except IntegrityError:
        return False
    return True


def send(email: Email) -> bool:
    """Send one email and record it; False if it had already been sent (by another run)."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Notification.objects.create(
                    kind=email.kind, object_id=email.object_id, recipient=email.recipient
                )
        except IntegrityError:
            return False
        send_mail(
            email.subject,
            email.body,
            settings.DEFAULT_FROM_EMAIL,
            [email.recipient.email],
            fail_silently=False,
        )
    return True
