"""Demo plans: most demo children get a plan, in states varied enough for the 5Cs check."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from faker import Faker

from resettle.accounts.models import User
from resettle.children.models import Child
from resettle.plans.models import Agreement, Contingency, Plan, PlanAction
from resettle.web.demo import DEMO_STEPS, load_demo
from resettle.web.demo.plans import load_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo(children=80, seed=7)


def test_the_plans_step_is_registered_once():
    assert DEMO_STEPS.count(load_plans) == 1


def test_most_demo_children_have_a_plan_and_some_have_none(demo):
    children = Child.objects.count()
    plans = Plan.across_children.count()
    assert children * 0.6 < plans < children


def test_demo_plans_come_in_full_half_done_and_empty_states(demo):
    full = Plan.across_children.filter(agreements__isnull=False).distinct()
    assert full.exists()
    for plan in full[:5]:
        assert plan.vision
        assert plan.goals.exists()
        assert plan.actions.filter(goals__isnull=False).exists()
    half_done = Plan.across_children.filter(
        agreements__isnull=True, actions__isnull=False
    ).distinct()
    assert half_done.exists()
    assert PlanAction.across_children.filter(plan__in=half_done, goals__isnull=True).exists()
    assert Contingency.across_children.filter(
        action__plan__in=half_done, child_told_on__isnull=True
    ).exists()
    assert Contingency.across_children.filter(
        action__plan__in=full, child_told_on__isnull=False
    ).exists()
    empty = Plan.across_children.filter(actions__isnull=True, goals__isnull=True, vision="")
    assert empty.exists()


def test_demo_actions_follow_the_plans_rules(demo):
    actions = PlanAction.across_children.select_related("status", "plan__child")
    assert actions.count() > 100
    for action in actions:
        assert action.has_owner, action.description
        if action.status.needs_reason:
            assert action.status_reason
        if action.owner_person_id:
            assert action.owner_person.organisation_id == action.plan.child.owning_service_id
        assert all(goal.plan_id == action.plan_id for goal in action.goals.all())
    assert Agreement.across_children.exclude(child_comment="").exists()
    # Structural and personal support both appear, and named services are used.
    assert {"structural", "personal"} == set(actions.values_list("kind", flat=True))
    assert actions.filter(specific_service__contains="Skills for Tomorrow College").exists()


def test_the_plans_step_writes_in_bulk_not_a_query_per_child(camden):
    """More children add only more batches (SQLite limits the size of one insert)."""
    from tests.factories import ChildFactory

    counts = {}
    for size in (10, 60):
        Plan.across_children.all().delete()
        Child.objects.all().delete()
        for _ in range(size):
            ChildFactory(owning_service=camden)
        with CaptureQueriesContext(connection) as queries:
            load_plans(Faker("en_GB"), random.Random(3))  # noqa: S311 - synthetic data
        counts[size] = len(queries)
    assert counts[60] - counts[10] < 60 - 10


def test_a_demo_childs_plan_page_shows(demo):
    amara = User.objects.get(email="caseworker@camden.example")
    plan = (
        Plan.across_children.filter(child__lead_practitioner=amara, agreements__isnull=False)
        .select_related("child")
        .first()
    )
    assert plan is not None, "Amara should have a child with an agreed plan in the demo"
    client = Client()
    client.force_login(amara)
    response = client.get(reverse("plans:plan", args=[plan.child.public_id]))
    assert response.status_code == 200
    assert plan.vision in response.content.decode()
