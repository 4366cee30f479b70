"""The demo directory is invented, covers London and every pathway; the lists of proposals and of
changes make the same number of queries however long they are."""

from __future__ import annotations

import random
import re

import pytest
from django.urls import reverse
from faker import Faker

from resettle.audit.actors import WEB, Actor
from resettle.directory import services
from resettle.directory.boroughs import BOROUGHS
from resettle.directory.models import Contact, Phone, Service, ServiceArea
from resettle.directory.queries import Search, search_services, service_detail
from resettle.directory.taxonomy import PATHWAY_NAMES
from resettle.web.demo.directory import load_directory

from .helpers import make_service

pytestmark = pytest.mark.django_db


def test_the_demo_directory_is_invented_and_covers_every_borough_and_pathway():
    load_directory(Faker("en_GB"), random.Random(1))
    assert 95 <= Service.objects.count() <= 110
    covered = set(ServiceArea.objects.values_list("borough", flat=True))
    assert {slug for slug, _name, _code in BOROUGHS} | {"london"} == covered
    for pathway in PATHWAY_NAMES:
        assert search_services(Search(pathway=pathway)).exists(), pathway
    emails = [*Service.objects.values_list("email", flat=True)]
    emails += [*Contact.objects.values_list("email", flat=True)]
    assert all(email.endswith(".example") for email in emails)
    assert all(
        re.fullmatch(r"020 7946 0\d{3}", n) for n in Phone.objects.values_list("number", flat=True)
    )
    camden_ete = search_services(Search(pathway="ete", area="camden", age=16))
    assert camden_ete.filter(service_areas__borough="camden").exists()
    load_directory(Faker("en_GB"), random.Random(2))  # a second run adds nothing
    assert Service.objects.count() <= 110


def _count(client, url, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_the_proposals_list_makes_the_same_number_of_queries_for_1_or_6(
    client_for, dev, priya, provider, django_assert_num_queries
):
    def propose(number):
        service = make_service(dev, provider, name=f"Service {number}")
        services.propose_change(
            Actor(priya, via=WEB), service_detail(service.id), reason="x", wait_time=str(number)
        )

    client = client_for(dev)
    url = reverse("directory:proposals")
    propose(0)
    client.get(url)
    _count(client, url, django_assert_num_queries, 5)
    for number in range(1, 6):
        propose(number)
    _count(client, url, django_assert_num_queries, 5)


def test_the_history_makes_the_same_number_of_queries_for_1_or_6_changes(
    client_for, amara, dev, camden_service, django_assert_num_queries
):
    client = client_for(amara)
    url = reverse("directory:service-history", args=[camden_service.id])
    client.get(url)
    _count(client, url, django_assert_num_queries, 7)
    for number in range(5):
        services.change_service(
            Actor(dev, via=WEB), service_detail(camden_service.id), wait_time=f"{number} weeks"
        )
    _count(client, url, django_assert_num_queries, 7)
