"""The HSDS 3.0 API: `/api/hsds/`, a `Page` of services with HSDS's filters, and one fully nested
service, each checked against Open Referral's official schemas."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from resettle.directory import schemas
from resettle.directory.models import Service
from resettle.directory.taxonomy import PATHWAY, term_id

from .helpers import make_service, organization

pytestmark = pytest.mark.django_db
PAGE_FIELDS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def page_schema(folder, items: str) -> dict:
    """The OpenAPI's `Page`, with its contents of the given compiled schema."""
    openapi = json.loads((folder / "openapi.json").read_text())
    item = json.loads((folder / items).read_text())
    return {
        "allOf": [openapi["components"]["schemas"]["Page"]],
        "properties": {"contents": {"type": "array", "items": item}},
        "required": sorted(PAGE_FIELDS),
    }


@pytest.fixture
def three_services(dev, provider):
    make_service(dev, provider, name="Alpha Maths", pathways=["ete"])
    make_service(dev, provider, name="Beta Beds", pathways=["accommodation"])
    other = organization("Clearwater Young People's Service (test)")
    make_service(dev, other, name="Gamma Groups", pathways=["ete", "substance-misuse"])


def test_the_root_says_which_hsds_this_is(client_for, amara):
    body = client_for(amara).get(reverse("hsds:root")).json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/3.0/schema/openapi.json")


def test_services_filtered_by_taxonomy_term_are_a_valid_hsds_page(
    client_for, amara, three_services, hsds_schemas
):
    ete = term_id(PATHWAY, "ete")
    response = client_for(amara).get(reverse("hsds:services"), {"taxonomy_term_id": str(ete)})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert schemas.problems(page_schema(hsds_schemas, "service_list.json"), body) == []
    assert [s["name"] for s in body["contents"]] == ["Alpha Maths", "Gamma Groups"]
    assert body | {"contents": None} == {
        "total_items": 2,
        "total_pages": 1,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": True,
        "empty": False,
        "contents": None,
    }


def test_full_services_validate_against_the_compiled_service_schema(
    client_for, amara, three_services, hsds_schemas
):
    body = client_for(amara).get(reverse("hsds:services"), {"full": "true"}).json()
    assert schemas.problems(page_schema(hsds_schemas, "service.json"), body) == []
    first = body["contents"][0]
    assert {"attributes", "service_areas", "schedules", "service_at_locations"} <= set(first)
    assert first["attributes"][0]["taxonomy_term"]["taxonomy_detail"]["name"] == (
        "Resettle menu of support"
    )


def test_one_service_is_fully_nested_and_valid(client_for, amara, camden_service, hsds_schemas):
    response = client_for(amara).get(reverse("hsds:service", args=[str(camden_service.id)]))
    body = response.json()
    assert schemas.problems(schemas.service_schema(hsds_schemas), body) == []
    assert body["id"] == str(camden_service.id)
    assert body["service_areas"][0]["name"] == "Camden"
    assert body["service_areas"][0]["uri"].endswith("E09000007")
    address = body["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["postal_code"], address["country"]) == ("ZZ99 1AA", "GB")
    assert body["schedules"][0] | {"id": None, "service_id": None} == {
        "id": None,
        "service_id": None,
        "freq": "WEEKLY",
        "byday": "MO,TU,WE,TH,FR",
        "opens_at": "09:00",
        "closes_at": "17:00",
    }


@pytest.mark.parametrize("service_id", ["not-an-id", "0b7e4a36-55a5-4df0-9c0f-6bd2b0c4fd8d"])
def test_an_unknown_service_is_a_json_404(client_for, amara, service_id):
    response = client_for(amara).get(reverse("hsds:service", args=[service_id]))
    assert response.status_code == 404
    assert response.json() == {"detail": "No service has this id"}


def test_pages_search_organisation_and_modified_after(client_for, amara, three_services):
    client = client_for(amara)
    url = reverse("hsds:services")
    second = client.get(url, {"per_page": "2", "page": "2"}).json()
    assert (second["total_pages"], second["size"], second["last_page"]) == (2, 1, True)
    assert [s["name"] for s in second["contents"]] == ["Gamma Groups"]
    beyond = client.get(url, {"page": "9"}).json()
    assert (beyond["contents"], beyond["empty"]) == ([], False)
    assert [s["name"] for s in client.get(url, {"search": "beds"}).json()["contents"]] == [
        "Beta Beds"
    ]
    gamma = Service.objects.get(name="Gamma Groups")
    by_org = client.get(url, {"organization_id": str(gamma.organization_id)}).json()
    assert [s["name"] for s in by_org["contents"]] == ["Gamma Groups"]
    Service.objects.filter(pk=gamma.pk).update(last_modified=timezone.now() + timedelta(days=2))
    later = (timezone.now() + timedelta(days=1)).isoformat()
    recent = client.get(url, {"modified_after": later}).json()
    assert [s["name"] for s in recent["contents"]] == ["Gamma Groups"]
    minimal = client.get(url, {"minimal": "true", "per_page": "1"}).json()
    assert set(minimal["contents"][0]) == {"id", "last_modified"}


def test_an_empty_directory_is_an_empty_page(client_for, amara):
    body = client_for(amara).get(reverse("hsds:services")).json()
    assert body == {
        "total_items": 0,
        "total_pages": 0,
        "page_number": 1,
        "size": 0,
        "first_page": True,
        "last_page": True,
        "empty": True,
        "contents": [],
    }


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "two"},
        {"per_page": "1000"},
        {"taxonomy_term_id": "ete"},
        {"organization_id": "x"},
        {"modified_after": "last tuesday"},
        {"full": "perhaps"},
    ],
)
def test_bad_parameters_are_a_400_that_says_why(client_for, amara, params):
    response = client_for(amara).get(reverse("hsds:services"), params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()["detail"]


def test_taxonomy_terms_list_the_resettle_pathways(client_for, amara, provider, hsds_schemas):
    body = client_for(amara).get(reverse("hsds:taxonomy-terms"), {"per_page": "50"}).json()
    codes = {term["code"] for term in body["contents"]}
    assert {"ete", "accommodation", "structural", "personal"} <= codes
    assert body["total_items"] == 11
    parent = str(term_id(PATHWAY))
    children = client_for(amara).get(reverse("hsds:taxonomy-terms"), {"parent_id": parent})
    assert children.json()["total_items"] == 7
