"""The chain is keyed and anchored: rewriting it without the key, downgrading it to unkeyed hashes
and cutting entries off its end are all caught."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from resettle.audit import anchors, chain
from resettle.audit.models import AuditEvent
from resettle.audit.verification import (
    CONTENT_CHANGED,
    DOWNGRADED,
    TRUNCATED,
    Anchor,
    verify_chain,
)

from .conftest import tampering

pytestmark = pytest.mark.django_db

GUESSED_KEY = b"an attacker's guess at the key"


def run(command: str, *args) -> str:
    out = StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def fails(command: str, *args) -> str:
    with pytest.raises(CommandError) as failure:
        run(command, *args)
    return str(failure.value)


@pytest.fixture
def five_entries(record_as, amara, priya, camden_child):
    entries = [
        record_as(amara, "user.signed_in"),
        record_as(amara, "child.viewed", child=camden_child, section="summary"),
        record_as(amara, "child.changed", child=camden_child, fields=["care_status"]),
        record_as(priya, "child.viewed", child=camden_child, section="history"),
        record_as(priya, "audit.access_log_viewed", child=camden_child),
    ]
    return [AuditEvent.objects.get(pk=entry.pk) for entry in entries]


def rewrite_from(
    entries,
    position: int,
    *,
    version: int,
    key: bytes | None,
    to_chain: int | None = None,
    **change,
) -> None:
    """Change one entry, then recompute its hash and every later hash and link, as someone with
    write access to the database would: with `version` and `key` (or AUDIT_KEY if None), and
    moving the entries to `to_chain` if given."""
    prev_hash = entries[position].prev_hash if to_chain is None else chain.GENESIS
    with tampering() as cursor:
        for index, entry in enumerate(entries[position:]):
            if index == 0:
                for field, value in change.items():
                    setattr(entry, field, value)
            if to_chain is not None:
                entry.chain = to_chain
            content = chain.content_of(entry)
            new_hash = chain.compute_hash(content, prev_hash, version, key=key)
            cursor.execute(
                "UPDATE audit_auditevent SET action = %s, chain = %s, prev_hash = %s, hash = %s, "
                "version = %s WHERE id = %s",
                [entry.action, entry.chain, prev_hash, new_hash, version, entry.pk],
            )
            prev_hash = new_hash


def test_new_entries_are_hashed_with_the_key_and_their_chain(five_entries):
    assert {entry.version for entry in five_entries} == {chain.CHAINED}
    entry = five_entries[0]
    content = chain.content_of(entry)
    unkeyed = chain.compute_hash(content, entry.prev_hash, chain.UNKEYED)
    keyed_without_chain = chain.compute_hash(content, entry.prev_hash, chain.KEYED)
    assert entry.hash not in (unkeyed, keyed_without_chain)
    assert entry.hash == chain.compute_hash(content, entry.prev_hash, chain.CHAINED)


def test_rewriting_an_entry_and_every_later_hash_without_the_key_is_caught(five_entries):
    rewrite_from(five_entries, 2, version=chain.CHAINED, key=GUESSED_KEY, action="user.signed_out")
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (five_entries[2].pk, CONTENT_CHANGED)
    assert result.checked == 2


@pytest.mark.parametrize("version", [chain.UNKEYED, chain.KEYED])
def test_rewriting_entries_in_an_older_way_is_caught(five_entries, version):
    """The forger gives up on the key (version 1), or keeps it but hashes without the chain
    (version 2, which would let entries move between chains): chains 1 and up hold neither."""
    rewrite_from(five_entries, 2, version=version, key=None, action="user.signed_out")
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (five_entries[2].pk, DOWNGRADED)
    assert "hashed the older way" in result.broken.explanation
    assert f"entry {five_entries[2].pk} " in fails("verify_audit")


@pytest.mark.parametrize(
    ("version", "said"),
    [(chain.UNKEYED, "without the key"), (chain.KEYED, "without its chain")],
)
def test_an_older_hash_after_newer_ones_in_the_first_chain_is_caught(
    five_entries, record_as, amara, version, said
):
    """Chain 0 (entries from before the chains, then the anchors) may rise from version 1 to 3,
    never fall: an anchor rehashed the older way after a version 3 one is caught."""
    anchors.anchor()
    record_as(amara, "user.signed_out")
    second, written = anchors.anchor()
    assert written
    second.version = version
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET hash = %s, version = %s WHERE id = %s",
            [second.compute_hash(), version, second.pk],
        )
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (second.pk, DOWNGRADED)
    assert f"hashed {said} after entries hashed with it in chain 0" in result.broken.explanation


def test_rewriting_the_whole_trail_as_one_unkeyed_chain_is_caught_by_the_anchor(five_entries):
    """The one rewrite the trail cannot catch on its own: every entry moved to chain 0 as if
    written before the key. An anchor kept outside the database catches it."""
    anchor = Anchor(last_hash=five_entries[-1].hash, at_least=5)
    rewrite_from(
        five_entries,
        0,
        version=chain.UNKEYED,
        key=None,
        to_chain=chain.FIRST_CHAIN,
        action="user.signed_out",
    )
    # On its own, a trail rewritten from its first entry is a valid unkeyed chain...
    assert verify_chain().intact
    # ...but the anchored entry is gone.
    assert verify_chain(anchor=anchor).broken.kind == TRUNCATED


def test_the_wrong_key_reports_every_keyed_entry_as_changed(five_entries):
    with override_settings(AUDIT_KEY="not-the-key-the-trail-was-written-with-0123456789"):
        result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (five_entries[0].pk, CONTENT_CHANGED)
    assert "key" in result.broken.explanation


def test_an_unknown_version_is_reported(five_entries):
    with tampering() as cursor:
        cursor.execute(
            "UPDATE audit_auditevent SET version = 7 WHERE id = %s", [five_entries[1].pk]
        )
    result = verify_chain()
    assert (result.broken.entry_id, result.broken.kind) == (five_entries[1].pk, CONTENT_CHANGED)


# ---- The anchor: entries cut off the end ---------------------------------------------------------


def cut_off_the_last(entries, how_many: int) -> None:
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id >= %s", [entries[-how_many].pk])


def test_the_anchor_records_every_chain_and_is_kept_outside(five_entries):
    taken = json.loads(run("audit_anchor", "--json"))
    anchor = AuditEvent.objects.get(pk=taken["last_id"])
    assert (anchor.action, anchor.chain, anchor.version) == (
        "audit.anchored",
        chain.FIRST_CHAIN,
        chain.CHAINED,
    )
    assert (taken["entries"], taken["last_hash"], taken["chains"]) == (6, anchor.hash, 1)
    assert anchor.detail == {
        "heads": {str(five_entries[-1].chain): [five_entries[-1].pk, five_entries[-1].hash]}
    }
    assert anchor.prev_hash == chain.GENESIS  # the first entry of chain 0 in this trail


def test_cutting_anchors_off_the_end_passes_the_trail_but_not_the_anchor_kept_outside(
    five_entries,
):
    taken = json.loads(run("audit_anchor", "--json"))
    cut_off_the_last(five_entries, 2)  # ...and the anchor after them
    assert "Audit trail intact: 3 entries" in run("verify_audit", "--no-anchor")
    message = fails("verify_audit", "--expect-at-least", "6")
    assert TRUNCATED in message
    assert "there are 3 entries but there were at least 6" in message
    message = fails("verify_audit", "--expect-last-hash", taken["last_hash"])
    assert TRUNCATED in message
    assert f"at entry {five_entries[2].pk} " in message
    # An anchor taken of the cut trail does not hide it from the one kept outside.
    assert "Anchored every chain's latest entry" in run("verify_audit")
    assert TRUNCATED in fails("verify_audit", "--expect-last-hash", taken["last_hash"])


def test_the_anchor_holds_while_entries_are_added(five_entries, record_as, amara):
    printed = run("audit_anchor")
    assert "Entries: 6" in printed
    anchor = AuditEvent.objects.get(action="audit.anchored")
    assert f"New anchor: entry {anchor.pk}, hash {anchor.hash}, recording 1 chain" in printed
    check = printed.split("Check later with: manage.py verify_audit ")[1].split()
    assert check == ["--expect-at-least", "6", "--expect-last-hash", anchor.hash]
    # Nothing moved on: no new anchor, the same one printed.
    again = run("audit_anchor", "--quick")
    assert f"Latest anchor (no chain has moved on since): entry {anchor.pk}" in again
    assert AuditEvent.objects.count() == 6
    record_as(amara, "user.signed_out")
    output = run("verify_audit", *check)
    assert "Audit trail intact: 7 entries in 2 chains, 1 anchor checked" in output
    assert "The anchor holds" in output


def test_an_empty_trail_against_an_anchor_is_cut_off(five_entries):
    cut_off_the_last(five_entries, 5)
    message = fails("verify_audit", "--expect-at-least", "5")
    assert "(no entries left)" in message


def test_no_anchor_is_given_for_a_broken_trail(five_entries):
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditevent SET role = 'x' WHERE id = %s", [five_entries[3].pk])
    assert "no anchor is given for a broken trail" in fails("audit_anchor")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--expect-last-hash", "not-a-hash"], "64 hexadecimal characters"),
        (["--expect-at-least", "-1"], "0 or more"),
    ],
)
def test_a_malformed_anchor_is_refused(five_entries, args, message):
    assert message in fails("verify_audit", *args)


@override_settings(AUDIT_KEY="")
def test_nothing_is_written_without_a_key(record_as, amara):
    with pytest.raises(ValueError, match="AUDIT_KEY is not set"):
        record_as(amara, "user.signed_in")
    assert not AuditEvent.objects.exists()
