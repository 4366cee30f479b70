"""Helpers for release readiness: custodial statuses with release dates, and plan configuration."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resettle.children.models import LegalStatus, LegalStatusEpisode
from resettle.core.dates import today
from resettle.plans.defaults import ensure_defaults


@pytest.fixture(autouse=True)
def plan_configuration(db):
    ensure_defaults()


def in_custody(child, release_in_days, status=LegalStatus.SENTENCED_CUSTODY, started_days_ago=60):
    return LegalStatusEpisode.objects.create(
        child=child,
        status=status,
        starts_on=today() - timedelta(days=started_days_ago),
        expected_release_on=today() + timedelta(days=release_in_days),
    )
