"""The network's forms: GOV.UK errors, and what was typed is kept."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.network.models import Professional

pytestmark = pytest.mark.django_db


def test_adding_a_person_without_a_name_or_relationship_shows_errors_and_keeps_values(
    client_for, amara, camden_child
):
    url = reverse("network:person-add", args=[camden_child.public_id])
    response = client_for(amara).post(
        url,
        {"name": "  ", "influence": "undermining", "role_in_plan": "Used to pick me up"},
    )
    assert response.status_code == 200
    text = response.text
    assert "There is a problem" in text
    assert "Enter the person&#x27;s name" in text
    assert "Select the person&#x27;s relationship to the child" in text
    assert 'href="#id_name"' in text
    assert "Used to pick me up" in text
    assert response.context["form"]["influence"].value() == "undermining"
    assert "<title>Error:" in text
    assert not camden_child.network_people.exists()


def test_adding_a_person_saves_and_goes_back_to_the_network(client_for, amara, camden_child):
    url = reverse("network:person-add", args=[camden_child.public_id])
    response = client_for(amara).post(
        url,
        {
            "name": "  Aunt   Grace ",
            "relationship": "other_family",
            "relationship_detail": "Mum's sister",
            "influence": "positive",
            "role_in_plan": "Cooks Sunday dinner with me",
            "contact_details": "07700 900111",
        },
    )
    grace = camden_child.network_people.get()
    assert grace.name == "Aunt Grace"
    assert grace.created_by == amara and grace.changed_by == amara
    assert grace.history.first().history_user == amara
    assert response.status_code == 302
    assert response["Location"].endswith(f"#person-{grace.public_id}")


def test_an_unknown_influence_is_refused(client_for, amara, camden_child):
    url = reverse("network:place-add", args=[camden_child.public_id])
    response = client_for(amara).post(
        url, {"name": "Boxing club", "kind": "activity", "influence": "brilliant"}
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    assert 'value="Boxing club"' in response.text


def test_changing_a_place_keeps_its_child_and_saves_the_change(
    client_for, amara, camden_child, car_park
):
    url = reverse("network:place-edit", args=[camden_child.public_id, car_park.public_id])
    response = client_for(amara).post(
        url, {"name": "The estate car park", "kind": "place", "influence": "mixed", "notes": "x"}
    )
    assert response.status_code == 302
    car_park.refresh_from_db()
    assert car_park.influence == "mixed" and car_park.child == camden_child


def test_professional_needs_a_name_and_role_and_can_be_marked_no_longer_involved(
    client_for, amara, camden_child, camden_social_care
):
    client = client_for(amara)
    url = reverse("network:professional-add", args=[camden_child.public_id])
    page = client.get(url)
    assert page.context["form"]["still_involved"].value() == "yes"
    bad = client.post(url, {"name": "", "role": "", "organisation": camden_social_care.pk})
    assert "Enter the professional&#x27;s name" in bad.text
    assert "Enter the professional&#x27;s role" in bad.text
    assert bad.context["form"]["organisation"].value() == str(camden_social_care.pk)
    good = client.post(
        url,
        {
            "name": "Sol Worker",
            "role": "Social worker",
            "organisation": camden_social_care.pk,
            "still_involved": "no",
        },
    )
    assert good.status_code == 302
    professional = Professional.across_children.get(child=camden_child)
    assert professional.organisation == camden_social_care
    assert professional.is_active is False
