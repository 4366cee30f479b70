"""Property-based calls over the API's own OpenAPI description (Schemathesis), in-process through
Django's WSGI application, with a real token: no call may fail with a server error, and every
response must be one the description promises (status, content type, body)."""

from __future__ import annotations

import os
import zlib
from datetime import timedelta

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Pathway, Plan, PlanAction

from .conftest import make_token

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def connection_kept():
    """As Django's test client does: a request must not close the connection that holds the
    test's transaction (on PostgreSQL that would end the test's database session)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_world(db, connection_kept, amara, camden_child):
    ensure_defaults()
    plan = Plan.objects.create(child=camden_child)
    action = PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="ete"),
        kind="structural",
        description="Enrol at college",
        owner_name="Aunt Grace",
        status=ActionStatus.objects.get(slug="not-started"),
    )
    touchpoint = Touchpoint.objects.create(
        child=camden_child, name="Review", due_on=today() - timedelta(days=1)
    )
    return {
        "token": make_token(amara, days=365),
        "ids": {
            "child_id": str(camden_child.public_id),
            "action_id": str(action.public_id),
            "touchpoint_id": str(touchpoint.public_id),
        },
    }


# Read from the running application, as a client would (no database is needed to describe it).
# The examples in the description, then generated calls; the coverage phase (every boundary the
# description defines: several hundred calls) runs with RESETTLE_API_FUZZ_COVERAGE=1.
PHASES = [
    "examples",
    "fuzzing",
    *(["coverage"] if os.environ.get("RESETTLE_API_FUZZ_COVERAGE") else []),
]
config = SchemathesisConfig()
config.projects.default.phases.update(phases=PHASES)
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application(), config=config)


@schema.parametrize()
@pytest.mark.django_db
@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_call_fails_or_breaks_the_description(case, api_world):
    cache.clear()  # calls per token are limited; this test is about the answers, not the limit
    # Half the time, the path names Jay's real records (which Amara may change); otherwise the
    # generated ids, which are nobody's (404).
    if case.path_parameters and zlib.crc32(repr(case.body).encode()) % 2 == 0:
        for name in case.path_parameters:
            case.path_parameters[name] = api_world["ids"][name]
    case.call_and_validate(headers={"Authorization": f"Bearer {api_world['token']}"}, checks=CHECKS)
