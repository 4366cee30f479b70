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
from resettle.insight.models import StoredFigures
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


def _forget():
    """Nothing counted is kept: the next page counts again."""
    cache.clear()
    StoredFigures.objects.all().delete()


def _queries(client, url) -> int:
    _forget()
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
    _forget()
    # Counting: 10 measures dated by a day of their records (8 quarters in one query each), 2
    # counted a quarter at a time (personal support, contact gaps: 8 each) and 3 counted now: 29
    # counts, each looked for, counted and kept in a savepoint (164 queries); and the page's 4.
    with django_assert_max_num_queries(168):
        client.get(reverse("insight:overview"))
    # Kept in the database: one read for each of the 29, whichever process asks.
    cache.clear()
    with django_assert_max_num_queries(29 + 4):
        client.get(reverse("insight:overview"))
    # And in the process's cache.
    with django_assert_max_num_queries(4):
        client.get(reverse("insight:overview"))
