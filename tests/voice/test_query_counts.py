"""The voice page's query count does not grow with the number of conversations."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

pytestmark = pytest.mark.django_db

# Session, user, the child with service and lead practitioner (the visibility rule is a
# subquery), the audit row (a savepoint, on PostgreSQL an advisory lock, the previous row's hash,
# the insert, the release), the current legal status, the entries with who recorded them, their
# strengths, and the user's organisation for the page header.
OVERVIEW_QUERIES = {"sqlite": 11, "postgresql": 12}


@pytest.mark.parametrize("count", [2, 12])
@pytest.mark.parametrize("show_all", [False, True])
def test_voice_page_query_count_is_pinned(
    client_for,
    amara,
    camden_child,
    make_entry,
    strengths,
    django_assert_num_queries,
    count,
    show_all,
):
    picks = list(strengths.values())
    for n in range(count):
        make_entry(
            camden_child,
            amara,
            days_ago=n * 7,
            self_rating=(n % 10) + 1,
            strengths=picks[: n % 3 + 1],
        )
    url = reverse("voice:overview", args=[camden_child.public_id])
    client = client_for(amara)
    assert client.get(url).status_code == 200  # the session is stamped on the first request
    with django_assert_num_queries(OVERVIEW_QUERIES[connection.vendor]):
        response = client.get(url, {"all": "1"} if show_all else {})
    assert response.status_code == 200
    assert len(response.context["columns"]) == (count if show_all else min(count, 6))
