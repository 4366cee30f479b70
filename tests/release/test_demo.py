"""Demo release plans and case notes: varied, and only on children who fit."""

from __future__ import annotations

import pytest
from django.urls import reverse

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


def test_the_demo_shares_placed_children_with_their_establishment_for_the_placement(client_for):
    from resettle.access.models import Share
    from resettle.accounts.models import User

    load_demo(children=60, seed=7)
    placement_shares = list(
        Share.across_children.filter(placement__isnull=False).select_related(
            "placement", "child", "organisation"
        )
    )
    assert placement_shares, "some demo children are placed at the establishment"
    for share in placement_shares:
        assert share.placement.establishment_id == share.organisation_id
        assert share.placement == share.child.legal_statuses.current()
    # The establishment's practitioner sees them under "placed here now", the others apart.
    chloe = client_for(User.objects.get(email="practitioner@feltham.example"))
    url = reverse("children:caseload")
    placed = chloe.get(url, {"scope": "placed"}).content.decode()
    other = chloe.get(url, {"scope": "other"}).content.decode()
    at_feltham = [s for s in placement_shares if s.organisation.slug == "feltham"]
    assert at_feltham, "the demo's establishment has children placed there"
    for share in at_feltham:
        reference = str(share.child.public_id)
        assert reference in placed and reference not in other
