"""Fixtures for the plan: its configuration, Jay shared with Feltham and Camden social care."""

from __future__ import annotations

import pytest

from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import Plan

from .factories import GoalFactory, PlanActionFactory


@pytest.fixture(autouse=True)
def plan_configuration(db):
    """Pathways and statuses (the data migration loads them; a flushed database may not have)."""
    ensure_defaults()


@pytest.fixture
def jays_plan(camden_child, amara) -> Plan:
    return Plan.objects.create(
        child=camden_child, vision="I want to be a mechanic", created_by=amara
    )


@pytest.fixture
def jays_goal(jays_plan):
    return GoalFactory(plan=jays_plan, text="Get on the motor vehicle course at college")


@pytest.fixture
def jays_action(jays_plan, jays_goal):
    return PlanActionFactory(
        plan=jays_plan, description="Enrol on motor vehicle level 1", goals=[jays_goal]
    )


@pytest.fixture
def no_undermining_checks():
    """Take away the checks other domains registered (the network's), for this test only."""
    from resettle.plans import undermining

    saved = list(undermining.UNDERMINING_CHECKS)
    undermining.UNDERMINING_CHECKS.clear()
    yield undermining.UNDERMINING_CHECKS
    undermining.UNDERMINING_CHECKS[:] = saved
