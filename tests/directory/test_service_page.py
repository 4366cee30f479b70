"""A service's page has everything a worker needs to refer, and its history says what changed."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from resettle.audit.actors import WEB, Actor
from resettle.core.dates import today
from resettle.directory import services
from resettle.directory.queries import service_detail

pytestmark = pytest.mark.django_db


def test_the_service_page_says_who_it_is_for_how_to_refer_and_where_and_when(
    client_for, amara, camden_service
):
    response = client_for(amara).get(reverse("directory:service", args=[camden_service.id]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Second Start Motor Skills",
        "Northbank Youth Trust (test)",
        "Ages 15 to 18",
        "Young people leaving custody who want to work with cars.",
        "Email the referral form with the young person&#x27;s consent.",
        "About two weeks",
        "Referrals team",
        "020 7946 0001",
        "referrals@second-start.example",
        "1 Invented Road",
        "ZZ99 1AA",
        "Monday to Friday, 9am to 5pm",
        "Camden",
        "Education, training and employment",
        "Structural support, Personal support",
        "Not checked with the service yet.",
    ):
        assert text in html, text
    assert "Change this service" not in html
    assert "Propose a change" not in html


def test_curators_may_change_it_and_camden_managers_may_propose_a_change(
    client_for, dev, priya, ben, camden_service
):
    url = reverse("directory:service", args=[camden_service.id])
    assert "Change this service" in client_for(dev).get(url).content.decode()
    assert "Propose a change" in client_for(priya).get(url).content.decode()
    assert "Propose a change" not in client_for(ben).get(url).content.decode()


def test_an_alert_and_a_closure_are_shown_first(client_for, amara, dev, camden_service):
    services.change_service(
        Actor(dev, via=WEB),
        service_detail(camden_service.id),
        status="temporarily closed",
        alert="No new referrals until September",
    )
    html = client_for(amara).get(reverse("directory:service", args=[camden_service.id])).content
    assert b"Temporarily closed" in html
    assert b"No new referrals until September" in html


def test_an_unknown_service_is_not_found(client_for, amara):
    assert (
        client_for(amara).get(reverse("directory:service", args=[uuid.uuid4()])).status_code == 404
    )


def test_the_history_lists_each_change_with_before_and_after(
    client_for, amara, dev, camden_service
):
    services.change_service(
        Actor(dev, via=WEB),
        service_detail(camden_service.id),
        phone="020 7946 0002",
        pathways=["ete", "health"],
        assured=True,
    )
    response = client_for(amara).get(reverse("directory:service-history", args=[camden_service.id]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dev Patel" in html
    assert "020 7946 0001 → 020 7946 0002" in html
    assert "Education, training and employment → Education, training and employment, Health" in html
    assert "Added" in html
    page = client_for(amara).get(reverse("directory:service", args=[camden_service.id]))
    checked = date_format(today(), "j F Y")
    assert f"Last checked with the service on {checked}." in page.content.decode()
