"""Fixtures for the establishment's workspace: children placed at HMYOI Feltham and shared with it,
one shared for another reason, and one placed there but never shared (all synthetic)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resettle.access.models import Share
from resettle.children.models import LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Pathway, Plan, PlanAction

from ..factories import ChildFactory


@pytest.fixture(autouse=True)
def configuration(db):
    ensure_defaults()


def place(child, establishment, *, days_ago=30, release_in=20, status="sentenced_custody"):
    episode = LegalStatusEpisode.objects.create(
        child=child,
        status=status,
        sentence_type="dto" if status == "sentenced_custody" else "",
        establishment=establishment,
        starts_on=today() - timedelta(days=days_ago),
        expected_release_on=today() + timedelta(days=release_in) if release_in else None,
    )
    return episode


def share_for(child, organisation, purpose="Placed here", episode=None, by=None) -> Share:
    return Share.objects.create(
        child=child,
        organisation=organisation,
        purpose=purpose,
        ends_on=today() + timedelta(days=90),
        placement=episode,
        created_by=by,
    )


@pytest.fixture
def jay_at_feltham(camden_child, feltham, amara):
    """Jay (Camden) placed at Feltham for 30 days, out in 20, shared for the placement; with a
    review due tomorrow and an action Camden asked of Feltham, due in three days."""
    episode = place(camden_child, feltham)
    share_for(camden_child, feltham, episode=episode, by=amara)
    Touchpoint.objects.create(
        child=camden_child, name="Review meeting", due_on=today() + timedelta(days=1)
    )
    plan = Plan.objects.create(child=camden_child)
    PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="families"),
        kind="structural",
        description="Arrange family visits while in custody",
        owner_organisation=feltham,
        due_on=today(),
        status=ActionStatus.objects.get(slug="not-started"),
        created_by=amara,
    )
    return camden_child


@pytest.fixture
def kemi_shared_for_planning(hackney_child, feltham, ben):
    """Kemi (Hackney), in the community, shared with Feltham to prepare for a possible remand."""
    LegalStatusEpisode.objects.create(
        child=hackney_child,
        status="custody_likely",
        starts_on=today() - timedelta(days=5),
    )
    share_for(hackney_child, feltham, purpose="Preparing for a possible remand", by=ben)
    return hackney_child


@pytest.fixture
def never_shared(camden, feltham):
    """Placed at Feltham, but Camden has not shared the record: Feltham must not see them."""
    child = ChildFactory(preferred_name="Zara", owning_service=camden)
    place(child, feltham, days_ago=3, release_in=30)
    return child
