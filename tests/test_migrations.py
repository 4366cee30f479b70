"""Migrations are complete, and the data migration loaded the partnership's organisations."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from resettle.accounts.models import Organisation

pytestmark = pytest.mark.django_db


def test_no_model_changes_are_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:  # --check exits when a migration is missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()}")
    assert "No changes detected" in out.getvalue()


def test_all_32_london_youth_justice_services_are_loaded():
    services = Organisation.objects.filter(kind="yjs")
    assert services.count() == 32
    slugs = set(services.values_list("slug", flat=True))
    assert {"camden", "hackney", "westminster", "barking-and-dagenham"} <= slugs
    assert services.get(slug="hackney").area == "Hackney and the City of London"


def test_secure_establishments_are_loaded_with_their_type():
    secure = Organisation.objects.filter(kind="secure")
    assert secure.count() >= 5
    feltham = secure.get(name="HMYOI Feltham")
    assert feltham.subtype == "yoi"
    assert set(secure.values_list("subtype", flat=True)) <= Organisation.SECURE_SUBTYPES
    assert secure.filter(subtype="stc").exists()


def test_the_partnership_is_loaded():
    partnership = Organisation.objects.get(kind="partnership")
    assert partnership.slug == "london-resettlement-partnership"


def test_loaded_organisations_have_distinct_opaque_ids():
    ids = list(Organisation.objects.values_list("public_id", flat=True))
    assert len(ids) == len(set(ids))
    assert None not in ids
