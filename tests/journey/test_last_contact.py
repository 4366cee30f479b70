"""The child's last contact is stored on the child (Child.last_contact_on) and kept current by the
services that record contact, so My week's "not seen" need not work it out for every child."""

from datetime import timedelta

import pytest

from resettle.audit.actors import Actor
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.journey.facts import keep_last_contact
from resettle.journey.models import Meeting, MeetingKind
from resettle.notes import services as notes

pytestmark = pytest.mark.django_db


def stored(child) -> object:
    return Child.objects.get(pk=child.pk).last_contact_on


def test_a_note_recording_contact_moves_the_date_and_one_without_does_not(amara, camden_child):
    assert stored(camden_child) is None
    notes.add_note(Actor(amara), camden_child, text="Phoned mum")
    assert stored(camden_child) is None
    seen = today() - timedelta(days=3)
    notes.add_note(Actor(amara), camden_child, text="Visited", contact_on=seen)
    assert stored(camden_child) == seen
    notes.add_note(Actor(amara), camden_child, text="Old visit", contact_on=seen - timedelta(10))
    assert stored(camden_child) == seen  # the latest contact, not the latest note


def test_the_stored_date_is_the_same_as_working_it_out(camden_child, hackney_child):
    Meeting.objects.create(
        child=camden_child,
        kind=MeetingKind.SUPERVISION,
        held_on=today() - timedelta(days=40),
        child_attended=True,
    )
    Meeting.objects.create(
        child=camden_child,
        kind=MeetingKind.SUPERVISION,
        held_on=today() - timedelta(days=2),
        child_attended=False,  # about the child, without them: not contact
    )
    assert keep_last_contact(Child.objects.all()) == 2
    assert stored(camden_child) == today() - timedelta(days=40)
    assert stored(hackney_child) is None
