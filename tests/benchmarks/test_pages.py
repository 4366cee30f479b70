"""Benchmarks of the busiest pages at a realistic size.

Run with `make benchmark` (pytest-benchmark; timings are printed, never asserted). In the ordinary
suite these run once each as plain tests, so they cannot rot.
"""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.models import Role
from resettle.children.models import Child

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICE_CHILDREN = 3000


@pytest.fixture
def big_camden(camden, hackney):
    workers = [
        UserFactory(email=f"worker{i}@camden.test", organisation=camden, role=Role.CASE_WORKER)
        for i in range(10)
    ]
    other = UserFactory(email="other@hackney.test", organisation=hackney, role=Role.CASE_WORKER)
    rows = []
    for i in range(SERVICE_CHILDREN):
        rows.append(
            Child(
                preferred_name=f"Child{i:05d}",
                legal_name=f"Child{i:05d} Benchmark",
                date_of_birth=date(2009, 1, 1) + timedelta(days=i % 1500),
                gender="boy",
                ethnicity="not_stated",
                care_status="neither",
                owning_service=camden if i % 3 else hackney,
                lead_practitioner=workers[i % 10] if i % 3 else other,
                local_reference=f"CAM-{i:05d}",
            )
        )
    Child.objects.bulk_create(rows, batch_size=1000)
    return workers[0]


def test_caseload_service_view(benchmark, big_camden):
    client = Client()
    client.force_login(big_camden)
    url = reverse("children:caseload") + "?scope=service&sort=-age&page=5"
    response = benchmark(client.get, url)
    assert response.status_code == 200


def test_caseload_search(benchmark, big_camden):
    client = Client()
    client.force_login(big_camden)
    client.post(reverse("children:caseload"), {"q": "Child0120", "scope": "service"})
    url = reverse("children:caseload") + "?scope=service"
    response = benchmark(client.get, url)
    assert "Child01201" in response.content.decode()


def test_child_page(benchmark, big_camden):
    client = Client()
    client.force_login(big_camden)
    child = Child.objects.filter(lead_practitioner=big_camden).first()
    response = benchmark(client.get, reverse("children:detail", args=[child.public_id]))
    assert response.status_code == 200
