"""Pinned query counts: the network page does not grow with the number of people.

If the count changes because the page now needs more, look in resettle.network.queries first.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from resettle.network.models import Influence, Person, PlaceOrActivity, Professional

from .conftest import make_action

pytestmark = pytest.mark.django_db

# Session, user, the child with lead practitioner and service, the audit row (a savepoint, on
# PostgreSQL an advisory lock, the previous row's hash, the insert, the release), people, places,
# professionals with their organisations, the plan's actions (to show who is named in them), the
# current legal status, and the user's organisation for the header.
NETWORK_QUERIES = {"sqlite": 13, "postgresql": 14}


def build_network(child, plan, organisation, count):
    influences = Influence.values
    for n in range(count):
        Person.objects.create(
            child=child,
            name=f"Person {n}",
            relationship="friend",
            influence=influences[n % len(influences)],
            role_in_plan="Helps",
        )
        PlaceOrActivity.objects.create(
            child=child, name=f"Place {n}", kind="place", influence=influences[n % 5]
        )
        Professional.objects.create(
            child=child, name=f"Pro {n}", role="Worker", organisation=organisation
        )
        make_action(plan, f"See Person {n} on Saturdays")


@pytest.mark.parametrize("count", [2, 25])
def test_network_page_query_count_does_not_grow_with_people(
    client_for, amara, camden_child, camden_social_care, jays_plan, django_assert_num_queries, count
):
    build_network(camden_child, jays_plan, camden_social_care, count)
    url = reverse("network:network", args=[camden_child.public_id])
    client = client_for(amara)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(NETWORK_QUERIES[connection.vendor]):
        response = client.get(url)
    assert response.context["page"].people_count == count
    assert len(response.context["page"].professionals) == count
