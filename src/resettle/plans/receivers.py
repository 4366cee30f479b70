"""What the plan does when something happens below it (listed in docs/development.md)."""

from __future__ import annotations

from django.dispatch import receiver

from resettle.core.signals import child_record_changed

from .services import follow_childs_words


@receiver(child_record_changed, dispatch_uid="plans_vision_follows_the_childs_words")
def vision_follows_the_childs_words(sender, child, what, **kwargs) -> None:
    """The plan's "who I want to be" is drawn from the child's latest words, never typed twice."""
    if what == "voice":
        follow_childs_words(child)
