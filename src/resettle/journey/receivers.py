"""What the journey does when something happens below it (listed in docs/development.md)."""

from __future__ import annotations

from django.dispatch import receiver

from resettle.children.signals import legal_status_recorded

from .services import legal_status_recorded as start_touchpoints


@receiver(legal_status_recorded, dispatch_uid="journey_touchpoints_for_legal_status")
def touchpoints_for_new_legal_status(sender, episode, actor, **kwargs) -> None:
    """A new legal status replaces the open touchpoints of earlier ones and starts its own."""
    start_touchpoints(episode, by=actor.user)
