"""Fixtures for the network: Jay shared with Feltham and Camden social care, and his people."""

from __future__ import annotations

import pytest

from resettle.network.models import Person, PlaceOrActivity, Professional
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Pathway, Plan, PlanAction


@pytest.fixture(autouse=True)
def plan_configuration(db):
    ensure_defaults()


@pytest.fixture
def nan(camden_child):
    return Person.objects.create(
        child=camden_child,
        name="Nan",
        relationship="other_family",
        influence="positive",
        role_in_plan="Meets me at the gate",
        contact_details="07700 900123",
    )


@pytest.fixture
def tyler(camden_child):
    return Person.objects.create(
        child=camden_child,
        name="Tyler",
        relationship="friend",
        influence="undermining",
        contact_details="07700 900456",
    )


@pytest.fixture
def car_park(camden_child):
    return PlaceOrActivity.objects.create(
        child=camden_child, name="The estate car park", kind="place", influence="unsafe"
    )


@pytest.fixture
def social_worker(camden_child, camden_social_care):
    return Professional.objects.create(
        child=camden_child,
        name="Sol Worker",
        role="Social worker",
        organisation=camden_social_care,
        contact_details="sol.worker@care.test",
    )


@pytest.fixture
def jays_plan(camden_child, amara):
    return Plan.objects.create(child=camden_child, created_by=amara)


def make_action(plan, description, owner_name="", specific_service=""):
    return PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="ete"),
        kind="personal",
        description=description,
        owner_name=owner_name,
        specific_service=specific_service,
        status=ActionStatus.objects.get(slug="not-started"),
    )
