"""Fixtures for the journey: touchpoint rules and plan configuration, and helpers."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from resettle.journey.defaults import ensure_defaults as journey_defaults
from resettle.plans.defaults import ensure_defaults as plan_defaults


@pytest.fixture(autouse=True)
def journey_configuration(db):
    """Touchpoint rules, pathways and statuses (the data migrations load them; a flushed database
    may not have)."""
    journey_defaults()
    plan_defaults()


def date_fields(name: str, value: date) -> dict[str, str]:
    return {
        f"{name}_day": str(value.day),
        f"{name}_month": str(value.month),
        f"{name}_year": str(value.year),
    }


def record_status(client, child, status, starts_on, *, establishment=None, release=None, **extra):
    data = {"status": status, **date_fields("starts_on", starts_on), **extra}
    if establishment is not None:
        data["establishment"] = establishment.pk
    if release is not None:
        data.update(date_fields("expected_release_on", release))
    response = client.post(reverse("children:legal-status-add", args=[child.public_id]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response
