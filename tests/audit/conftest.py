"""Audit trail test helpers: writing entries as a person, and tampering like an attacker."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection
from django.test import RequestFactory

from resettle.accounts.models import Organisation
from resettle.audit import chain
from resettle.audit.actors import RequestActor
from resettle.audit.services import record

from ..factories import UserFactory

TABLE = "audit_auditevent"


@pytest.fixture
def record_as():
    """record() as `user` would from a request: record_as(amara, "child.viewed", child=jay)."""

    def _record(user, action, *, child=None, **detail):
        request = RequestFactory().get("/")
        request.user = user
        return record(RequestActor(request), action, child=child, **detail)

    return _record


def person_in_chain(number: int):
    """A person whose entries go to chain `number` (their organisation's id chooses it)."""
    org_id = chain.CHAINS * 1000 + number - 1
    organisation, _ = Organisation.objects.get_or_create(
        id=org_id,
        defaults={"slug": f"chain-test-{org_id}", "name": f"Chain test {org_id}", "kind": "yjs"},
    )
    assert chain.chain_for(organisation.pk) == number
    return UserFactory(organisation=organisation)


@contextmanager
def tampering() -> Iterator:
    """A raw cursor with the database's append-only triggers out of the way, as an attacker with
    database access would have. Everything happens inside the test's transaction, so the triggers
    are back (and the tampering undone) when the test ends; they are also restored explicitly."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TABLE}_append_only")
            yield cursor
            cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TABLE}_append_only")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            triggers = cursor.fetchall()
            for name, _sql in triggers:
                cursor.execute(f'DROP TRIGGER "{name}"')
            yield cursor
            for _name, sql in triggers:
                cursor.execute(sql)
