"""Retention: how long each youth justice service keeps a child's record after the order ends."""

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_RETENTION_YEARS = 6


class RetentionPolicy(models.Model):
    class Action(models.TextChoices):
        ANONYMISE = "anonymise", _("Anonymise (keep counts, remove who the child is)")
        DELETE = "delete", _("Delete the record entirely")

    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="retention_policy",
        limit_choices_to={"kind": "yjs"},
    )
    years_after_order_ends = models.PositiveSmallIntegerField(
        _("years kept after the order ends"), default=DEFAULT_RETENTION_YEARS
    )
    action = models.CharField(max_length=20, choices=Action.choices, default=Action.ANONYMISE)

    class Meta:
        verbose_name_plural = "retention policies"

    def __str__(self) -> str:
        return (
            f"{self.organisation}: {self.get_action_display()} after {self.years_after_order_ends}y"
        )
