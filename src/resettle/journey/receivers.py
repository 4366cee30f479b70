"""What the journey does when something happens below it (listed in docs/development.md)."""

from __future__ import annotations

from django.dispatch import receiver

from resettle.children.signals import legal_status_recorded
from resettle.core.signals import child_record_changed

from . import touchpoints
from .facts import keep_last_contact
from .services import legal_status_recorded as start_touchpoints

# What can meet a touchpoint (journey.facts): a change to any of these looks again.
FACTS = frozenset({"voice", "plan", "meeting", "note", "release"})
# What can be contact with the child (journey.facts.last_contact).
CONTACT = frozenset({"voice", "meeting", "note"})


@receiver(legal_status_recorded, dispatch_uid="journey_touchpoints_for_legal_status")
def touchpoints_for_new_legal_status(sender, episode, actor, **kwargs) -> None:
    """A new legal status ends the stage of the last one's touchpoints and starts its own."""
    start_touchpoints(episode, by=actor.user)


@receiver(child_record_changed, dispatch_uid="journey_touchpoints_follow_the_record")
def touchpoints_follow_the_record(sender, child, what, **kwargs) -> None:
    """A touchpoint is met by the record that meets it, as soon as it is recorded or changed."""
    if what in FACTS:
        touchpoints.refresh([child.pk])


@receiver(child_record_changed, dispatch_uid="journey_last_contact_follows_the_record")
def last_contact_follows_the_record(sender, child, what, **kwargs) -> None:
    """The child's last contact (Child.last_contact_on) is kept current with the record."""
    if what in CONTACT:
        keep_last_contact([child.pk])
