"""Benchmarks of the busiest pages at a realistic size.

Run with `make benchmark` (pytest-benchmark; timings are printed, never asserted). In the ordinary
suite these run once each as plain tests, so they cannot rot.
"""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.models import Role
from resettle.children import current
from resettle.children.models import Child
from resettle.journey import open_touchpoints
from resettle.plans import open_actions

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


# ---- The secure establishment's workspace (issue 15) --------------------------------------------

ESTABLISHMENT_CHILDREN = (
    400  # a large young offender institution's population, and as many more shared
)


@pytest.fixture
def busy_feltham(camden, feltham):
    """Hundreds of children placed at Feltham (and as many shared with it for another reason),
    each with a touchpoint due and an action Feltham owns."""
    from resettle.access.models import Share
    from resettle.children.models import LegalStatusEpisode
    from resettle.core.dates import today
    from resettle.journey.models import Touchpoint
    from resettle.plans.defaults import ensure_defaults
    from resettle.plans.models import ActionStatus, Pathway, Plan, PlanAction

    ensure_defaults()
    practitioner = UserFactory(
        email="bench@feltham.test", organisation=feltham, role=Role.SECURE_PRACTITIONER
    )
    now = today()
    rows = [
        Child(
            preferred_name=f"Placed{i:04d}",
            legal_name=f"Placed{i:04d} Benchmark",
            date_of_birth=date(2009, 1, 1),
            gender="boy",
            ethnicity="not_stated",
            care_status="neither",
            owning_service=camden,
        )
        for i in range(ESTABLISHMENT_CHILDREN * 2)
    ]
    children = Child.objects.bulk_create(rows, batch_size=1000)
    placed = children[:ESTABLISHMENT_CHILDREN]  # the rest are shared for another reason
    LegalStatusEpisode.objects.bulk_create(
        [
            LegalStatusEpisode(
                child=child,
                status="sentenced_custody",
                sentence_type="dto",
                establishment=feltham,
                starts_on=now - timedelta(days=i % 60),
                expected_release_on=now + timedelta(days=i % 120),
            )
            for i, child in enumerate(placed)
        ],
        batch_size=1000,
    )
    current.refresh(c.pk for c in placed)  # inserted in bulk: no signals (children/current.py)
    Share.objects.bulk_create(
        [
            Share(child=child, organisation=feltham, purpose="x", ends_on=now + timedelta(days=90))
            for child in children
        ],
        batch_size=1000,
    )
    Touchpoint.objects.bulk_create(
        [Touchpoint(child=child, name="Review meeting", due_on=now) for child in placed],
        batch_size=1000,
    )
    open_touchpoints.refresh_children(placed)  # inserted in bulk: no signals
    plans = Plan.objects.bulk_create([Plan(child=child) for child in placed], batch_size=1000)
    status = ActionStatus.objects.get(slug="not-started")
    pathway = Pathway.objects.get(slug="families")
    actions = PlanAction.objects.bulk_create(
        [
            PlanAction(
                plan=plan,
                pathway=pathway,
                kind="structural",
                description="Arrange family visits",
                owner_organisation=feltham,
                due_on=now,
                status=status,
            )
            for plan in plans
        ],
        batch_size=1000,
    )
    open_actions.refresh(a.pk for a in actions)  # inserted in bulk: no signals
    return practitioner


@pytest.mark.parametrize(
    "name", ["estate:workspace", "estate:shared", "estate:movements", "estate:week"]
)
def test_establishment_workspace(benchmark, busy_feltham, name):
    client = Client()
    client.force_login(busy_feltham)
    response = benchmark(client.get, reverse(name))
    assert response.status_code == 200
