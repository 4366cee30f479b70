"""Who may read and who may change a child's plan.

Reading needs a child the person may see (otherwise 404). Changing needs the owning service, or
the secure estate or a partner the child is shared with; a youth justice service that sees the
child through a handover share reads only (403).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.access.models import Share
from resettle.core.dates import today
from resettle.plans.models import Contingency, Goal
from tests.factories import share

pytestmark = pytest.mark.django_db


def plan_url(child):
    return reverse("plans:plan", args=[child.public_id])


def goal_add_url(child):
    return reverse("plans:goal-add", args=[child.public_id])


@pytest.mark.parametrize("person", ["amara", "priya"])
def test_camden_staff_read_and_change_jays_plan(person, request, client_for, camden_child):
    client = client_for(request.getfixturevalue(person))
    assert client.get(plan_url(camden_child)).status_code == 200
    assert client.get(goal_add_url(camden_child)).status_code == 200
    assert client.post(goal_add_url(camden_child), {"text": f"Goal by {person}"}).status_code == 302
    assert Goal.across_children.filter(text=f"Goal by {person}").exists()


@pytest.mark.parametrize("person", ["chloe", "sam"])
def test_the_secure_estate_and_partners_with_an_active_share_contribute(
    person, request, client_for, shared_jay
):
    client = client_for(request.getfixturevalue(person))
    assert client.get(plan_url(shared_jay)).status_code == 200
    response = client.post(goal_add_url(shared_jay), {"text": "Goal from the establishment"})
    assert response.status_code == 302
    assert Goal.across_children.filter(plan__child=shared_jay).count() == 1


def test_chloe_cannot_see_the_plan_once_the_share_has_ended(client_for, chloe, shared_jay, feltham):
    Share.across_children.filter(organisation=feltham).update(
        starts_on=today() - timedelta(days=30), ends_on=today() - timedelta(days=1)
    )
    client = client_for(chloe)
    assert client.get(plan_url(shared_jay)).status_code == 404
    assert client.post(goal_add_url(shared_jay), {"text": "Late"}).status_code == 404


@pytest.mark.parametrize("person", ["ben", "dev", "alex"])
def test_people_who_cannot_see_jay_get_not_found(person, request, client_for, camden_child):
    client = client_for(request.getfixturevalue(person))
    assert client.get(plan_url(camden_child)).status_code == 404
    assert client.get(goal_add_url(camden_child)).status_code == 404
    assert client.post(goal_add_url(camden_child), {"text": "Sneaky"}).status_code == 404
    assert not Goal.across_children.exists()


def test_a_hackney_worker_with_a_handover_share_reads_but_cannot_change(
    client_for, ben, hackney, amara, camden_child, jays_plan, jays_action
):
    share(camden_child, hackney, amara)
    client = client_for(ben)
    assert client.get(plan_url(camden_child)).status_code == 200
    assert client.get(reverse("plans:history", args=[camden_child.public_id])).status_code == 200
    writes = [
        reverse("plans:vision", args=[camden_child.public_id]),
        goal_add_url(camden_child),
        reverse("plans:need-add", args=[camden_child.public_id]),
        reverse("plans:action-add", args=[camden_child.public_id]),
        reverse("plans:action-edit", args=[camden_child.public_id, jays_action.public_id]),
        reverse("plans:contingency", args=[camden_child.public_id, jays_action.public_id]),
        reverse("plans:agreement-add", args=[camden_child.public_id]),
    ]
    for url in writes:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"text": "x", "plan_b": "x"}).status_code == 403, url
    assert not Contingency.across_children.exists()
    assert Goal.across_children.count() == 1  # only Jay's own goal from the fixture
