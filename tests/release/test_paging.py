"""Long lists in pages: releases coming up, and My week's sections (the first few of each, with a
link to the whole list in pages). Pages keep the filters, a page past the end is the last, and
only children the person may see are listed."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from resettle.access.models import Restriction
from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.web import week

from ..factories import ChildFactory
from .conftest import in_custody

pytestmark = pytest.mark.django_db

UPCOMING = reverse("release:upcoming")
WEEK = reverse("release:my-week")


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of 3 and sections of 2, so a few children make several pages."""
    monkeypatch.setattr(week, "PAGE_SIZE", 3)
    monkeypatch.setattr(week, "SECTION_LIMIT", 2)


def releasing(camden, count, lead=None):
    """`count` Camden children due for release on days 1, 2, ...; some share a date and a name, so
    only the id keeps their order."""
    children = []
    for n in range(count):
        child = ChildFactory(
            preferred_name=f"Child {n // 2}", owning_service=camden, lead_practitioner=lead
        )
        in_custody(child, 1 + n // 2)
        children.append(child)
    return children


def names(response, key="children"):
    return [child.preferred_name for child in response.context[key]]


def ids(response):
    return [child.pk for child in response.context["children"]]


def test_releases_come_in_pages_that_together_list_each_child_once_in_order(
    client_for, priya, camden, small_pages
):
    children = releasing(camden, 7)
    client = client_for(priya)
    pages = [client.get(UPCOMING, {"scope": "service", "page": n}) for n in (1, 2, 3)]
    assert [len(page.context["children"]) for page in pages] == [3, 3, 1]
    listed = [pk for page in pages for pk in ids(page)]
    expected = sorted(children, key=lambda c: (c.legal_statuses.get().expected_release_on, c.pk))
    assert listed == [child.pk for child in expected]
    html = pages[1].content.decode()
    assert "7 children due for release" in html and "showing 4 to 6" in html
    # The pagination keeps the scope in the address.
    assert 'href="?scope=service&amp;page=3"' in html and 'href="?scope=service&amp;page=1"' in html


def test_a_page_past_the_end_is_the_last_and_a_page_that_is_not_a_number_the_first(
    client_for, priya, camden, small_pages
):
    releasing(camden, 5)
    client = client_for(priya)
    last = client.get(UPCOMING, {"page": 99})
    assert last.status_code == 200 and last.context["page"].number == 2
    assert len(last.context["children"]) == 2
    for bad in ("abc", "-1", "0", "1.5", "", "99999999999999999999", "\x00"):
        response = client.get(UPCOMING, {"page": bad})
        assert response.status_code == 200
        assert response.context["page"].number in (1, 2)
    assert client.get(UPCOMING, {"page": "abc"}).context["page"].number == 1


def test_a_list_of_one_page_has_no_pagination(client_for, priya, camden, small_pages):
    releasing(camden, 3)
    response = client_for(priya).get(UPCOMING)
    html = response.content.decode()
    assert len(response.context["children"]) == 3 and "govuk-pagination" not in html
    assert "3 children due for release" in html and "showing" not in html


def test_pages_list_only_children_the_person_may_see(
    client_for, priya, amara, camden, hackney_child, small_pages
):
    in_custody(hackney_child, 1)
    hidden = ChildFactory(preferred_name="Restricted", owning_service=camden)
    in_custody(hidden, 1)
    Restriction.objects.create(child=hidden, reason="x").allowed_users.add(amara)
    releasing(camden, 4)
    client = client_for(priya)
    listed = [name for n in (1, 2) for name in names(client.get(UPCOMING, {"page": n}))]
    assert len(listed) == 4 and "Kemi" not in listed and "Restricted" not in listed


# Session, user, the kept current statuses due to be worked out again (none: children/current.py),
# the page's children (each with how many in all: no count query), their plans B, and the header's
# organisation: on every page, as for a list that fits on one.
UPCOMING_PAGED_QUERIES = 6


@pytest.mark.parametrize("page", [1, 2, 3])
def test_every_page_makes_the_same_queries(
    client_for, priya, camden, small_pages, django_assert_num_queries, page
):
    releasing(camden, 8)
    client = client_for(priya)
    client.get(UPCOMING)
    with django_assert_num_queries(UPCOMING_PAGED_QUERIES):
        response = client.get(UPCOMING, {"page": page})
    assert len(response.context["children"]) == (2 if page == 3 else 3)


def touchpoints_due(camden, count):
    made = []
    for n in range(count):
        child = ChildFactory(preferred_name=f"Child {n}", owning_service=camden)
        made.append(
            Touchpoint.objects.create(
                child=child, name=f"Touchpoint {n}", due_on=today() - timedelta(days=count - n)
            )
        )
    return made


def test_my_week_shows_the_first_of_each_section_and_links_to_the_whole_list(
    client_for, priya, camden, small_pages
):
    touchpoints_due(camden, 3)
    response = client_for(priya).get(WEEK, {"when": "next-week"})
    shown = response.context["week"]
    assert [t.name for t in shown.touchpoints.rows] == ["Touchpoint 0", "Touchpoint 1"]
    assert shown.touchpoints.more and not shown.actions.more
    html = response.content.decode()
    assert 'id="see-all-touchpoints"' in html and 'id="see-all-actions"' not in html
    link = html.split('id="see-all-touchpoints" href="')[1].split('"')[0]
    query = parse_qs(urlparse(link.replace("&amp;", "&")).query)
    assert query == {"scope": ["service"], "when": ["next-week"], "kind": ["touchpoints"]}


def test_one_kind_is_shown_in_pages_with_the_filters_kept(client_for, priya, camden, small_pages):
    touchpoints_due(camden, 7)
    client = client_for(priya)
    asked = {"scope": "service", "kind": "touchpoints", "when": "next-week"}
    pages = [client.get(WEEK, {**asked, "page": n}) for n in (1, 2, 3)]
    listed = [t.name for page in pages for t in page.context["week"].touchpoints.rows]
    assert listed == [f"Touchpoint {n}" for n in range(7)]
    html = pages[1].content.decode()
    assert "Touchpoints: showing 4 to 6 of 7." in html
    assert 'href="?scope=service&amp;when=next-week&amp;kind=touchpoints&amp;page=3"' in html
    assert 'id="week-everything" href="?scope=service&amp;when=next-week"' in html
    last = client.get(WEEK, {**asked, "page": 50})
    assert last.status_code == 200
    assert [t.name for t in last.context["week"].touchpoints.rows] == ["Touchpoint 6"]


def test_one_kind_alone_reads_only_that_kind(
    client_for, priya, camden, small_pages, django_assert_num_queries
):
    touchpoints_due(camden, 2)
    client = client_for(priya)
    client.get(WEEK, {"kind": "touchpoints"})
    # Session, user, the touchpoints (one page, so not counted: the page's ids from the kept open
    # touchpoints, then those touchpoints), the header's organisation.
    with django_assert_num_queries(5):
        response = client.get(WEEK, {"kind": "touchpoints"})
    assert len(response.context["week"].touchpoints.rows) == 2
    # More than a page: the count too.
    touchpoints_due(camden, 2)
    with django_assert_num_queries(6):
        client.get(WEEK, {"kind": "touchpoints", "page": 2})


@pytest.mark.parametrize("kind", ["touchpoints", "actions", "releases", "not-seen"])
def test_each_kind_in_pages_lists_only_children_the_person_may_see(
    client_for, amara, camden, hackney_child, small_pages, kind
):
    Touchpoint.objects.create(child=hackney_child, name="Hackney's", due_on=today())
    in_custody(hackney_child, 3)
    for n in range(4):
        child = ChildFactory(
            preferred_name=f"Mine {n}", owning_service=camden, lead_practitioner=amara
        )
        Touchpoint.objects.create(child=child, name=f"Mine {n}", due_on=today())
        in_custody(child, 3)
    client = client_for(amara)
    seen = []
    for page in (1, 2):
        shown = client.get(WEEK, {"kind": kind, "scope": "service", "page": page}).context["week"]
        for row in shown.by_child:
            seen.append(row.child.preferred_name)
    assert "Kemi" not in seen
    if kind != "actions":
        assert sorted(seen) == [f"Mine {n}" for n in range(4)]


def test_the_page_is_ignored_when_every_kind_is_shown(client_for, priya, camden, small_pages):
    touchpoints_due(camden, 5)
    response = client_for(priya).get(WEEK, {"page": 2, "when": "next-week"})
    rows = response.context["week"].touchpoints.rows
    assert [t.name for t in rows] == ["Touchpoint 0", "Touchpoint 1"]
    assert response.context["page"] is None


def test_a_page_of_an_empty_list_says_it_is_empty(client_for, priya, small_pages):
    client = client_for(priya)
    response = client.get(UPCOMING, {"scope": "service", "page": 5})
    assert response.status_code == 200 and response.context["page"].number == 1
    assert 'id="no-releases"' in response.content.decode()
    shown = client.get(WEEK, {"kind": "not-seen", "page": 3})
    assert shown.status_code == 200 and 'id="no-not-seen"' in shown.content.decode()
