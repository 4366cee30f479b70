"""Base models shared by every domain."""

import uuid

from django.conf import settings
from django.db import models


class OpaqueIdModel(models.Model):
    """A model whose URLs use a random identifier, never the sequential primary key."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class TrackedModel(OpaqueIdModel):
    """Created and changed: by whom and when."""

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Submission(models.Model):
    """A form's one-off key, claimed by its first post (core/once.py): a second post with the
    same key saves nothing."""

    key = models.CharField(max_length=32, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    location = models.CharField(max_length=2000, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "created_at"], name="submission_user_created_idx")]
