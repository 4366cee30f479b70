"""Training modules and who has completed them (docs/domain.md, awareness and capability)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from resettle.core.models import OpaqueIdModel, TrackedModel

MAX_EVIDENCE = 1_000


class TrainingModule(OpaqueIdModel):
    name = models.CharField(_("name"), max_length=200, unique=True)
    provider = models.CharField(_("provider"), max_length=200)
    covers = models.TextField(_("what it covers"), max_length=2_000)
    valid_for_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it does not need renewing"),
    )
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("training module")

    def __str__(self) -> str:
        return self.name


class TrainingCompletion(TrackedModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_completions",
        verbose_name=_("practitioner"),
    )
    module = models.ForeignKey(
        TrainingModule,
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("module"),
    )
    completed_on = models.DateField(_("completed on"))
    # completed_on plus the module's validity when recorded; empty if it does not expire.
    expires_on = models.DateField(_("renew by"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), max_length=MAX_EVIDENCE, blank=True)

    class Meta:
        ordering = ["-completed_on", "-id"]
        verbose_name = _("training completion")
        indexes = [
            models.Index(fields=["user", "module", "-completed_on"], name="knowledge_training_idx")
        ]

    def __str__(self) -> str:
        return f"{self.module_id} {self.completed_on}"
