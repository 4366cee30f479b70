"""Personal access tokens for the REST API, and where imported children came from.

A token is shown to its owner once and stored only as a SHA-256 hash: a short prefix, stored in
the clear, finds the row; the hash proves the rest. A token acts as its owner (their role and
organisation, nothing more), for reading only or for reading and writing, until it expires or is
revoked.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resettle.core.models import OpaqueIdModel, TrackedModel
from resettle.core.scoping import ChildScopedManager, across

MAX_TOKEN_NAME = 100


class TokenScope(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and write")


class AccessTokenQuerySet(models.QuerySet):
    def usable(self) -> AccessTokenQuerySet:
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class AccessToken(OpaqueIdModel):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("person"),
    )
    name = models.CharField(_("name"), max_length=MAX_TOKEN_NAME)
    scope = models.CharField(_("access"), max_length=20, choices=TokenScope.choices)
    # The first characters of the token, in the clear, to find the row (never enough to use it).
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    # SHA-256 of the whole token, hex.
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revoked by"),
    )

    objects = AccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal access token")
        verbose_name_plural = _("personal access tokens")
        indexes = [models.Index(fields=["user", "-created_at"], name="api_token_user_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return not self.is_revoked and not self.is_expired

    @property
    def can_write(self) -> bool:
        return self.scope == TokenScope.READ_WRITE


class ImportedRecord(TrackedModel):
    """A child as a case management system knows them: (service, source system, source id)."""

    service = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("youth justice service"),
    )
    source_system = models.CharField(_("source system"), max_length=50)
    source_id = models.CharField(_("source id"), max_length=100)
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="imported_records"
    )

    objects = ChildScopedManager()
    across_children = across()

    class Meta:
        default_manager_name = "across_children"
        verbose_name = _("imported record")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "source_system", "source_id"], name="imported_record_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_system}:{self.source_id}"
