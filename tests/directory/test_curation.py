"""The partnership lead and administrators add and change services; everyone else is refused.
Every change is audited and kept in history; bad input never half-saves."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.directory import services
from resettle.directory.models import Organization, Service
from resettle.directory.queries import service_detail
from resettle.directory.values import values_of

from .helpers import service_values

pytestmark = pytest.mark.django_db


def form_data(values: dict) -> dict:
    """As the browser sends the form: lists as repeated keys, numbers as text."""
    return {k: ("" if v is None else v) for k, v in values.items()}


def test_the_lead_adds_a_service_and_it_is_audited_and_in_history(client_for, dev, provider):
    data = form_data(service_values(provider, name="Open Door Maths"))
    data["assured"] = ["yes"]
    response = client_for(dev).post(reverse("directory:service-add"), data)
    service = Service.objects.get(name="Open Door Maths")
    assert response.status_code == 302
    assert response.url == reverse("directory:service", args=[service.id])
    assert service.assured_date == today()
    assert service.assurer_email == dev.email
    assert values_of(service_detail(service.id))["pathways"] == ["ete"]
    event = AuditEvent.objects.get(action="directory.service_added")
    assert event.actor == dev and event.detail["service"] == str(service.id)
    assert service.history.get().history_user == dev


def test_a_service_without_a_name_or_a_borough_is_not_saved_and_the_form_keeps_the_values(
    client_for, dev, provider
):
    data = form_data(service_values(provider, name="", areas=[], description="Kept text"))
    response = client_for(dev).post(reverse("directory:service-add"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_name">Enter the name of the service</a>' in html
    assert "Choose the boroughs the service covers, or all of London" in html
    assert "Kept text" in html
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"minimum_age": 18, "maximum_age": 16}, "maximum_age", "The oldest age must be"),
        ({"opens_at": "17:00", "closes_at": "09:00"}, "closes_at", "after the opening time"),
        ({"opens_at": "9 o'clock"}, "opens_at", "Enter a time like 09:30"),
        ({"days": [], "opens_at": "09:00"}, "days", "Choose the days"),
        ({"postal_code": ""}, "postal_code", "Enter the postcode"),
        ({"phone": "call us"}, "phone", "Enter a telephone number"),
        ({"support": []}, "support", "Choose structural support"),
        ({"areas": ["atlantis"]}, "areas", "Choose boroughs from the list"),
        ({"name": "x" * 201}, "name", "200 characters or fewer"),
        ({"organization": "not-an-id"}, "organization", "Choose an organisation from the list"),
    ],
)
def test_the_rules_of_a_service(dev, provider, changes, field, message):
    with pytest.raises(DomainError) as raised:
        services.add_service(Actor(dev, via=WEB), **service_values(provider, **changes))
    assert message in raised.value.errors[field]
    assert not Service.objects.exists()


def test_the_lead_changes_a_service_and_history_says_what_changed(client_for, dev, camden_service):
    data = form_data(values_of(service_detail(camden_service.id)))
    data.update(phone="020 7946 0123", pathways=["ete", "families"])
    url = reverse("directory:service-edit", args=[camden_service.id])
    assert client_for(dev).post(url, data).status_code == 302
    changed = service_detail(camden_service.id)
    assert values_of(changed)["phone"] == "020 7946 0123"
    assert values_of(changed)["pathways"] == ["ete", "families"]
    event = AuditEvent.objects.filter(action="directory.service_changed").get()
    assert event.detail["fields"] == ["pathways", "phone"]
    latest = changed.history.first()
    assert '"phone": ["020 7946 0001", "020 7946 0123"]' in latest.history_change_reason


def test_saving_with_nothing_changed_says_so(client_for, dev, camden_service):
    data = form_data(values_of(service_detail(camden_service.id)))
    response = client_for(dev).post(
        reverse("directory:service-edit", args=[camden_service.id]), data
    )
    assert "You have not changed anything" in response.content.decode()


def test_clearing_the_address_phone_and_hours_removes_them(dev, camden_service):
    services.change_service(
        Actor(dev, via=WEB),
        service_detail(camden_service.id),
        address_1="",
        city="",
        postal_code="",
        phone="",
        days=[],
        opens_at="",
        closes_at="",
    )
    values = values_of(service_detail(camden_service.id))
    assert (values["address_1"], values["phone"], values["days"]) == ("", "", [])


@pytest.mark.parametrize("person", ["amara", "priya", "sam", "chloe"])
def test_people_who_do_not_curate_cannot_add_or_change_services(
    request, person, camden_service, provider, client_for
):
    user = request.getfixturevalue(person)
    data = form_data(service_values(provider, name="Sneaky"))
    assert client_for(user).post(reverse("directory:service-add"), data).status_code == 403
    with pytest.raises(PermissionDenied):
        services.change_service(Actor(user, via=WEB), camden_service, name="Sneaky")
    assert not Service.objects.filter(name="Sneaky").exists()


def test_the_lead_adds_an_organisation(client_for, dev):
    response = client_for(dev).post(
        reverse("directory:organization-add"),
        {"name": "Greenway Youth Arts (test)", "description": "Arts for young people."},
    )
    assert response.status_code == 302
    organization = Organization.objects.get(name="Greenway Youth Arts (test)")
    assert AuditEvent.objects.filter(action="directory.organization_added").exists()
    form = client_for(dev).get(reverse("directory:service-add")).content.decode()
    assert f'value="{organization.id}"' in form


def test_an_organisation_needs_a_name_and_a_description(client_for, dev):
    response = client_for(dev).post(reverse("directory:organization-add"), {"name": " "})
    html = response.content.decode()
    assert "Enter the organisation&#x27;s name" in html
    assert "Say what the organisation does" in html
    assert not Organization.objects.exists()
