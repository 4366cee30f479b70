"""Finding a service: words, pathway, borough, age, kind of support, open now; pages; empty
states; and a fixed number of queries whatever the number of services."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from resettle.directory.queries import Search, search_services

from .helpers import make_service

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def names(response) -> list[str]:
    return [row.service.name for row in response.context["page"].object_list]


@pytest.fixture
def directory(dev, provider, camden_service):
    """Beside the Camden motor skills course: Hackney housing, a London-wide mentor scheme and a
    Camden health service for over-18s."""
    make_service(
        dev,
        provider,
        name="Hackney Supported Lodgings",
        pathways=["accommodation"],
        areas=["hackney"],
        support=["structural"],
    )
    make_service(
        dev,
        provider,
        name="London Peer Mentors",
        description="Mentors with lived experience.",
        pathways=["ete", "case-management"],
        areas=["london"],
        support=["personal"],
        minimum_age=None,
        maximum_age=None,
        days=[],
        opens_at="",
        closes_at="",
    )
    make_service(
        dev,
        provider,
        name="Camden Adult Health Checks",
        pathways=["health"],
        support=["structural"],
        minimum_age=18,
        maximum_age=25,
    )


def test_a_case_worker_finds_education_services_for_a_16_year_old_in_camden(
    client_for, amara, directory
):
    response = client_for(amara).get(
        reverse("directory:search"), {"pathway": "ete", "area": "camden", "age": "16"}
    )
    assert response.status_code == 200
    assert names(response) == ["London Peer Mentors", "Second Start Motor Skills"]
    html = response.content.decode()
    assert "2 services" in html
    assert "Education, training and employment" in html
    assert "All of London" in html and "Ages 15 to 18" in html


def test_words_search_names_descriptions_and_organisations(client_for, amara, directory):
    search = reverse("directory:search")
    assert names(client_for(amara).get(search, {"q": "lived experience"})) == [
        "London Peer Mentors"
    ]
    assert len(names(client_for(amara).get(search, {"q": "northbank"}))) == 4


def test_personal_support_and_age_filters(client_for, amara, directory):
    search = reverse("directory:search")
    assert names(client_for(amara).get(search, {"support": "personal"})) == [
        "London Peer Mentors",
        "Second Start Motor Skills",
    ]
    assert "Camden Adult Health Checks" in names(client_for(amara).get(search, {"age": "20"}))
    assert "Second Start Motor Skills" not in names(client_for(amara).get(search, {"age": "20"}))


def test_a_filter_with_a_bad_value_is_ignored_and_the_others_still_apply(
    client_for, amara, directory
):
    response = client_for(amara).get(
        reverse("directory:search"), {"pathway": "ete", "age": "sixteen", "area": "nowhere"}
    )
    assert response.status_code == 200
    assert names(response) == ["London Peer Mentors", "Second Start Motor Skills"]


def test_open_now_reads_the_weekly_opening_times(directory):
    tuesday_morning = datetime(2026, 3, 3, 10, 30, tzinfo=LONDON)
    saturday = datetime(2026, 3, 7, 10, 30, tzinfo=LONDON)
    tuesday_evening = datetime(2026, 3, 3, 17, 0, tzinfo=LONDON)
    open_now = Search(open_now=True)
    assert len(search_services(open_now, now=tuesday_morning)) == 3  # the mentors keep no hours
    assert list(search_services(open_now, now=saturday)) == []
    assert list(search_services(open_now, now=tuesday_evening)) == []  # closes at 17:00


def test_closed_services_are_left_out_unless_asked_for(client_for, amara, dev, provider):
    make_service(dev, provider, name="Old Youth Club", status="defunct")
    make_service(dev, provider, name="Summer Scheme", status="temporarily closed")
    search = reverse("directory:search")
    response = client_for(amara).get(search)
    assert names(response) == ["Summer Scheme"]
    assert "Temporarily closed" in response.content.decode()
    wider = client_for(amara).get(search, {"options": "include_closed"})
    assert names(wider) == ["Old Youth Club", "Summer Scheme"]


def test_no_match_says_what_to_do_next(client_for, amara, directory):
    response = client_for(amara).get(reverse("directory:search"), {"q": "helicopter"})
    html = response.content.decode()
    assert "No services match your search" in html
    assert "Clear filters" in html


def test_an_empty_directory_tells_curators_and_workers_what_to_do(client_for, amara, dev):
    worker = client_for(amara).get(reverse("directory:search")).content.decode()
    assert "There are no services in the menu of support yet" in worker
    assert "Ask them to add the ones you use" in worker
    lead = client_for(dev).get(reverse("directory:search")).content.decode()
    assert "Add the first service" in lead


def test_results_are_paged(client_for, amara, dev, provider):
    for number in range(23):
        make_service(dev, provider, name=f"Service {number:02d}")
    first = client_for(amara).get(reverse("directory:search"))
    assert len(names(first)) == 20
    assert "23 services" in first.content.decode()
    second = client_for(amara).get(reverse("directory:search"), {"page": "2"})
    assert names(second) == ["Service 20", "Service 21", "Service 22"]


def _queries_for_search(client, django_assert_num_queries, expected: int):
    with django_assert_num_queries(expected):
        response = client.get(reverse("directory:search"), {"pathway": "ete"})
    assert response.status_code == 200
    return response


def test_the_search_page_makes_the_same_number_of_queries_for_3_or_20_services(
    client_for, amara, dev, provider, django_assert_num_queries
):
    client = client_for(amara)
    for number in range(3):
        make_service(dev, provider, name=f"Service {number:02d}")
    client.get(reverse("directory:search"))  # the session is warm
    few = _queries_for_search(client, django_assert_num_queries, 7)
    for number in range(3, 20):
        make_service(dev, provider, name=f"Service {number:02d}")
    many = _queries_for_search(client, django_assert_num_queries, 7)
    assert len(names(few)) == 3 and len(names(many)) == 20
