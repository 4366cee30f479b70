"""Fixtures for referrals: a Camden service whose organisation uses Resettle (Camden social care,
where Sam works), one that does not, and Jay's action linked to each."""

from __future__ import annotations

import pytest

from resettle.audit.actors import WEB, Actor
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import Plan
from resettle.referrals import services
from tests.directory.helpers import make_service, organization
from tests.plans.factories import PlanActionFactory


@pytest.fixture(autouse=True)
def plan_configuration(db):
    ensure_defaults()


@pytest.fixture
def partner_service(dev, camden_social_care):
    org = organization("Camden Futures Partnership (test)")
    org.resettle_organisation = camden_social_care
    org.save()
    return make_service(dev, org, name="Camden Motor Skills")


@pytest.fixture
def outside_service(dev):
    return make_service(dev, organization("Offline Trust (test)"), name="Offline Boxing")


@pytest.fixture
def jays_plan(camden_child, amara):
    return Plan.objects.create(child=camden_child, vision="A mechanic", created_by=amara)


@pytest.fixture
def action(jays_plan, partner_service):
    return PlanActionFactory(
        plan=jays_plan, description="Start the motor skills course", service=partner_service
    )


@pytest.fixture
def outside_action(jays_plan, outside_service):
    return PlanActionFactory(plan=jays_plan, description="Boxing", service=outside_service)


def act(user) -> Actor:
    return Actor(user, via=WEB)


@pytest.fixture
def sent(amara, camden_child, action):
    from resettle.core.dates import today

    return services.refer(
        act(amara),
        camden_child,
        action,
        purpose="Jay wants to work with cars",
        shared=["plan"],
        consent="given",
        consent_on=today(),
    )
