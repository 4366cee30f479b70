"""The London overview at a national-scale size (issue 11): its median time as a ratio to the
cheapest signed-in page (Your account), with the figures' cache cleared before every round (the
worst case: the first view after the figures were last counted) and with it warm.

`make benchmark` runs it with timings (printed, never asserted); in the ordinary suite it runs once
as a plain test. Target: the cold ratio at most 10.
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from resettle.accounts.models import Organisation
from resettle.children.models import Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.voice.models import VoiceEntry

from ..factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SERVICES = 32
CHILDREN_PER_SERVICE = 150  # 4,800 children with records across London
ROUNDS = 5


@pytest.fixture
def london(dev, amara, feltham):
    now = today()
    services = list(Organisation.objects.filter(kind="yjs"))
    while len(services) < SERVICES:
        services.append(OrganisationFactory(kind="yjs"))
    rows = [
        Child(
            preferred_name=f"Nation{i:05d}",
            legal_name=f"Nation{i:05d} Benchmark",
            date_of_birth=date(2009, 1, 1) + timedelta(days=i % 1500),
            gender="boy",
            ethnicity="not_stated",
            care_status="neither",
            owning_service=services[i % SERVICES],
        )
        for i in range(SERVICES * CHILDREN_PER_SERVICE)
    ]
    children = Child.objects.bulk_create(rows, batch_size=1000)
    episodes, entries, touchpoints = [], [], []
    for i, child in enumerate(children):
        start = now - timedelta(days=(i * 7) % 700)
        episodes.append(LegalStatusEpisode(child=child, status="remand_yda" if i % 3 else
                        "sentenced_custody", starts_on=start, establishment=feltham))  # fmt: skip
        if i % 2:
            episodes.append(
                LegalStatusEpisode(
                    child=child, status="released_licence", starts_on=start + timedelta(days=60)
                )
            )
        entries.append(
            VoiceEntry(
                child=child,
                recorded_on=start + timedelta(days=i % 20),
                recorded_by=amara,
                conversation="meeting",
                who_are_you="x",
            )  # fmt: skip
        )
        touchpoints.append(Touchpoint(child=child, name="Review", due_on=start + timedelta(10)))
    LegalStatusEpisode.objects.bulk_create(episodes, batch_size=1000)
    VoiceEntry.objects.bulk_create(entries, batch_size=1000)
    Touchpoint.objects.bulk_create(touchpoints, batch_size=1000)
    client = Client()
    client.force_login(dev)
    return client


def _median(client: Client, url: str, *, cold: bool) -> float:
    times = []
    for _ in range(ROUNDS):
        if cold:
            cache.clear()
        started = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_london_overview(benchmark, london):
    overview, cheapest = reverse("insight:overview"), reverse("accounts:account")
    london.get(cheapest)  # the session's first save
    base = _median(london, cheapest, cold=False)
    cold = _median(london, overview, cold=True)
    warm = _median(london, overview, cold=False)
    print(
        f"\nLondon overview, {SERVICES * CHILDREN_PER_SERVICE} children: cheapest page "
        f"{base * 1000:.0f} ms; overview cold {cold * 1000:.0f} ms ({cold / base:.1f}x), "
        f"warm {warm * 1000:.0f} ms ({warm / base:.1f}x)"
    )
    response = benchmark(london.get, overview)
    assert response.status_code == 200
