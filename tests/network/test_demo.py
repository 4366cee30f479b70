"""Demo networks: varied people, places and professionals, and a plan warning to show."""

from __future__ import annotations

import pytest
from django.db.models import Count

from resettle.children.models import Child
from resettle.network.models import Influence, Person, PlaceOrActivity, Professional
from resettle.plans.models import PlanAction
from resettle.plans.undermining import warnings_for
from resettle.web.demo import DEMO_PARTNERS, DEMO_STEPS, load_demo
from resettle.web.demo.network import TYLER_ACTION, load_network
from resettle.web.demo.plans import load_plans

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo(children=80, seed=7)


def test_the_network_step_is_registered_once_and_runs_after_the_plans():
    assert DEMO_STEPS.count(load_network) == 1
    assert DEMO_STEPS.index(load_network) > DEMO_STEPS.index(load_plans)


def test_most_demo_children_have_two_to_six_people_of_varied_influence(demo):
    counts = list(Child.objects.annotate(n=Count("network_people")).values_list("n", flat=True))
    with_network = [n for n in counts if n]
    assert len(with_network) > len(counts) * 0.7
    assert min(with_network) >= 2 and max(with_network) <= 7  # 2-6, and sometimes Tyler too
    influences = set(Person.across_children.values_list("influence", flat=True))
    assert {Influence.POSITIVE, Influence.MIXED, Influence.UNDERMINING} <= influences
    assert PlaceOrActivity.across_children.exists()


def test_demo_professionals_come_from_the_demo_partners(demo):
    slugs = {slug for slug, *_ in DEMO_PARTNERS}
    organisations = set(Professional.across_children.values_list("organisation__slug", flat=True))
    assert organisations and organisations <= slugs


def test_some_demo_plan_actions_lean_on_someone_undermining_and_are_warned_about(demo):
    actions = list(PlanAction.across_children.filter(description=TYLER_ACTION))
    assert 1 <= len(actions) <= 3
    warnings = warnings_for(actions)
    assert set(warnings) == {a.id for a in actions}
