"""Who saw and who changed what. Rows are only ever added."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# Namespaced action codes and how they read to a person.
ACTIONS: dict[str, str] = {
    "user.signed_in": _("Signed in"),
    "user.signed_out": _("Signed out"),
    "child.viewed": _("Viewed the child's record"),
    "child.created": _("Added the child"),
    "child.changed": _("Changed the child's details"),
    "child.history_viewed": _("Viewed the change history"),
}


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.CharField(max_length=254, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    role = models.CharField(max_length=30, blank=True)
    action = models.CharField(max_length=60)
    # The child the event concerns. No database constraint: the trail outlives the record.
    child = models.ForeignKey(
        "children.Child",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["child", "-at"]),
            models.Index(fields=["actor", "-at"]),
            models.Index(fields=["action", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action}"

    @property
    def action_display(self) -> str:
        return str(ACTIONS.get(self.action, self.action))
