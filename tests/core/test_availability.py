"""Health checks for a load balancer, and the database going away mid-request.

/healthz/ (liveness) answers whatever the database is doing; /readyz/ (readiness) answers 200 only
when the database answers and every migration is applied. A request that loses the database gets
the "service unavailable" page (503), and nothing it was saving is half-saved.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.plans.models import Goal
from resettle.web import site

pytestmark = pytest.mark.django_db

HEALTHZ = reverse("core:healthz")
READYZ = reverse("core:readyz")


@contextmanager
def database_gone(after: str | None = None):
    """Every query fails, as when the server has gone away; or, with `after`, every query once a
    statement containing `after` has run (the database goes away in the middle of a request)."""
    seen = {"it": after is None}

    def execute(run, sql, params, many, context):
        # Undoing the transaction is let through: a server that has really gone away undoes it
        # by itself, and the test's own transaction must stay usable.
        if seen["it"] and not sql.lstrip().upper().startswith(("ROLLBACK", "SAVEPOINT", "RELEASE")):
            raise OperationalError("server closed the connection unexpectedly")
        result = run(sql, params, many, context)
        if after and after in sql:
            seen["it"] = True
        return result

    with connection.execute_wrapper(execute):
        yield


@pytest.fixture
def not_yet_checked(monkeypatch):
    monkeypatch.setattr(site, "_migrations_applied", False)


def test_liveness_answers_without_the_database(client):
    with database_gone():
        response = client.get(HEALTHZ)
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_ready_when_the_database_answers_and_migrations_are_applied(client, not_yet_checked):
    response = client.get(READYZ)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"database": "ok", "migrations": "applied"},
    }


def test_not_ready_when_the_database_does_not_answer(client, not_yet_checked):
    with database_gone():
        response = client.get(READYZ)
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "unavailable", "migrations": "unknown"},
    }


def test_not_ready_while_migrations_are_waiting(client, not_yet_checked, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: ["waiting"])
    response = client.get(READYZ)
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "migrations": "pending"}


def test_the_database_going_away_mid_save_gives_503_and_saves_nothing(
    client_for, amara, camden_child
):
    client = client_for(amara)
    url = reverse("plans:goal-add", args=[camden_child.public_id])
    assert client.get(url).status_code == 200
    entries_before = AuditEvent.objects.count()

    with database_gone(after='INSERT INTO "plans_goal"'):
        response = client.post(url, {"text": "Get my CSCS card"})

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "<title>Sorry, the service is unavailable - Resettle</title>" in html
    assert "it has not been saved" in html
    # The goal was written, then the database went away before the audit entry: all undone.
    assert not Goal.objects.for_child(camden_child).exists()
    assert AuditEvent.objects.count() == entries_before


def test_the_database_gone_before_the_page_is_reached_also_gives_503(client_for, amara):
    client = client_for(amara)
    client.raise_request_exception = False  # as a real server: the error is answered, not raised
    with database_gone():  # the session cannot even be read
        response = client.get(reverse("children:caseload"))
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_other_server_errors_are_still_500(client_for, amara, monkeypatch):
    monkeypatch.setattr(site, "policy", None)  # home() now fails with an AttributeError
    client = Client(raise_request_exception=False)
    client.force_login(amara)
    response = client.get(reverse("core:home"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
