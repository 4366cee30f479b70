"""Pinned query counts: the caseload and the child's page do not grow with the number of rows.

If a count changes because a page now needs more, look for a missing select_related or
prefetch_related first (ChildQuerySet.for_caseload), and only then update the number here.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from ..factories import ChildFactory, UserFactory

CASELOAD = reverse("children:caseload")

# Session, user, the lead practitioner choices for the filter, the count (the ids alone), the
# page's ids in order, those children with their lead practitioner and service, their kept 5Cs
# ratings (resettle.quality.kept: rated by an earlier view; a child whose record changed since is
# rated again, in a fixed number of queries: tests/quality/test_query_counts.py), the stage
# column's one (the page's legal status episodes) and the user's organisation for the header.
CASELOAD_QUERIES = 9
# Session, user, the child with lead practitioner and service, the audit row (a savepoint, on
# PostgreSQL an advisory lock, the previous row's hash, the insert, the release), the child's
# legal status episodes and the user's organisation for the header.
DETAIL_QUERIES = {"sqlite": 9, "postgresql": 10}

pytestmark = pytest.mark.django_db


def make_children(service, leads, count):
    return [
        ChildFactory(owning_service=service, lead_practitioner=leads[n % len(leads)])
        for n in range(count)
    ]


@pytest.fixture
def camden_leads(camden, priya, amara):
    colleagues = [UserFactory(organisation=camden) for _ in range(3)]
    return [priya, amara, *colleagues]


def warmed_up(client_for, user, url, params=None):
    """A signed-in client whose session is already stamped, as on any request after the first,
    and which has seen the page once (so its children's 5Cs ratings are kept)."""
    client = client_for(user)
    assert client.get(url, params or {}).status_code == 200
    return client


@pytest.mark.parametrize("count", [3, 60])
@pytest.mark.parametrize("scope", ["service", "mine"])
def test_caseload_query_count_does_not_grow_with_children(
    client_for, priya, camden, camden_leads, django_assert_num_queries, count, scope
):
    make_children(camden, camden_leads, count)
    client = warmed_up(client_for, priya, CASELOAD, {"scope": scope})
    with django_assert_num_queries(CASELOAD_QUERIES):
        response = client.get(CASELOAD, {"scope": scope})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_filtered_and_sorted_caseload_query_count_is_the_same(
    client_for, priya, camden, camden_leads, django_assert_num_queries, count
):
    make_children(camden, camden_leads, count)
    client = warmed_up(client_for, priya, CASELOAD)
    client.post(CASELOAD, {"q": "Test"})  # the search text is kept in the session
    params = {"care_status": "neither", "sort": "-age", "page": "2"}
    client.get(CASELOAD, params)  # the page's children are rated once
    with django_assert_num_queries(CASELOAD_QUERIES):
        response = client.get(CASELOAD, params)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 60])
def test_child_page_query_count_is_pinned(
    client_for, priya, camden, camden_leads, django_assert_num_queries, count
):
    children = make_children(camden, camden_leads, count)
    url = reverse("children:detail", args=[children[-1].public_id])
    client = warmed_up(client_for, priya, url)
    with django_assert_num_queries(DETAIL_QUERIES[connection.vendor]):
        response = client.get(url)
    assert response.status_code == 200
