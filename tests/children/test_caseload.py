"""The caseload: whose children, search, filters, sorting, pages and what an empty list says."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from resettle.children.models import CareStatus

from ..factories import ChildFactory, UserFactory

CASELOAD = reverse("children:caseload")
ROW_NAME = re.compile(r'<a class="govuk-link" href="/children/[0-9a-f-]{36}/">([^<]+)</a>')

pytestmark = pytest.mark.django_db


def search(client, params):
    """Search as the page's form does: posted, then shown again without the text in the URL."""
    response = client.post(CASELOAD, params)
    assert response.status_code == 302
    assert "q=" not in response["Location"]
    return client.get(response["Location"])


def names(response) -> list[str]:
    assert response.status_code == 200
    return ROW_NAME.findall(response.content.decode())


@pytest.fixture
def camden_children(camden, amara, priya):
    """Four Camden children: two led by Amara, one by Priya, one not allocated."""
    return {
        "jay": ChildFactory(
            preferred_name="Jay",
            legal_name="Jayden Okoro",
            owning_service=camden,
            lead_practitioner=amara,
            local_reference="CAM-00001",
            date_of_birth=date(2010, 5, 17),
            care_status=CareStatus.NEITHER,
        ),
        "bea": ChildFactory(
            preferred_name="Bea",
            legal_name="Beatrice Mary Quinn",
            owning_service=camden,
            lead_practitioner=amara,
            local_reference="CAM-00042",
            date_of_birth=date(2008, 1, 2),
            care_status=CareStatus.LOOKED_AFTER,
        ),
        "cal": ChildFactory(
            preferred_name="Cal",
            legal_name="Callum Smith",
            owning_service=camden,
            lead_practitioner=priya,
            local_reference="CAM-00007",
            date_of_birth=date(2011, 9, 30),
            care_status=CareStatus.CARE_LEAVER,
        ),
        "dani": ChildFactory(
            preferred_name="Dani",
            legal_name="Daniela Reyes",
            owning_service=camden,
            lead_practitioner=None,
            local_reference="",
            date_of_birth=date(2009, 12, 25),
            care_status=CareStatus.LOOKED_AFTER,
        ),
    }


# Whose children


def test_case_worker_sees_their_own_caseload_by_default(client_for, amara, camden_children):
    response = client_for(amara).get(CASELOAD)
    content = response.content.decode()
    assert '<h1 class="govuk-heading-l">My caseload</h1>' in content
    assert names(response) == ["Bea", "Jay"]
    assert "2 children" in content


def test_manager_sees_the_whole_service_by_default(client_for, priya, camden_children):
    response = client_for(priya).get(CASELOAD)
    assert "All children in my service" in response.content.decode()
    assert names(response) == ["Bea", "Cal", "Dani", "Jay"]


def test_case_worker_can_switch_to_the_whole_service(client_for, amara, camden_children):
    response = client_for(amara).get(CASELOAD, {"scope": "service"})
    assert names(response) == ["Bea", "Cal", "Dani", "Jay"]
    assert 'href="?scope=service" aria-current="page"' in response.content.decode()


def test_manager_can_switch_to_their_own_caseload(client_for, priya, camden_children):
    assert names(client_for(priya).get(CASELOAD, {"scope": "mine"})) == ["Cal"]


def test_unknown_scope_falls_back_to_the_default(client_for, amara, camden_children):
    assert names(client_for(amara).get(CASELOAD, {"scope": "everyone"})) == ["Bea", "Jay"]


def test_caseload_row_shows_age_reference_lead_and_care_status(client_for, priya, camden_children):
    content = client_for(priya).get(CASELOAD).content.decode()
    assert "Beatrice Mary Quinn" in content
    assert "CAM-00042" in content
    assert "Amara Okafor" in content
    assert '<strong class="govuk-tag govuk-tag--yellow">Not allocated</strong>' in content
    assert '<strong class="govuk-tag govuk-tag--blue">Looked after</strong>' in content
    assert '<strong class="govuk-tag govuk-tag--purple">Care leaver</strong>' in content


# Search


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Bea", ["Bea"]),
        ("bea", ["Bea"]),
        ("BEATRICE", ["Bea"]),
        ("quinn", ["Bea"]),
        ("beatrice quinn", ["Bea"]),
        ("  Mary   Quinn ", ["Bea"]),
        ("quinn okoro", []),
        ("CAM-00042", ["Bea"]),
        ("cam-0004", ["Bea"]),
        ("CAM-0000", ["Cal", "Jay"]),
        ("a", ["Bea", "Cal", "Dani", "Jay"]),
        ("zzz", []),
    ],
)
def test_search_by_name_or_reference(client_for, priya, camden_children, q, expected):
    assert names(search(client_for(priya), {"scope": "service", "q": q})) == expected


def test_search_keeps_what_was_typed(client_for, priya, camden_children):
    content = search(client_for(priya), {"q": "Quinn"}).content.decode()
    assert 'name="q" type="text" value="Quinn"' in content
    assert "Clear search and filters" in content


def test_search_stays_within_my_caseload_when_that_is_the_scope(client_for, amara, camden_children):
    assert names(search(client_for(amara), {"scope": "mine", "q": "cal"})) == []


# Filters


def test_filter_by_care_status(client_for, priya, camden_children):
    client = client_for(priya)
    assert names(client.get(CASELOAD, {"care_status": "looked_after"})) == ["Bea", "Dani"]
    assert names(client.get(CASELOAD, {"care_status": "care_leaver"})) == ["Cal"]
    assert names(client.get(CASELOAD, {"care_status": "neither"})) == ["Jay"]


def test_filter_by_lead_practitioner(client_for, priya, amara, camden_children):
    client = client_for(priya)
    assert names(client.get(CASELOAD, {"lead": str(amara.public_id)})) == ["Bea", "Jay"]
    assert names(client.get(CASELOAD, {"lead": str(priya.public_id)})) == ["Cal"]


def test_filter_for_children_with_no_lead_practitioner(client_for, priya, camden_children):
    assert names(client_for(priya).get(CASELOAD, {"lead": "none"})) == ["Dani"]


def test_lead_practitioner_choices_are_my_service_only(client_for, priya, amara, ben):
    content = client_for(priya).get(CASELOAD).content.decode()
    assert f'<option value="{amara.public_id}">Amara Okafor</option>' in content
    assert '<option value="none">Not allocated</option>' in content
    assert "Ben Carter" not in content


def test_filters_combine(client_for, priya, amara, camden_children):
    response = search(
        client_for(priya), {"care_status": "looked_after", "lead": str(amara.public_id), "q": "b"}
    )
    assert names(response) == ["Bea"]


def test_nonsense_filter_values_do_not_break_the_page(client_for, priya, camden_children):
    client = client_for(priya)
    for params in (
        {"care_status": "sometimes"},
        {"lead": "not-a-person"},
        {"sort": "shoe-size"},
        {"q": "x" * 500},
    ):
        assert client.get(CASELOAD, params, follow=True).status_code == 200


# Sorting


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("", ["Bea", "Cal", "Dani", "Jay"]),
        ("name", ["Bea", "Cal", "Dani", "Jay"]),
        ("-name", ["Jay", "Dani", "Cal", "Bea"]),
        ("age", ["Cal", "Jay", "Dani", "Bea"]),
        ("-age", ["Bea", "Dani", "Jay", "Cal"]),
        ("reference", ["Dani", "Jay", "Cal", "Bea"]),
        ("recent", ["Dani", "Cal", "Bea", "Jay"]),
    ],
)
def test_each_sort_order(client_for, priya, camden_children, sort, expected):
    response = client_for(priya).get(CASELOAD, {"scope": "service", "sort": sort})
    assert names(response) == expected


def test_chosen_sort_is_shown_selected(client_for, priya, camden_children):
    content = client_for(priya).get(CASELOAD, {"sort": "-age"}).content.decode()
    assert '<option value="-age" selected>Age (oldest first)</option>' in content


# Pages


@pytest.fixture
def many_camden_children(camden, priya):
    return [
        ChildFactory(preferred_name=f"Child{n:03d}", owning_service=camden, lead_practitioner=priya)
        for n in range(settings.CASELOAD_PAGE_SIZE + 5)
    ]


def test_page_size_is_twenty_five():
    assert settings.CASELOAD_PAGE_SIZE == 25


def test_first_page_shows_twenty_five_and_links_to_the_next(
    client_for, priya, many_camden_children
):
    response = client_for(priya).get(CASELOAD)
    content = response.content.decode()
    assert len(names(response)) == 25
    assert "30 children" in content
    assert 'href="?page=2" rel="next"' in content


def test_second_page_shows_the_rest(client_for, priya, many_camden_children):
    first = names(client_for(priya).get(CASELOAD))
    response = client_for(priya).get(CASELOAD, {"page": "2"})
    second = names(response)
    assert len(second) == 5
    assert not set(first) & set(second)
    assert 'rel="prev"' in response.content.decode()


def test_page_links_keep_the_search_and_filters(client_for, priya, many_camden_children):
    response = search(client_for(priya), {"q": "Child", "sort": "-name"})
    content = response.content.decode()
    # The search text is kept in the session, never in a URL; the other filters stay in the links.
    assert 'href="?sort=-name&amp;page=2"' in content
    assert "Child" in content and "q=Child" not in content


@pytest.mark.parametrize("page", ["0", "-1", "999", "two", "", "1.5", "9" * 30])
def test_bad_page_numbers_still_show_a_page(client_for, priya, many_camden_children, page):
    response = client_for(priya).get(CASELOAD, {"page": page})
    assert response.status_code == 200
    assert len(names(response)) in (5, 25)


# Empty states


def test_case_worker_with_no_children_is_told_what_to_do(client_for, camden):
    newcomer = UserFactory(email="new@camden.test", organisation=camden)
    content = client_for(newcomer).get(CASELOAD).content.decode()
    assert "You are not the lead practitioner for any children yet" in content
    assert "See all children in your service" in content
    assert "Add a child" in content


def test_service_with_no_children_says_so(client_for, priya):
    content = client_for(priya).get(CASELOAD).content.decode()
    assert "There are no children in your service yet" in content
    assert "Add the first child" in content


def test_search_that_finds_nothing_says_so(client_for, priya, camden_children):
    content = search(client_for(priya), {"q": "Nobody"}).content.decode()
    assert "No children match your search" in content
    assert "There are no children in your service yet" not in content
    assert 'class="govuk-table' not in content


def test_search_text_never_appears_in_a_url(client_for, priya, camden_children):
    client = client_for(priya)
    response = client.get(CASELOAD, {"q": "Bea", "scope": "service"})  # an old bookmarked link
    assert response.status_code == 302 and "Bea" not in response["Location"]
    assert names(client.get(response["Location"])) == ["Bea"]


def test_clearing_the_search_forgets_it(client_for, priya, camden_children):
    client = client_for(priya)
    search(client, {"q": "Bea", "scope": "service"})
    cleared = client.get(CASELOAD, {"scope": "service", "clear": "1"}, follow=True)
    assert len(names(cleared)) == 4


def test_a_bad_filter_value_does_not_undo_the_other_filters(client_for, priya, camden_children):
    client = client_for(priya)
    looked_after = names(client.get(CASELOAD, {"scope": "service", "care_status": "looked_after"}))
    response = client.get(
        CASELOAD, {"scope": "service", "care_status": "looked_after", "lead": "not-a-person"}
    )
    assert names(response) == looked_after == ["Bea", "Dani"]
