"""The figures pages make a fixed number of queries, however many children there are: one
aggregate query per measure and period, never one per child."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resettle.core.dates import today
from tests.factories import ChildFactory

from .helpers import status, touchpoint, words

pytestmark = pytest.mark.django_db

PAGES = [
    reverse("insight:overview"),
    reverse("insight:services"),
    reverse("insight:measure", args=["four-questions"]),
]


def _children(n, camden, hackney, amara, feltham):
    now = today()
    for i in range(n):
        child = ChildFactory(owning_service=camden if i % 2 else hackney, lead_practitioner=amara)
        status(child, "remand_yda", now - timedelta(days=30 + i), establishment=feltham)
        words(child, now - timedelta(days=29 + i), amara)
        touchpoint(child, now - timedelta(days=2))


def _queries(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_children(
    dev, priya, camden, hackney, amara, feltham, client_for
):
    lead, manager = client_for(dev), client_for(priya)
    for client in (lead, manager):  # the session's first save is not the page's
        client.get(reverse("insight:definitions"))
    _children(3, camden, hackney, amara, feltham)
    few = {url: _queries(lead, url) for url in PAGES}
    few_service = _queries(manager, reverse("insight:service"))
    _children(30, camden, hackney, amara, feltham)
    many = {url: _queries(lead, url) for url in PAGES}
    assert many == few
    assert _queries(manager, reverse("insight:service")) == few_service


def test_the_overview_query_count_is_pinned(dev, client_for, django_assert_max_num_queries):
    client = client_for(dev)
    client.get(reverse("insight:definitions"))  # the session's first save is not the page's
    cache.clear()
    # 10 measures dated by a day of their records: 8 quarters in one query each; 2 counted at
    # a time (personal support, contact gaps): 8 each; 3 counted now; and 4 for the session,
    # the user and the page's bookkeeping.
    with django_assert_max_num_queries(10 + 16 + 3 + 4):
        client.get(reverse("insight:overview"))
    # Counted once, the figures are read from the cache for a few minutes.
    with django_assert_max_num_queries(8):
        client.get(reverse("insight:overview"))
