"""The trail in chains: each organisation's entries in a chain of their own (with its own lock),
anchors in chain 0 recording every chain's latest entry, and `verify_audit` catching a change,
removal, move or reordering in any chain and entries cut off the end of any chain."""

from __future__ import annotations

import threading
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, connections, transaction

from resettle.audit import anchors, chain
from resettle.audit.actors import WEB, Actor
from resettle.audit.models import ANCHORED, AuditEvent
from resettle.audit.services import record
from resettle.audit.verification import CHAIN_BROKEN, CONTENT_CHANGED, TRUNCATED, verify_chain

from .conftest import person_in_chain, tampering

pytestmark = pytest.mark.django_db


def write(user, action: str = "child.viewed", **detail) -> AuditEvent:
    return record(Actor(user, ip_address="127.0.0.1", via=WEB), action, **detail)


@pytest.fixture
def two_chains():
    """Entries of chains 3 and 5 interleaved by id: a1 b1 a2 b2 a3 b3."""
    a, b = person_in_chain(3), person_in_chain(5)
    entries = []
    for n in range(3):
        entries += [write(a, n=n), write(b, n=n)]
    return entries


def tamper(sql: str, params) -> None:
    with tampering() as cursor:
        cursor.execute(sql, params)


def renumber(pairs: list[tuple[int, int]]) -> None:
    """Give entries other ids (old, new), through a free id so none clash on the way."""
    with tampering() as cursor:
        for old, _new in pairs:
            cursor.execute("UPDATE audit_auditevent SET id = %s WHERE id = %s", [-old, old])
        for old, new in pairs:
            cursor.execute("UPDATE audit_auditevent SET id = %s WHERE id = %s", [new, -old])


# ---- Writing ------------------------------------------------------------------------------------


def test_each_organisation_chain_starts_and_links_on_its_own(two_chains):
    a1, b1, a2, b2, a3, b3 = two_chains
    assert [e.chain for e in two_chains] == [3, 5, 3, 5, 3, 5]
    assert a1.prev_hash == b1.prev_hash == chain.GENESIS
    assert (a2.prev_hash, a3.prev_hash) == (a1.hash, a2.hash)
    assert (b2.prev_hash, b3.prev_hash) == (b1.hash, b2.hash)
    result = verify_chain()
    assert result.intact
    assert (result.checked, result.chains, result.last_id) == (6, 2, b3.pk)


def test_entries_without_an_organisation_have_a_chain_too(two_chains):
    event = record(Actor.system(), "user.signed_in")
    assert event.chain == chain.chain_for(None) == 1
    assert event.prev_hash == chain.GENESIS
    assert verify_chain().intact


def test_a_fork_in_a_chain_cannot_be_written(two_chains):
    """Two entries with the same predecessor in one chain: the unique constraint refuses it."""
    a1 = two_chains[0]
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO audit_auditevent (at, actor_email, role, action, detail, chain, "
            "prev_hash, hash, version) VALUES (%s, '', '', 'user.signed_in', '{}', %s, %s, %s, 3)",
            [a1.at, a1.chain, a1.prev_hash, "e" * 64],
        )


def test_only_the_anchor_service_writes_anchors(amara):
    with pytest.raises(ValueError, match="Anchors are written by"):
        write(amara, ANCHORED)


# ---- Tampering within a chain -------------------------------------------------------------------


def test_a_changed_entry_is_caught_in_its_own_chain(two_chains):
    b2 = two_chains[3]
    tamper("UPDATE audit_auditevent SET detail = %s WHERE id = %s", ['{"n": 9}', b2.pk])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (b2.pk, CONTENT_CHANGED)
    assert result.checked == 3  # a1 b1 a2


def test_a_removed_entry_breaks_the_next_entry_of_its_chain_not_the_next_id(two_chains):
    a1, b1, a2, b2, a3, b3 = two_chains
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [a2.pk])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (a3.pk, CHAIN_BROKEN)
    assert "chain 3" in result.broken.explanation


def test_removing_the_first_entry_of_a_chain_is_caught(two_chains):
    b1, b2 = two_chains[1], two_chains[3]
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [b1.pk])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (b2.pk, CHAIN_BROKEN)
    assert "does not start its chain (chain 5)" in result.broken.explanation


def test_an_entry_moved_to_another_chain_is_caught(two_chains):
    """The chain is hashed (version 3): a moved entry no longer matches its hash."""
    a3 = two_chains[4]
    tamper("UPDATE audit_auditevent SET chain = 5 WHERE id = %s", [a3.pk])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (a3.pk, CONTENT_CHANGED)


def test_an_entry_moved_and_rehashed_into_another_chain_is_caught(two_chains):
    """Even with the key: moved into chain 5 in b2's place, it is a fork the database refuses;
    moved to follow chain 5's latest entry, it stands before that entry by id."""
    a1, b1, a2, b2, a3, b3 = two_chains
    moved = AuditEvent.objects.get(pk=a2.pk)
    moved.chain, moved.prev_hash = 5, b1.hash
    with pytest.raises(IntegrityError), transaction.atomic():
        tamper(
            "UPDATE audit_auditevent SET chain = 5, prev_hash = %s, hash = %s WHERE id = %s",
            [moved.prev_hash, moved.compute_hash(), moved.pk],
        )
    moved.prev_hash = b3.hash
    tamper(
        "UPDATE audit_auditevent SET chain = 5, prev_hash = %s, hash = %s WHERE id = %s",
        [moved.prev_hash, moved.compute_hash(), moved.pk],
    )
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (a2.pk, CHAIN_BROKEN)


def test_entries_reordered_within_a_chain_are_caught(two_chains):
    a1, b1, a2, b2, a3, b3 = two_chains
    renumber([(a2.pk, a3.pk), (a3.pk, a2.pk)])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (a2.pk, CHAIN_BROKEN)


def test_reordering_across_chains_that_reorders_a_chain_is_caught(two_chains):
    """a1 takes b3's place (the last id) and b3 a1's: chain 3 now runs a2 a3 a1."""
    a1, b1, a2, b2, a3, b3 = two_chains
    renumber([(a1.pk, b3.pk), (b3.pk, a1.pk)])
    result = verify_chain()
    # b3, now first by id (at a1's old id), cannot start chain 5 (nor could a2 start chain 3).
    assert (result.broken.entry_id, result.broken.kind) == (a1.pk, CHAIN_BROKEN)
    assert "does not start its chain (chain 5)" in result.broken.explanation


def test_swapping_ids_across_chains_after_an_anchor_is_caught(two_chains):
    """Ids say nothing of order across chains (each chain's order is what is proven), so
    swapping a3's and b2's ids keeps both chains in order; but the anchor recorded a3 by id."""
    a1, b1, a2, b2, a3, b3 = two_chains
    anchors.anchor()
    renumber([(a3.pk, b2.pk), (b2.pk, a3.pk)])
    result = verify_chain()
    assert result.broken.kind == TRUNCATED
    assert f"recorded entry {a3.pk} as the latest of chain 3" in result.broken.explanation


# ---- Anchors: the end of every chain ------------------------------------------------------------


def test_an_anchor_records_each_chain_latest_entry(two_chains):
    a1, b1, a2, b2, a3, b3 = two_chains
    anchor, written = anchors.anchor()
    assert written
    assert (anchor.chain, anchor.action, anchor.role) == (0, ANCHORED, "system")
    assert anchor.actor_id is None
    assert anchors.claims(anchor.detail) == {3: (a3.pk, a3.hash), 5: (b3.pk, b3.hash)}
    result = verify_chain()
    assert result.intact
    assert (result.checked, result.chains, result.anchors) == (7, 3, 1)


def test_an_anchor_is_written_only_when_a_chain_moved_on(two_chains):
    first, written = anchors.anchor()
    assert written
    assert anchors.anchor() == (first, False)
    write(person_in_chain(3))
    second, written = anchors.anchor()
    assert written
    assert second.prev_hash == first.hash  # the anchors are chained
    assert set(anchors.claims(second.detail)) == {3, 5}
    assert verify_chain().intact


def test_an_empty_trail_is_not_anchored():
    assert anchors.anchor() == (None, False)
    out = StringIO()
    call_command("audit_anchor", stdout=out)
    assert "nothing to anchor" in out.getvalue()


def test_verify_audit_anchors_an_intact_trail_and_not_a_broken_one(two_chains):
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "Audit trail intact: 6 entries in 2 chains, 0 anchors checked" in out.getvalue()
    assert AuditEvent.objects.filter(action=ANCHORED).count() == 1
    out = StringIO()
    call_command("verify_audit", "--no-anchor", stdout=out)
    assert "7 entries in 3 chains, 1 anchor checked" in out.getvalue()
    write(person_in_chain(5))
    tamper("UPDATE audit_auditevent SET role = 'x' WHERE id = %s", [two_chains[0].pk])
    with pytest.raises(Exception, match="content changed"):
        call_command("verify_audit", stdout=StringIO())
    assert AuditEvent.objects.filter(action=ANCHORED).count() == 1


def test_entries_cut_off_the_end_of_a_chain_are_caught_by_the_anchor(two_chains):
    """What a chain alone cannot show: its newest entries removed. The anchor recorded them."""
    a1, b1, a2, b2, a3, b3 = two_chains
    anchor, _ = anchors.anchor()
    write(person_in_chain(3))  # later entries do not hide it
    tamper("DELETE FROM audit_auditevent WHERE id IN (%s, %s)", [b2.pk, b3.pk])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (anchor.pk, TRUNCATED)
    assert f"recorded entry {b3.pk} as the latest of chain 5" in result.broken.explanation
    out = StringIO()
    with pytest.raises(Exception, match=f"Audit trail broken at entry {anchor.pk} .*{TRUNCATED}"):
        call_command("verify_audit", stdout=out)


def test_a_whole_chain_removed_is_caught_by_the_anchor(two_chains):
    anchor, _ = anchors.anchor()
    tamper("DELETE FROM audit_auditevent WHERE chain = 3", [])
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (anchor.pk, TRUNCATED)
    assert "chain 3" in result.broken.explanation


def test_entries_cut_off_after_the_latest_anchor_are_caught_by_the_next(two_chains):
    """Between anchors the end of a chain is unproven (the next anchor proves it): this is why
    anchors are taken every few minutes, and by every verify_audit."""
    anchors.anchor()
    later = write(person_in_chain(5))
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [later.pk])
    assert verify_chain().intact  # no anchor had recorded it
    tamper("DELETE FROM audit_auditevent WHERE id = %s", [two_chains[5].pk])
    assert verify_chain().broken.kind == TRUNCATED  # the anchor recorded this one


def test_an_anchored_entry_rewritten_with_the_key_is_caught(two_chains):
    """Someone with the key rewrites chain 5's last entry (and so its hash): the anchor has the
    old hash."""
    b3 = AuditEvent.objects.get(pk=two_chains[5].pk)
    anchor, _ = anchors.anchor()
    b3.detail = {"n": 99}
    tamper(
        "UPDATE audit_auditevent SET detail = %s, hash = %s WHERE id = %s",
        ['{"n": 99}', b3.compute_hash(), b3.pk],
    )
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (anchor.pk, TRUNCATED)
    assert "has another hash" in result.broken.explanation


# ---- Concurrency (PostgreSQL) -------------------------------------------------------------------

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Needs concurrent writers: SQLite admits one writer at a time (BEGIN IMMEDIATE)",
)


class Holder(threading.Thread):
    """Appends one entry as `user` in a transaction, then holds the transaction (and so its
    chain's lock) open until released."""

    def __init__(self, user) -> None:
        super().__init__()
        self.user, self.appended, self.release = user, threading.Event(), threading.Event()
        self.errors: list[Exception] = []

    def run(self) -> None:
        try:
            with transaction.atomic():
                write(self.user, held=True)
                self.appended.set()
                self.release.wait(60)
        except Exception as exc:  # reported by the test
            self.errors.append(exc)
            self.appended.set()
        finally:
            connections.close_all()


class Writer(threading.Thread):
    def __init__(self, user) -> None:
        super().__init__()
        self.user, self.done = user, threading.Event()
        self.errors: list[Exception] = []

    def run(self) -> None:
        try:
            write(self.user)
            self.done.set()
        except Exception as exc:
            self.errors.append(exc)
        finally:
            connections.close_all()


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_writers_in_two_chains_do_not_wait_for_each_other_and_one_chain_still_queues():
    a, b, also_a = person_in_chain(3), person_in_chain(5), person_in_chain(3)
    holder = Holder(a)
    holder.start()
    try:
        assert holder.appended.wait(30) and not holder.errors
        other_chain, same_chain = Writer(b), Writer(also_a)
        other_chain.start()
        same_chain.start()
        # Chain 5 appends while chain 3's lock is held...
        assert other_chain.done.wait(30), "a writer in another chain waited for chain 3's lock"
        # ...and chain 3's second writer waits for it.
        time.sleep(1)
        assert not same_chain.done.is_set()
    finally:
        holder.release.set()
        holder.join()
    same_chain.join(30)
    other_chain.join(30)
    assert holder.errors == other_chain.errors == same_chain.errors == []
    assert same_chain.done.is_set()
    result = verify_chain()
    assert result.intact
    assert (result.checked, result.chains) == (3, 2)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_an_entry_committed_after_an_anchor_read_its_chain_is_still_checked():
    """An entry can take its id before an anchor and commit after the anchor read its chain: the
    anchor then records the entry before it, which verification reads back by id."""
    a = person_in_chain(3)
    first = write(a)
    holder = Holder(a)  # takes an id, holds chain 3 uncommitted
    holder.start()
    try:
        assert holder.appended.wait(30) and not holder.errors
        anchor, written = anchors.anchor()  # chain 0's lock only: does not wait for chain 3
        assert written
        assert anchors.claims(anchor.detail) == {3: (first.pk, first.hash)}
    finally:
        holder.release.set()
        holder.join()
    held = AuditEvent.objects.get(detail={"held": True})
    assert first.pk < held.pk < anchor.pk  # by id, the held entry lies between
    result = verify_chain()
    assert result.intact, result.broken
    assert result.anchors == 1


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_many_writers_in_many_chains_leave_every_chain_intact():
    people = [person_in_chain(1 + n % 6) for n in range(8)]
    errors: list[Exception] = []
    start = threading.Barrier(len(people) + 1)

    def append(user):
        try:
            start.wait()
            for _ in range(10):
                with transaction.atomic():
                    write(user)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    def anchoring():
        try:
            start.wait()
            for _ in range(10):
                anchors.anchor()
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=[user]) for user in people]
    threads.append(threading.Thread(target=anchoring))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.exclude(action=ANCHORED).count() == 80
    anchors.anchor()
    result = verify_chain()
    assert result.intact, result.broken
    assert result.chains == 7  # six chains and the anchors'
