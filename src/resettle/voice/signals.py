"""Keeping the child's words no longer than the child's record."""

from __future__ import annotations

from django.db.models.signals import post_delete
from django.dispatch import receiver

from resettle.children.models import Child

from .models import VoiceEntry


@receiver(post_delete, sender=Child, dispatch_uid="voice_history_goes_with_the_child")
def delete_voice_history(sender, instance: Child, **kwargs) -> None:
    """When a child's record is deleted, the earlier versions of what they said go with it.

    The entries themselves are deleted with the child (a cascade); their history has no database
    link to the child, so without this it would keep the child's words.
    """
    VoiceEntry.history.filter(child_id=instance.pk).delete()
