"""The migration that made the trail append-only chains the entries already written."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from resettle.audit import chain
from resettle.audit.actors import Actor
from resettle.audit.models import AuditEvent
from resettle.audit.services import record
from resettle.audit.verification import CHAIN_BROKEN, verify_chain

from .conftest import tampering

BEFORE_CHAIN = [("audit", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.mark.django_db(transaction=True)
def test_entries_written_before_the_chain_existed_are_chained_in_order():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("audit")
    try:
        executor = _migrate(BEFORE_CHAIN)
        Old = executor.loader.project_state(BEFORE_CHAIN).apps.get_model("audit", "AuditEvent")
        for n in range(3):
            Old.objects.create(action="user.signed_in", actor_email=f"p{n}@test.example", detail={})
    finally:
        _migrate(latest)

    entries = list(AuditEvent.objects.order_by("id"))
    assert len(entries) == 3
    assert all(len(e.hash) == 64 for e in entries)
    assert verify_chain().intact
    assert verify_chain().checked == 3
    # ...and the triggers are back after migrating down and up again.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET role = 'x' WHERE id = %s", [entries[0].pk])


@pytest.mark.django_db(transaction=True)
def test_entries_from_before_the_key_still_verify_and_keyed_ones_follow_them():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("audit")
    try:
        executor = _migrate(BEFORE_CHAIN)
        Old = executor.loader.project_state(BEFORE_CHAIN).apps.get_model("audit", "AuditEvent")
        for n in range(2):
            Old.objects.create(action="user.signed_in", actor_email=f"p{n}@test.example", detail={})
    finally:
        _migrate(latest)

    record(Actor.system(), "user.signed_in")
    entries = list(AuditEvent.objects.order_by("id"))
    assert [e.version for e in entries] == [chain.UNKEYED, chain.UNKEYED, chain.CHAINED]
    # The old entries are chain 0; the new one starts a chain of its own.
    assert [e.chain for e in entries] == [0, 0, chain.chain_for(None)]
    assert entries[2].prev_hash == chain.GENESIS
    result = verify_chain()
    assert result.intact
    assert (result.checked, result.unkeyed, result.chains) == (3, 2, 2)
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "2 entries were written before the chain had a key" in out.getvalue()
    # Anchors carry chain 0 on from the old entries, so they are held in place too.
    anchor = AuditEvent.objects.get(action="audit.anchored")
    assert (anchor.chain, anchor.prev_hash) == (0, entries[1].hash)
    assert verify_chain().intact
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [entries[1].pk])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (anchor.pk, CHAIN_BROKEN)
