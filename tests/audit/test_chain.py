"""The audit trail is append-only and hash-chained, and `verify_audit` finds any tampering."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from datetime import datetime
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from resettle.audit import chain
from resettle.audit.actors import WEB, Actor
from resettle.audit.models import ACTIONS, AuditEvent, AuditTrailIsAppendOnly
from resettle.audit.services import record
from resettle.audit.verification import CHAIN_BROKEN, CONTENT_CHANGED, verify_chain

from ..factories import UserFactory
from .conftest import tampering

pytestmark = pytest.mark.django_db


def verify(*args) -> str:
    out = StringIO()
    call_command("verify_audit", *args, stdout=out)
    return out.getvalue()


def verify_fails(*args) -> str:
    with pytest.raises(CommandError) as failure:
        verify(*args)
    return str(failure.value)


@pytest.fixture
def five_entries(record_as, amara, priya, camden_child):
    return [
        record_as(amara, "user.signed_in"),
        record_as(amara, "child.viewed", child=camden_child, section="summary"),
        record_as(amara, "child.changed", child=camden_child, fields=["care_status"]),
        record_as(priya, "child.viewed", child=camden_child, section="history"),
        record_as(priya, "audit.access_log_viewed", child=camden_child),
    ]


# ---- Writing ------------------------------------------------------------------------------------


def test_each_entry_links_to_the_one_before_it(five_entries):
    entries = list(AuditEvent.objects.order_by("id"))
    # One organisation (Camden): one chain, its own.
    assert {e.chain for e in entries} == {chain.chain_for(entries[0].organisation_id)}
    assert entries[0].prev_hash == chain.GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
    assert len({e.hash for e in entries}) == 5


def test_an_entry_hash_is_an_hmac_with_the_audit_key_over_its_content_and_the_previous_hash(
    five_entries,
):
    entry = AuditEvent.objects.order_by("id")[1]
    assert len(entry.hash) == 64
    assert entry.version == chain.CHAINED
    document = chain.canonical(chain.content_of(entry), entry.prev_hash, entry.version)
    key = settings.AUDIT_KEY.encode()
    assert entry.hash == hmac.new(key, document, hashlib.sha256).hexdigest()
    assert entry.hash == chain.compute_hash(chain.content_of(entry), entry.prev_hash, 3)
    parsed = json.loads(document)
    assert parsed["action"] == "child.viewed"
    assert parsed["detail"] == {"section": "summary"}
    assert parsed["prev_hash"] == entry.prev_hash
    assert parsed["version"] == 3
    assert parsed["chain"] == entry.chain == chain.chain_for(entry.organisation_id)
    assert parsed["at"].endswith("+00:00")  # times are hashed, and stored, in UTC


def test_record_keeps_its_signature_and_fills_in_who_and_where(record_as, amara, camden_child):
    event = record_as(amara, "child.viewed", child=camden_child, section="summary")
    event.refresh_from_db()
    assert (event.actor_id, event.actor_email, event.role) == (amara.pk, amara.email, amara.role)
    assert event.organisation_id == amara.organisation_id
    assert event.child_id == camden_child.pk
    assert event.ip_address == "127.0.0.1"
    assert event.detail == {"section": "summary"}


def test_record_refuses_an_action_that_is_not_listed(record_as, amara):
    with pytest.raises(ValueError, match="Unknown audit action"):
        record_as(amara, "child.teleported")


def test_the_new_actions_read_as_plain_english():
    for code in [
        "audit.access_log_viewed",
        "audit.searched",
        "audit.exported",
        "child.exported",
        "child.printed",
        "child.shared",
        "share.revoked",
        "child.transfer_requested",
        "child.transferred",
        "child.restricted",
        "child.unrestricted",
    ]:
        assert code in ACTIONS
        assert str(ACTIONS[code])[0].isupper()


def test_detail_is_stored_as_it_will_be_read_back_so_the_hash_still_verifies(record_as, amara):
    record_as(amara, "user.signed_in", fields=("a", "b"), count=3)
    assert AuditEvent.objects.get().detail == {"fields": ["a", "b"], "count": 3}
    assert "Audit trail intact: 1 entries" in verify()


def test_an_entry_written_with_a_naive_time_still_verifies(amara):
    AuditEvent.objects.create(action="user.signed_in", actor=amara, at=datetime(2026, 7, 4, 14))
    assert verify_chain().intact


def test_deleting_a_person_leaves_their_entries_exactly_as_written(record_as, camden):
    leaver = UserFactory(organisation=camden)
    event = record_as(leaver, "user.signed_in")
    leaver_id = leaver.pk
    leaver.delete()
    event.refresh_from_db()
    assert event.actor_id == leaver_id
    assert event.actor_email == leaver.email
    assert verify_chain().intact


# ---- Refusing changes ---------------------------------------------------------------------------


def test_the_orm_refuses_to_update_or_delete_entries(five_entries):
    entries = AuditEvent.objects.all()
    with pytest.raises(AuditTrailIsAppendOnly):
        entries.update(action="user.signed_out")
    with pytest.raises(AuditTrailIsAppendOnly):
        entries.delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.filter(pk=five_entries[0].pk).delete()
    with pytest.raises(AuditTrailIsAppendOnly):
        AuditEvent.objects.bulk_create([AuditEvent(action="user.signed_in")])
    assert AuditEvent.objects.filter(action="user.signed_out").count() == 0
    assert AuditEvent.objects.count() == 5


def test_a_saved_entry_cannot_be_saved_again_or_deleted(five_entries):
    event = AuditEvent.objects.get(pk=five_entries[1].pk)
    event.action = "user.signed_out"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()
    event.refresh_from_db()
    assert event.action == "child.viewed"


def test_the_database_refuses_a_raw_update_of_an_entry(five_entries):
    # PostgreSQL and SQLite both have a BEFORE UPDATE trigger.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET action = %s WHERE id = %s", ["x", five_entries[0].pk]
        )
    assert AuditEvent.objects.get(pk=five_entries[0].pk).action == "user.signed_in"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: SQLite has no DELETE trigger (Django's flush uses DELETE there)",
)
def test_postgresql_refuses_a_raw_update_or_delete_of_an_entry(five_entries):
    target = five_entries[2].pk
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditevent SET detail = '{}' WHERE id = %s", [target])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [target])
    assert AuditEvent.objects.count() == 5
    assert verify_chain().intact


# ---- Verifying ----------------------------------------------------------------------------------


def test_verify_audit_reports_an_intact_trail(five_entries):
    output = verify()
    assert "Audit trail intact: 5 entries" in output
    assert five_entries[-1].hash in output  # the latest hash, to keep somewhere else


def test_verify_audit_reports_an_empty_trail_as_intact():
    assert "Audit trail intact: 0 entries" in verify()


def test_verify_audit_walks_the_chain_in_batches(five_entries):
    assert "Audit trail intact: 5 entries" in verify("--batch-size", "2")
    tampered = five_entries[3]
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditevent SET role = %s WHERE id = %s", ["x", tampered.pk])
    assert f"entry {tampered.pk} " in verify_fails("--batch-size", "2")


def test_the_command_also_answers_to_verify_hyphen_audit(five_entries):
    out = StringIO()
    call_command("verify-audit", stdout=out)
    assert "Audit trail intact: 5 entries" in out.getvalue()


def test_a_changed_entry_is_reported_by_id_time_and_reason(five_entries):
    tampered = five_entries[2]
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET actor_email = %s WHERE id = %s",
            ["someone@else.test", tampered.pk],
        )
    message = verify_fails()
    assert f"Audit trail broken at entry {tampered.pk} " in message
    assert f"{timezone.localtime(tampered.at):%Y-%m-%d %H:%M:%S}" in message
    assert CONTENT_CHANGED in message
    assert "2 entries before it are intact" in message


def test_a_changed_detail_is_caught(five_entries):
    tampered = five_entries[2]
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET detail = %s WHERE id = %s",
            [json.dumps({"fields": ["legal_name"]}), tampered.pk],
        )
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (tampered.pk, CONTENT_CHANGED)


def test_a_deleted_entry_breaks_the_link_from_the_entry_after_it(five_entries):
    removed, after = five_entries[2], five_entries[3]
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [removed.pk])
    message = verify_fails()
    assert f"Audit trail broken at entry {after.pk} " in message
    assert CHAIN_BROKEN in message


def test_deleting_the_first_entries_is_caught(five_entries):
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id <= %s", [five_entries[1].pk])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (five_entries[2].pk, CHAIN_BROKEN)
    assert "earlier entries are missing" in result.broken.explanation


def test_a_rewritten_link_is_reported_as_a_broken_chain(five_entries):
    """A forger who points an entry at another predecessor and rehashes it is still caught."""
    tampered = AuditEvent.objects.get(pk=five_entries[3].pk)
    forged_prev = "f" * 64
    # (A forger who also has the key: see test_audit_key.py for one without it.)
    forged_hash = chain.compute_hash(chain.content_of(tampered), forged_prev, tampered.version)
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET prev_hash = %s, hash = %s WHERE id = %s",
            [forged_prev, forged_hash, tampered.pk],
        )
    message = verify_fails()
    assert f"Audit trail broken at entry {tampered.pk} " in message
    assert CHAIN_BROKEN in message


def test_a_changed_entry_with_a_recomputed_hash_breaks_the_next_link(five_entries):
    tampered = AuditEvent.objects.get(pk=five_entries[1].pk)
    tampered.action = "user.signed_out"
    forged_hash = tampered.compute_hash()  # with the key
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET action = %s, hash = %s WHERE id = %s",
            ["user.signed_out", forged_hash, tampered.pk],
        )
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (five_entries[2].pk, CHAIN_BROKEN)


def test_appends_after_tampering_do_not_hide_it(five_entries, record_as, amara):
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET role = %s WHERE id = %s", ["x", five_entries[0].pk]
        )
    record_as(amara, "user.signed_out")
    assert verify_chain().broken.entry_id == five_entries[0].pk


# ---- Concurrency and flushing -------------------------------------------------------------------


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs concurrent writers: SQLite's in-memory test database (shared cache) refuses "
    "them with 'table is locked' instead of queueing them as a file database does",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_keep_one_unbroken_chain(camden):
    """Writers in separate connections and transactions never fork their chain (its advisory
    lock): four people of one organisation, so one chain."""
    people = [UserFactory(organisation=camden) for _ in range(4)]
    errors: list[Exception] = []
    start = threading.Barrier(len(people))

    def write(user):
        try:
            start.wait()
            for _ in range(10):
                with transaction.atomic():
                    record(Actor(user, ip_address="127.0.0.1", via=WEB), "child.viewed")
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=[user]) for user in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert AuditEvent.objects.count() == 40
    assert "Audit trail intact: 40 entries" in verify()
    # The test database is flushed after this test: the triggers must not stop that.
