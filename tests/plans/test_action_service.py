"""Actions linked to a service from the menu of support (issue 12): suggested by the action's
pathway, the child's borough and age; free text still possible; shown on the plan and My plan."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.audit.actors import WEB, Actor
from resettle.core.errors import DomainError
from resettle.directory.models import Service
from resettle.plans import services
from resettle.plans.forms import ActionForm
from tests.directory.helpers import make_service, organization

from .factories import pathway, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def menu(dev):
    """Services for a 16-year-old in Camden, and some that are not."""
    org = organization("Invented Futures Trust")
    return {
        "ete": make_service(dev, org, name="Camden Motor Skills", pathways=["ete"]),
        "housing": make_service(
            dev, org, name="Camden Supported Lodgings", pathways=["accommodation"]
        ),
        "london": make_service(dev, org, name="London Mentors", pathways=["ete"], areas=["london"]),
        "hackney": make_service(dev, org, name="Hackney Boxing", areas=["hackney"]),
        "older": make_service(dev, org, name="Camden Adult Skills", minimum_age=19, maximum_age=25),
        "closed": make_service(dev, org, name="Camden Closed Course", status="defunct"),
    }


def names(queryset) -> list[str]:
    return [service.name for service in queryset]


def test_suggestions_are_the_childs_borough_and_age_with_the_pathway_first(camden_child, menu):
    suggested = names(services.suggested_services(camden_child, pathway("accommodation")))
    assert suggested == ["Camden Supported Lodgings", "Camden Motor Skills", "London Mentors"]
    suggested = names(services.suggested_services(camden_child, pathway("ete")))
    assert suggested == ["Camden Motor Skills", "London Mentors", "Camden Supported Lodgings"]


def test_an_action_keeps_its_service_even_when_it_would_not_be_suggested(camden_child, menu):
    suggested = names(services.suggested_services(camden_child, also=menu["hackney"].id))
    assert suggested[-1] == "Hackney Boxing"


def test_the_form_offers_suggestions_and_a_search(client_for, amara, camden_child, menu):
    url = reverse("plans:action-add", args=[camden_child.public_id]) + "?pathway=ete"
    response = client_for(amara).get(url)
    content = response.content.decode()
    assert "Camden Motor Skills, Invented Futures Trust" in content
    assert "Hackney Boxing" not in content and "Camden Closed Course" not in content
    assert "/services/?pathway=ete&amp;area=camden&amp;age=16" in content


def test_a_link_from_the_menu_chooses_the_service(client_for, amara, camden_child, menu):
    url = reverse("plans:action-add", args=[camden_child.public_id])
    response = client_for(amara).get(f"{url}?service={menu['hackney'].id}")
    assert response.context["form"].initial["service"] == menu["hackney"]
    assert client_for(amara).get(f"{url}?service=not-an-id").status_code == 200


def test_adding_an_action_with_a_service_shows_it_and_how_to_reach_it(
    client_for, amara, camden_child, menu
):
    client = client_for(amara)
    response = client.post(
        reverse("plans:action-add", args=[camden_child.public_id]),
        {
            "pathway": pathway("ete").pk,
            "kind": "structural",
            "description": "Start the motor skills course",
            "service": menu["ete"].pk,
            "specific_service": "Level 1, Tuesdays",
            "owner_person": amara.pk,
            "status": status("not-started").pk,
        },
    )
    assert response.status_code == 302
    action = camden_child.plan.actions.get()
    assert action.service == menu["ete"]
    page = client.get(reverse("plans:plan", args=[camden_child.public_id])).content.decode()
    assert "Camden Motor Skills</a>, Invented Futures Trust" in page
    assert "020 7946 0001" in page and "referrals@second-start.example" in page
    assert "Level 1, Tuesdays" in page
    mine = client.get(reverse("childview:my-plan", args=[camden_child.public_id]))
    assert "Camden Motor Skills" in mine.content.decode()
    assert "020 7946 0001" in mine.content.decode()


def test_a_closed_service_is_refused_with_a_message(amara, camden_child, menu):
    with pytest.raises(DomainError) as error:
        services.add_action(
            Actor(amara, via=WEB),
            camden_child,
            pathway=pathway("ete"),
            kind="structural",
            description="x",
            owner_name="Aunt Grace",
            service=menu["closed"],
        )
    assert "closed for good" in str(error.value.errors["service"])


def test_a_service_that_closed_later_stays_on_the_action(amara, camden_child, menu):
    actor = Actor(amara, via=WEB)
    action = services.add_action(
        actor,
        camden_child,
        pathway=pathway("ete"),
        kind="structural",
        description="x",
        owner_name="Aunt Grace",
        service=menu["ete"],
    )
    Service.objects.filter(pk=menu["ete"].pk).update(status="inactive")
    action.service.refresh_from_db()
    services.change_action(actor, camden_child, action, description="y")
    assert action.service_id == menu["ete"].id


def test_the_form_refuses_a_service_it_did_not_offer(amara, camden_child, menu):
    form = ActionForm(
        {"service": str(menu["hackney"].pk)}, child=camden_child, plan=None, initial={}
    )
    form.is_valid()
    assert "service" in form.errors
