"""Demo release plans and case notes: varied, and only on children who fit."""

from __future__ import annotations

import pytest

from resettle.access import policy
from resettle.children.pages import get_child
from resettle.notes.models import CaseNote
from resettle.release.queries import due_for_release, with_readiness
from resettle.release.readiness import Rag
from resettle.web.demo import DEMO_STEPS, load_demo
from resettle.web.demo.journey import load_journeys
from resettle.web.demo.notes import load_notes
from resettle.web.demo.release import load_release

pytestmark = pytest.mark.django_db


def test_the_steps_are_registered_once_and_release_comes_after_the_journey():
    assert DEMO_STEPS.count(load_release) == DEMO_STEPS.count(load_notes) == 1
    assert DEMO_STEPS.index(load_journeys) < DEMO_STEPS.index(load_release)


def test_the_demo_has_releases_in_every_state_and_notes_from_several_agencies():
    from resettle.children.models import Child

    load_demo(children=60, seed=7)
    due = with_readiness(due_for_release(Child.objects.all()))
    assert len(due) >= 10
    states = {child.readiness.rag for child in due}
    assert states == {Rag.RED, Rag.AMBER, Rag.GREEN}
    assert any(not hasattr(child, "release_plan") for child in due)

    notes = list(CaseNote.across_children.select_related("written_by", "child"))
    assert len({note.organisation_id for note in notes}) >= 3
    # Every note is written by someone who may add to that child's record.
    for note in notes:
        visible = get_child(note.written_by, note.child.public_id)
        assert policy.can_contribute(note.written_by, visible)
