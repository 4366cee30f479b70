"""Referrals: the child referred to a service in the menu of support, from an action of their
plan (docs/referrals.md).

A referral says what of the child's record is shared and why, records the child's consent (or a
manager's override, with a reason), and moves from sent to accepted, declined, completed or
withdrawn, each step dated. Where the service's organisation uses Resettle, accepting shares the
sections the referral names (an `access.Share` limited to them), until the referral closes.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, across


class Status(models.TextChoices):
    SENT = "sent", _("Sent")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Where a referral may go from each state. Declined, completed and withdrawn are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SENT: frozenset({Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset({Status.COMPLETED, Status.WITHDRAWN}),
}
OPEN = (Status.SENT, Status.ACCEPTED)
CLOSED = frozenset({Status.DECLINED, Status.COMPLETED, Status.WITHDRAWN})
TAG_COLOURS = {
    Status.SENT: "blue",
    Status.ACCEPTED: "turquoise",
    Status.DECLINED: "red",
    Status.COMPLETED: "green",
    Status.WITHDRAWN: "grey",
}


class Consent(models.TextChoices):
    GIVEN = "given", _("Yes, the child agreed to the referral")
    REFUSED = "refused", _("No, the child did not agree")


class SentBy(models.TextChoices):
    RESETTLE = "resettle", _("Through Resettle, to the organisation's referrals inbox")
    EMAIL = "email", _("By email")
    PHONE = "phone", _("By phone")
    FORM = "form", _("With the service's own referral form")


# The sections of the child's record a referral may share (the keys of the child's
# sub-navigation). The child's summary is always shown; the plan brings My plan with it.
SHAREABLE = {
    "plan": (_("The plan: goals and actions"), ("plan", "my-plan")),
    "voice": (_("The child's words they agreed to share with partners"), ("voice",)),
    "network": (_("The child's network: people, places and professionals"), ("network",)),
    "journey": (_("The journey: meetings and touchpoints"), ("journey",)),
    "release": (_("Release readiness"), ("release",)),
}


class Referral(TrackedModel):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="referrals")
    action = models.ForeignKey(
        "plans.PlanAction", on_delete=models.CASCADE, related_name="referrals"
    )
    service = models.ForeignKey(
        "directory.Service", on_delete=models.PROTECT, related_name="referrals"
    )
    # The service's organisation in Resettle, when it has one: its practitioners answer.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    purpose = models.TextField(_("why the child is referred, and what for"))
    # What is shared: SHAREABLE keys, comma-separated.
    shared = models.CharField(_("what is shared"), max_length=200)
    consent = models.CharField(_("did the child agree?"), max_length=10, choices=Consent.choices)
    consent_on = models.DateField(_("date the child was asked"), null=True, blank=True)
    override_reason = models.TextField(
        _("why the referral goes ahead without agreement"), blank=True
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_by = models.CharField(_("how it was sent"), max_length=10, choices=SentBy.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SENT)
    sent_on = models.DateField(_("sent on"))
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    declined_on = models.DateField(_("declined on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)  # why declined or withdrawn
    note = models.TextField(_("note"), blank=True)  # how it went, when completed
    share = models.ForeignKey(
        "access.Share", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ChildScopedManager()
    across_children = across()
    # Its history (the purpose and reasons are about the child) goes with the child's record.
    history = HistoricalRecords(excluded_fields=["changed_at"], cascade_delete_history=True)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-sent_on", "-id"]
        indexes = [models.Index(fields=["organisation", "status"], name="referral_org_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["action"],
                condition=Q(status__in=["sent", "accepted"]),
                name="one_open_referral_per_action",
            )
        ]

    def __str__(self) -> str:
        return f"Referral of child {self.child_id} to service {self.service_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def tag_colour(self) -> str:
        return TAG_COLOURS.get(self.status, "grey")

    @property
    def shared_keys(self) -> list[str]:
        return [key for key in self.shared.split(",") if key in SHAREABLE]

    @property
    def shared_labels(self) -> list[str]:
        return [str(SHAREABLE[key][0]) for key in self.shared_keys]

    @property
    def sections(self) -> str:
        """The share's sections (access.Share.sections) for what the referral shares."""
        keys = [section for key in self.shared_keys for section in SHAREABLE[key][1]]
        return ",".join(dict.fromkeys(keys))

    @property
    def steps(self) -> list[tuple[str, object]]:
        """Each step taken, with its date, in order."""
        found = [(Status.SENT.label, self.sent_on)]
        for status in (Status.ACCEPTED, Status.DECLINED, Status.COMPLETED, Status.WITHDRAWN):
            on = getattr(self, f"{status}_on")
            if on:
                found.append((status.label, on))
        return found
