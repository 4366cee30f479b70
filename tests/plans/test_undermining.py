"""The undermining hook: checks registered by other domains warn on the actions they flag."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.accounts.models import Organisation
from resettle.plans import undermining
from resettle.plans.undermining import warnings_for

from .factories import PlanActionFactory

pytestmark = pytest.mark.django_db


def flags_cousin_dion(actions):
    """A test check: an action that leans on Cousin Dion is flagged (no query)."""
    return {
        a.id: ["Cousin Dion is recorded as undermining Jay's pro-social identity"]
        for a in actions
        if a.owner_name == "Cousin Dion"
    }


def flags_organisations_named_unsafe(actions):
    """A test check that, like the network's will, asks the database once for the whole plan."""
    org_ids = {a.owner_organisation_id for a in actions if a.owner_organisation_id}
    flagged = set(
        Organisation.objects.filter(id__in=org_ids, name__contains="Unsafe").values_list(
            "id", flat=True
        )
    )
    return {
        a.id: ["This organisation is flagged as undermining"]
        for a in actions
        if a.owner_organisation_id in flagged
    }


@pytest.fixture
def registered(no_undermining_checks):
    """Only the test checks are registered, for one test."""
    undermining.register(flags_cousin_dion)
    undermining.register(flags_organisations_named_unsafe)


def test_with_no_checks_registered_there_are_no_warnings(no_undermining_checks, jays_plan):
    action = PlanActionFactory(plan=jays_plan, owner_name="Cousin Dion")
    assert warnings_for([action]) == {}


def test_a_check_is_given_all_the_actions_at_once(registered, jays_plan):
    seen = []

    def spy(actions):
        seen.append(list(actions))
        return {}

    undermining.register(spy)
    try:
        actions = [PlanActionFactory(plan=jays_plan) for _ in range(3)]
        warnings_for(actions)
    finally:
        undermining.unregister(spy)
    assert seen == [actions]


def test_registering_the_same_check_twice_runs_it_once(registered):
    undermining.register(flags_cousin_dion)
    assert undermining.UNDERMINING_CHECKS.count(flags_cousin_dion) == 1


def test_warnings_from_every_check_are_gathered_by_action(registered, jays_plan):
    unsafe = Organisation.objects.create(name="Unsafe Youth Club", slug="unsafe", kind="partner")
    dion = PlanActionFactory(plan=jays_plan, owner_name="Cousin Dion", owner_organisation=unsafe)
    fine = PlanActionFactory(plan=jays_plan, owner_name="Aunt Grace")
    warnings = warnings_for([dion, fine])
    assert warnings == {
        dion.id: [
            "Cousin Dion is recorded as undermining Jay's pro-social identity",
            "This organisation is flagged as undermining",
        ]
    }


def test_warnings_about_actions_not_asked_about_are_ignored(no_undermining_checks, jays_plan):
    action = PlanActionFactory(plan=jays_plan)
    undermining.register(stray := (lambda actions: {999_999: ["Not one of ours"]}))
    try:
        assert warnings_for([action]) == {}
    finally:
        undermining.unregister(stray)


def test_the_plan_page_shows_warnings_on_the_action(
    registered, client_for, amara, camden_child, jays_plan
):
    dion = PlanActionFactory(
        plan=jays_plan, owner_name="Cousin Dion", description="Lifts to college"
    )
    PlanActionFactory(plan=jays_plan, owner_name="Aunt Grace", description="Sunday dinners")
    content = client_for(amara).get(reverse("plans:plan", args=[camden_child.public_id]))
    content = content.content.decode()
    start = content.index(f'id="action-{dion.public_id}"')
    card = content[start : content.index("</dl>", start)]
    assert 'class="govuk-warning-text"' in card
    assert "Cousin Dion is recorded as undermining Jay&#x27;s pro-social identity" in card
    assert content.count('class="govuk-warning-text"') == 1
