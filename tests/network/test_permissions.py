"""Who sees and changes the child's network, and whose contact details they see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.network.models import Person

pytestmark = pytest.mark.django_db


def network_url(child):
    return reverse("network:network", args=[child.public_id])


def test_lead_case_worker_sees_the_network_with_family_contact_details(
    client_for, amara, camden_child, nan, social_worker
):
    response = client_for(amara).get(network_url(camden_child))
    assert response.status_code == 200
    assert "07700 900123" in response.text
    assert "sol.worker@care.test" in response.text


def test_secure_estate_practitioner_sees_a_shared_child_and_can_add_a_person(
    client_for, chloe, shared_jay, nan
):
    client = client_for(chloe)
    assert client.get(network_url(shared_jay)).status_code == 200
    response = client.post(
        reverse("network:person-add", args=[shared_jay.public_id]),
        {"name": "Coach Marcus", "relationship": "coach", "influence": "positive"},
    )
    assert response.status_code == 302
    marcus = Person.across_children.get(child=shared_jay, name="Coach Marcus")
    assert marcus.created_by == chloe


def test_partner_practitioner_sees_professionals_contact_details_but_not_family(
    client_for, sam, shared_jay, nan, tyler, social_worker
):
    response = client_for(sam).get(network_url(shared_jay))
    assert response.status_code == 200
    assert "Nan" in response.text
    assert "07700 900123" not in response.text
    assert "07700 900456" not in response.text
    assert "sol.worker@care.test" in response.text
    assert "not shown to partner organisations" in response.text


def test_partner_practitioner_is_not_offered_family_contact_details_and_keeps_them(
    client_for, sam, shared_jay, nan
):
    client = client_for(sam)
    url = reverse("network:person-edit", args=[shared_jay.public_id, nan.public_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "07700 900123" not in page.text
    assert "contact_details" not in page.context["form"].fields
    response = client.post(
        url,
        {
            "name": "Nan",
            "relationship": "other_family",
            "influence": "positive",
            "role_in_plan": "Has the spare room ready",
            "contact_details": "overwritten",
        },
    )
    assert response.status_code == 302
    nan.refresh_from_db()
    assert nan.role_in_plan == "Has the spare room ready"
    assert nan.contact_details == "07700 900123"


def test_hackney_worker_cannot_see_camden_childs_network(client_for, ben, camden_child):
    assert client_for(ben).get(network_url(camden_child)).status_code == 404
    add = reverse("network:person-add", args=[camden_child.public_id])
    assert client_for(ben).post(add, {"name": "X"}).status_code == 404


def test_partnership_lead_cannot_see_any_childs_network(client_for, dev, camden_child):
    assert client_for(dev).get(network_url(camden_child)).status_code == 404


def test_a_person_from_another_childs_network_is_not_found(
    client_for, amara, camden_child, hackney_child, hackney
):
    kemi_friend = Person.objects.create(child=hackney_child, name="Kai", relationship="friend")
    url = reverse("network:person-edit", args=[camden_child.public_id, kemi_friend.public_id])
    assert client_for(amara).get(url).status_code == 404


def test_shared_youth_justice_service_reads_but_cannot_change(client_for, ben, camden_child):
    from tests.factories import share

    share(camden_child, ben.organisation)
    client = client_for(ben)
    assert client.get(network_url(camden_child)).status_code == 200
    add = reverse("network:place-add", args=[camden_child.public_id])
    assert client.get(add).status_code == 403
    assert (
        client.post(add, {"name": "Gym", "kind": "activity", "influence": "positive"}).status_code
        == 403
    )
    assert not camden_child.network_places.exists()
