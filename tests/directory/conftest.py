"""Fixtures for the menu of support: a Camden service made by the partnership lead, and the
official HSDS 3.0 schemas (read from beside the repository, never copied into it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings

from resettle.directory.taxonomy import ensure_taxonomy

from .helpers import make_service, organization

HSDS = Path(settings.PROJECT_DIR).parent / "shared" / "reference" / "hsds-3.0"


@pytest.fixture
def hsds_schemas() -> Path:
    if not (HSDS / "service.json").is_file():
        pytest.skip(
            "The official HSDS 3.0 schemas are not beside the repository "
            "(../shared/reference/hsds-3.0): the checks against them cannot run here."
        )
    return HSDS


@pytest.fixture
def provider(db):
    ensure_taxonomy()
    return organization()


@pytest.fixture
def camden_service(dev, provider):
    """Motor skills for 15 to 18 year olds in Camden, on the ETE pathway."""
    return make_service(dev, provider)
