"""Two people edit the same goal: the second save does not silently overwrite the first."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from resettle.audit.actors import Actor
from resettle.plans import services

pytestmark = pytest.mark.django_db


def hidden_based_on(content: str) -> str:
    match = re.search(r'name="based_on" value="([^"]+)"', content)
    assert match, "the edit form carries the values it started from"
    return match.group(1)


def test_a_goal_changed_meanwhile_is_not_overwritten(client_for, amara, camden_child, jays_goal):
    client = client_for(amara)
    url = reverse("plans:goal-edit", args=[camden_child.public_id, jays_goal.public_id])
    token = hidden_based_on(client.get(url).content.decode())

    # Meanwhile, someone else changes the goal.
    services.change_goal(
        Actor(amara), camden_child, jays_goal, text="Get a CSCS card", is_active=True
    )

    response = client.post(
        url, {"text": "Motor vehicle level 2", "still_a_goal": "yes", "based_on": token}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Someone else changed this while you were editing it" in content
    assert "What changed while you were editing" in content
    assert "Get a CSCS card" in content and "Motor vehicle level 2" in content
    jays_goal.refresh_from_db()
    assert jays_goal.text == "Get a CSCS card"  # nothing was overwritten

    # Having seen the change, the person saves again: accepted.
    response = client.post(
        url,
        {
            "text": "Motor vehicle level 2",
            "still_a_goal": "yes",
            "based_on": hidden_based_on(content),
        },
    )
    assert response.status_code == 302
    jays_goal.refresh_from_db()
    assert jays_goal.text == "Motor vehicle level 2"


def test_an_edit_with_nothing_changed_meanwhile_saves_first_time(
    client_for, amara, camden_child, jays_goal
):
    client = client_for(amara)
    url = reverse("plans:goal-edit", args=[camden_child.public_id, jays_goal.public_id])
    token = hidden_based_on(client.get(url).content.decode())
    response = client.post(url, {"text": "Level 2", "still_a_goal": "yes", "based_on": token})
    assert response.status_code == 302
