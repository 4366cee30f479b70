"""What the plan does when something happens below it (listed in docs/development.md)."""

from __future__ import annotations

from django.dispatch import receiver

from resettle.children.signals import legal_status_recorded
from resettle.core.signals import child_record_changed

from .services import carry_on_after_release, follow_childs_words


@receiver(child_record_changed, dispatch_uid="plans_vision_follows_the_childs_words")
def vision_follows_the_childs_words(sender, child, what, **kwargs) -> None:
    """The plan's "who I want to be" is drawn from the child's latest words, never typed twice."""
    if what == "voice":
        follow_childs_words(child)


@receiver(legal_status_recorded, dispatch_uid="plans_courses_carry_on_after_release")
def courses_carry_on_after_release(sender, episode, actor, **kwargs) -> None:
    """A course started in custody and not finished becomes an action to carry on after release."""
    carry_on_after_release(actor, episode.child, episode)
