"""Reading referrals: each action's latest on the plan page, the inbox, one referral. Each
reader runs a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import uuid

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.plans.extras import Extra

from .models import Referral, Status

INBOX_SIZE = 50


def referral_states(actions) -> dict[int, list[Extra]]:
    """Each action's latest referral, for the plan page (one query for the whole plan)."""
    actions = list(actions)
    latest: dict[int, Referral] = {}
    referrals = (
        Referral.across_children.filter(action__in=[a.id for a in actions])
        .only("public_id", "action_id", "status", "sent_on", "accepted_on", "declined_on",
              "completed_on", "withdrawn_on", "sent_by")
        .order_by("action_id", "-sent_on", "-id")
    )  # fmt: skip
    for referral in referrals:
        latest.setdefault(referral.action_id, referral)
    rows = {}
    for action in actions:
        if action.service_id and (action.id not in latest or not latest[action.id].is_open):
            rows[action.id] = [
                Extra(
                    label=_("Referral"),
                    text="" if action.id in latest else _("Not referred yet."),
                    href=reverse(
                        "referrals:refer", args=[action.plan.child.public_id, action.public_id]
                    ),
                    link_text=_("Refer the child"),
                    for_childs_service=True,
                )
            ]
    for action_id, referral in latest.items():
        step, on = referral.steps[-1]
        rows[action_id] = [
            *rows.get(action_id, []),
            Extra(
                label=_("Referral"),
                tag=referral.get_status_display(),
                colour=referral.tag_colour,
                text=_("on %(date)s") % {"date": f"{on.day} {on:%B %Y}"},
                href=reverse("referrals:referral", args=[referral.public_id]),
                link_text=_("See the referral"),
            ),
        ]
    return rows


def inbox(user, status: str = "open"):
    """The referrals sent to the person's organisation: open ones, or the closed."""
    referrals = policy.referrals_received(Referral.across_children.all(), user)
    wanted = (
        [Status.SENT, Status.ACCEPTED]
        if status == "open"
        else list({Status.DECLINED, Status.COMPLETED, Status.WITHDRAWN})
    )
    return (
        referrals.filter(status__in=wanted)
        .select_related("child__owning_service", "service__organization")
        .order_by("-sent_on", "-id")[:INBOX_SIZE]
    )


def referral_for(user, referral_id) -> Referral:
    """One referral the person may see, with what its page shows; otherwise 404 (never
    confirming it exists)."""
    try:
        wanted = uuid.UUID(str(referral_id))
    except ValueError as exc:
        raise Http404("No such referral") from exc
    referral = (
        Referral.across_children.select_related(
            "child__owning_service",
            "service__organization",
            "organisation",
            "action__status",
            "action__plan",
            "created_by",
            "override_by",
            "share",
        )
        .prefetch_related("service__phones")
        .filter(public_id=wanted)
        .first()
    )
    if referral is None or not policy.can_see_referral(user, referral):
        raise Http404("No such referral")
    return referral
