"""Release readiness: the checklist for a child due out of custody, and notifications sent.

The checklist items are recorded here, by the people planning the release, rather than worked out
from the plan's actions: an action "find accommodation" being in progress is not the same as an
address being confirmed, and the checklist is the lead practitioner's statement that it is. This
is the one home of "accommodation is confirmed" and "ETE is arranged" (docs/domain.md, section 8):
the touchpoints and the 5Cs read them here. Whether the child was told the plans B is the plan's
own fact (`plans.facts.key_plans_b`), shown here beside the checklist.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, across


class ReleasePlan(TrackedModel):
    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="release_plan"
    )
    accommodation_confirmed_on = models.DateField(
        _("date the address was confirmed"), null=True, blank=True
    )
    accommodation_address_note = models.TextField(
        _("where the child will live"),
        blank=True,
        help_text=_("Who the child will live with or the kind of placement. Not the full address."),
    )
    ete_confirmed_on = models.DateField(
        _("date education, training or work was confirmed"), null=True, blank=True
    )
    ete_detail = models.TextField(
        _("education, training or work from day one"),
        blank=True,
        help_text=_("For example the college course and its start date"),
    )
    health_handover_on = models.DateField(_("date of the health handover"), null=True, blank=True)
    who_meets = models.CharField(_("who meets the child on release"), max_length=300, blank=True)
    transport = models.CharField(_("transport on release day"), max_length=300, blank=True)
    first_appointment = models.CharField(
        _("first appointment"),
        max_length=300,
        blank=True,
        help_text=_("Where and when, for example 'Camden YJS, 2pm on the day of release'"),
    )

    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(excluded_fields=["changed_at"], cascade_delete_history=True)

    class Meta:
        default_manager_name = "across_children"
        verbose_name = _("release plan")

    def __str__(self) -> str:
        return f"Release plan {self.public_id}"


class Notification(models.Model):
    """One email sent to one person about one thing. The constraint makes sending exactly once."""

    class Kind(models.TextChoices):
        ACTION_ASSIGNED = "action_assigned", _("An action in a plan was given to you")
        TOUCHPOINT_OVERDUE = "touchpoint_overdue", _("A touchpoint is overdue")
        PLACEMENT_SHARE_ENDING = (
            "placement_share_ending",
            _("A share made for a placement is ending because the child left it"),
        )

    kind = models.CharField(max_length=40, choices=Kind.choices)
    # The primary key of what the notification is about (a plan action, a touchpoint, a share).
    object_id = models.CharField(max_length=64)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "recipient"], name="notification_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} to {self.recipient_id}"
