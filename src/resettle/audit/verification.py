"""Walking the audit chain to prove that no entry was changed, removed or slipped in.

A chain alone cannot show that its newest entries were cut off: an anchor can. An anchor is the
latest entry's id and hash (and how many entries there were), printed by `manage.py audit_anchor`
and kept somewhere the database's administrators cannot change. `verify_chain(anchor=...)` then
also checks that the anchored entry is still there, unchanged, and that no fewer entries remain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from . import chain
from .models import AuditEvent

CONTENT_CHANGED = "content changed"
CHAIN_BROKEN = "chain broken"
DOWNGRADED = "unkeyed after keyed"
TRUNCATED = "entries missing from the end"

_FIELDS = ("id", *chain.HASHED_FIELDS, "prev_hash", "hash", "version")


@dataclass(frozen=True)
class Break:
    """The first entry at which the chain does not hold (for a cut-off end: the last one left)."""

    entry_id: int | None
    at: datetime | None
    kind: str  # CONTENT_CHANGED, CHAIN_BROKEN, DOWNGRADED or TRUNCATED
    explanation: str


@dataclass(frozen=True)
class Anchor:
    """What was true of the trail when it was last seen intact, kept outside the database."""

    last_hash: str | None = None
    at_least: int | None = None


@dataclass(frozen=True)
class Result:
    checked: int
    broken: Break | None
    last_id: int | None = None
    last_hash: str | None = None
    unkeyed: int = 0  # entries from before the chain had a key (version 1)

    @property
    def intact(self) -> bool:
        return self.broken is None


def _rows(batch_size: int, using: str) -> Iterator[dict]:
    """Every entry in id order, `batch_size` at a time (keyset pagination: constant memory)."""
    last_id = 0
    events = AuditEvent.objects.using(using).order_by("id").values(*_FIELDS)
    while True:
        batch = list(events.filter(id__gt=last_id)[:batch_size])
        if not batch:
            return
        yield from batch
        last_id = batch[-1]["id"]


def _check_row(row: dict, expected_prev: str, keyed_seen: bool) -> Break | None:
    version = row["version"]
    if version not in chain.VERSIONS:
        explanation = f"it names an unknown version {version}"
        return Break(row["id"], row["at"], CONTENT_CHANGED, explanation)
    if version == chain.UNKEYED and keyed_seen:
        return Break(
            row["id"],
            row["at"],
            DOWNGRADED,
            "it is hashed without the key after entries hashed with it: it was rewritten",
        )
    if chain.compute_hash(row, row["prev_hash"], version) != row["hash"]:
        return Break(
            row["id"],
            row["at"],
            CONTENT_CHANGED,
            "its content no longer matches the hash written with it (or the key is not the one "
            "it was written with)",
        )
    if row["prev_hash"] != expected_prev:
        explanation = (
            "it does not start the chain: earlier entries are missing"
            if expected_prev == chain.GENESIS
            else "it does not link to the entry before it: an entry was removed, "
            "inserted or rewritten"
        )
        return Break(row["id"], row["at"], CHAIN_BROKEN, explanation)
    return None


def _check_anchor(anchor: Anchor, checked: int, anchored_seen: bool, last: dict | None):
    last_id, last_at = (last["id"], last["at"]) if last else (None, None)
    if anchor.at_least is not None and checked < anchor.at_least:
        return Break(
            last_id,
            last_at,
            TRUNCATED,
            f"there are {checked} entries but there were at least {anchor.at_least}: "
            "entries were removed from the end",
        )
    if anchor.last_hash and not anchored_seen:
        return Break(
            last_id,
            last_at,
            TRUNCATED,
            "the anchored entry (the latest one when the anchor was taken) is not in the trail: "
            "entries were removed from the end, or rewritten",
        )
    return None


def verify_chain(
    *, batch_size: int = 2000, using: str = "default", anchor: Anchor | None = None
) -> Result:
    expected_prev = chain.GENESIS
    checked = unkeyed = 0
    keyed_seen = anchored_seen = False
    row = None
    for row in _rows(batch_size, using):
        broken = _check_row(row, expected_prev, keyed_seen)
        if broken:
            return Result(checked, broken, unkeyed=unkeyed)
        keyed_seen = keyed_seen or row["version"] != chain.UNKEYED
        unkeyed += row["version"] == chain.UNKEYED
        anchored_seen = anchored_seen or (anchor is not None and row["hash"] == anchor.last_hash)
        expected_prev = row["hash"]
        checked += 1
    if anchor is not None:
        broken = _check_anchor(anchor, checked, anchored_seen, row)
        if broken:
            return Result(checked, broken, unkeyed=unkeyed)
    return Result(
        checked,
        None,
        last_id=row["id"] if row else None,
        last_hash=row["hash"] if row else None,
        unkeyed=unkeyed,
    )
