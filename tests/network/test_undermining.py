"""The plan warns when an action leans on someone or something flagged as undermining."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.network.checks import leans_on_undermining_network
from resettle.network.models import Person
from resettle.plans import undermining
from resettle.plans.undermining import warnings_for

from .conftest import make_action

pytestmark = pytest.mark.django_db


def test_the_network_check_is_registered_with_the_plan():
    assert leans_on_undermining_network in undermining.UNDERMINING_CHECKS


def test_an_action_naming_an_undermining_person_is_warned_about(jays_plan, tyler, nan):
    lift = make_action(jays_plan, "Lifts to college on Mondays", owner_name="tyler")
    dinner = make_action(jays_plan, "Sunday dinner at Nan's", owner_name="Nan")
    warnings = warnings_for([lift, dinner])
    assert warnings == {
        lift.id: [
            "This action relies on Tyler, who is flagged as undermining Jay's pro-social "
            "identity. Check this is right."
        ]
    }


def test_names_match_whole_words_only(jays_plan, tyler):
    tylers = make_action(jays_plan, "Meet at Tylerson's Garage")
    mentions = make_action(jays_plan, "Avoid seeing Tyler on Fridays")
    assert set(warnings_for([tylers, mentions])) == {mentions.id}


def test_an_undermining_place_named_in_the_service_is_warned_about(jays_plan, car_park):
    action = make_action(
        jays_plan, "Football", specific_service="Kickabout in the Estate Car Park on Saturdays"
    )
    [message] = warnings_for([action])[action.id]
    assert message.startswith("This action relies on The estate car park, which is flagged")


def test_a_positive_person_raises_no_warning(jays_plan, nan):
    action = make_action(jays_plan, "Nan meets him at the gate", owner_name="Nan")
    assert warnings_for([action]) == {}


def test_another_childs_undermining_person_raises_no_warning(jays_plan, hackney_child):
    Person.objects.create(
        child=hackney_child, name="Dion", relationship="friend", influence="undermining"
    )
    action = make_action(jays_plan, "Shadow Dion at work")
    assert warnings_for([action]) == {}


def test_the_check_asks_the_database_once_however_many_actions(
    jays_plan, tyler, car_park, django_assert_num_queries
):
    actions = [make_action(jays_plan, f"Action {n} with Tyler") for n in range(25)]
    with django_assert_num_queries(1):
        warnings = leans_on_undermining_network(actions)
    assert len(warnings) == 25


def test_the_warning_shows_on_the_plan_page(client_for, amara, camden_child, jays_plan, tyler):
    make_action(jays_plan, "Lifts to college on Mondays with Tyler")
    make_action(jays_plan, "Enrol at college")
    response = client_for(amara).get(reverse("plans:plan", args=[camden_child.public_id]))
    assert response.status_code == 200
    assert response.text.count("who is flagged as undermining Jay") == 1
