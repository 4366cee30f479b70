"""Shares, restrictions and transfers: the records that widen or narrow who sees a child."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.core.dates import today
from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, ChildScopedQuerySet, across


class ShareQuerySet(ChildScopedQuerySet):
    def active(self, on=None) -> ShareQuerySet:
        on = on or today()
        return self.filter(revoked_at__isnull=True, starts_on__lte=on, ends_on__gte=on)


class Share(TrackedModel):
    """The owning service shares a child with another organisation, for a purpose and a period."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="shares_received",
        verbose_name=_("organisation"),
    )
    purpose = models.TextField(_("purpose"))
    starts_on = models.DateField(_("starts on"), default=today)
    ends_on = models.DateField(_("ends on"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoke_reason = models.TextField(blank=True)
    # A share made because the child was placed in a secure establishment follows the child: it
    # ends a set number of days after the placement does (services.end_placement_shares).
    placement = models.ForeignKey(
        "children.LegalStatusEpisode",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("placement it was made for"),
    )
    # The day the child left that placement; the share then ends PLACEMENT_SHARE_DAYS later and
    # the child's lead practitioner is told (web.notifications).
    placement_left_on = models.DateField(_("child left the placement on"), null=True, blank=True)
    # Referral shares: the sections of the child's record the share reaches (the keys of the
    # child's sub-navigation, comma-separated, for example "plan,my-plan"), or blank for the whole
    # record. A referral to a partner (resettle.referrals) shares only what its purpose needs,
    # read-only; the child's summary is always shown (access.policy.sections_shared).
    sections = models.CharField(_("sections shared"), max_length=300, blank=True)

    objects = ChildScopedManager(queryset_class=ShareQuerySet)
    across_children = across(ShareQuerySet)
    history = HistoricalRecords(excluded_fields=["changed_at"])

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "ends_on"], name="share_org_ends_idx"),
            models.Index(fields=["child", "ends_on"], name="share_child_ends_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="share_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"Share with {self.organisation_id} until {self.ends_on}"

    @property
    def section_list(self) -> list[str]:
        return [key for key in self.sections.split(",") if key]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.starts_on <= today() <= self.ends_on

    @property
    def status(self) -> str:
        if self.revoked_at:
            return "revoked"
        if self.ends_on < today():
            return "expired"
        if self.starts_on > today():
            return "future"
        return "active"


class Restriction(TrackedModel):
    """A child whose record only named people may see.

    For example, a child related to a member of staff, or a high-profile case.
    """

    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="restriction"
    )
    reason = models.TextField(_("reason"))
    allowed_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="restricted_children", verbose_name=_("people")
    )
    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(excluded_fields=["changed_at"], m2m_fields=[allowed_users])

    class Meta:
        default_manager_name = "across_children"

    def __str__(self) -> str:
        return f"Restriction on child {self.child_id}"


class Transfer(TrackedModel):
    """A child moving to another borough.

    Requested by the owning service, accepted or declined by the receiving service's manager.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="transfers")
    from_service = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="transfers_out"
    )
    to_service = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="transfers_in",
        verbose_name=_("receiving youth justice service"),
    )
    reason = models.TextField(_("reason for the transfer"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(blank=True)

    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(excluded_fields=["changed_at"])

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["to_service", "status"], name="transfer_to_status_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(status="requested"),
                name="one_open_transfer_per_child",
            )
        ]

    def __str__(self) -> str:
        return f"Transfer of child {self.child_id} to {self.to_service_id} ({self.status})"
