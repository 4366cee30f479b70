"""Walking the audit chains to prove that no entry was changed, removed, moved or slipped in.

The trail is read once, in id order, a batch at a time, keeping each chain's latest hash: every
entry must match its hash and link to the entry before it in its chain (`chain.py`). Each anchor
met on the way (chain 0, `anchors.py`) must find every entry it recorded still there, in its chain,
with its hash: entries cut off the end of a chain before the latest anchor are caught.

Cutting anchors off the end of chain 0 cannot be seen from inside the trail: an anchor kept outside
it can. That is the latest anchor's id and hash (and how many entries there were), printed by
`manage.py audit_anchor` and kept somewhere the database's administrators cannot change.
`verify_chain(anchor=...)` then also checks that the anchored entry is still there, unchanged, and
that no fewer entries remain.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from . import anchors
from . import chain as chains
from .models import ANCHORED, AuditEvent

CONTENT_CHANGED = "content changed"
CHAIN_BROKEN = "chain broken"
DOWNGRADED = "hashed an older way"
TRUNCATED = "entries missing from the end"

_FIELDS = ("id", *chains.HASHED_FIELDS, "chain", "prev_hash", "hash", "version")
_CLAIMED = ("id", "chain", "hash")


@dataclass(frozen=True)
class Break:
    """The first entry at which the trail does not hold (for a cut-off end: the last one left, or
    the anchor that recorded the missing entry)."""

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
    last_id: int | None = None  # the newest entry (by id) of the whole trail
    last_hash: str | None = None
    unkeyed: int = 0  # entries from before the chain had a key (version 1)
    chains: int = 0  # chains with entries, chain 0 included
    anchors: int = 0  # anchors found, each checked

    @property
    def intact(self) -> bool:
        return self.broken is None


@dataclass
class _Chain:
    """Where the walk is in one chain: its latest entry so far, and the newest hashing seen."""

    last_id: int | None = None
    last_hash: str = chains.GENESIS
    version: int = chains.UNKEYED


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


def _downgraded(row: dict, state: _Chain) -> str | None:
    """Why the entry's version cannot be where it is, if it cannot."""
    version, chain = row["version"], row["chain"]
    if chain != chains.FIRST_CHAIN and version != chains.CHAINED:
        return (
            f"it is in chain {chain}, which holds only entries hashed with their chain, but it is "
            f"hashed the older way (version {version}): it was moved there or rewritten"
        )
    if version < state.version:
        older = "without the key" if version == chains.UNKEYED else "without its chain"
        return (
            f"it is hashed {older} after entries hashed with it in chain {chain}: it was rewritten"
        )
    return None


def _check_row(row: dict, state: _Chain) -> Break | None:
    version = row["version"]
    if version not in chains.VERSIONS:
        explanation = f"it names an unknown version {version}"
        return Break(row["id"], row["at"], CONTENT_CHANGED, explanation)
    downgraded = _downgraded(row, state)
    if downgraded:
        return Break(row["id"], row["at"], DOWNGRADED, downgraded)
    if chains.compute_hash(row, row["prev_hash"], version) != row["hash"]:
        return Break(
            row["id"],
            row["at"],
            CONTENT_CHANGED,
            "its content no longer matches the hash written with it (or the key is not the one "
            "it was written with)",
        )
    if row["prev_hash"] != state.last_hash:
        explanation = (
            f"it does not start its chain (chain {row['chain']}): earlier entries are missing"
            if state.last_id is None
            else f"it does not link to the entry before it in its chain (chain {row['chain']}): "
            "an entry was removed, inserted, moved or rewritten"
        )
        return Break(row["id"], row["at"], CHAIN_BROKEN, explanation)
    return None


def _is_anchor(row: dict) -> bool:
    return (
        row["chain"] == chains.FIRST_CHAIN
        and row["action"] == ANCHORED
        and row["version"] == chains.CHAINED
    )


def _check_claims(row: dict, walked: dict[int, _Chain], using: str) -> Break | None:
    """An anchor's recorded entries must all still be there, in their chains, with their hashes.

    Every recorded entry has a lower id than the anchor (it was committed before the anchor was
    written), so the walk has passed it: usually it is its chain's latest so far and is checked
    from memory; otherwise (an entry of the chain committed just after the anchor read it) it is
    read back by id.
    """
    try:
        recorded = anchors.claims(row["detail"])
    except ValueError as exc:
        return Break(row["id"], row["at"], CONTENT_CHANGED, f"the anchor cannot be read: {exc}")
    lookups = {}
    for chain, (entry_id, entry_hash) in recorded.items():
        state = walked.get(chain)
        if state is not None and state.last_id == entry_id:
            if state.last_hash != entry_hash:
                return _anchored_missing(row, chain, entry_id, "has another hash")
        elif state is not None and state.last_id is not None and entry_id < state.last_id:
            lookups[entry_id] = (chain, entry_hash)
        else:
            return _anchored_missing(row, chain, entry_id, "is not there")
    rows = AuditEvent.objects.using(using).filter(id__in=lookups)
    found = {entry_id: (chain, hash_) for entry_id, chain, hash_ in rows.values_list(*_CLAIMED)}
    for entry_id, (chain, entry_hash) in sorted(lookups.items()):
        if entry_id not in found or found[entry_id][0] != chain:
            return _anchored_missing(row, chain, entry_id, "is not there")
        if found[entry_id][1] != entry_hash:
            return _anchored_missing(row, chain, entry_id, "has another hash")
    return None


def _anchored_missing(row: dict, chain: int, entry_id: int, what: str) -> Break:
    return Break(
        row["id"],
        row["at"],
        TRUNCATED,
        f"this anchor recorded entry {entry_id} as the latest of chain {chain}, and that entry "
        f"{what}: entries were removed from the end of chain {chain}, or rewritten",
    )


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
    walked: dict[int, _Chain] = {}
    checked = unkeyed = anchors_checked = 0
    anchored_seen = False
    row = None
    for row in _rows(batch_size, using):
        state = walked.setdefault(row["chain"], _Chain())
        broken = _check_row(row, state)
        if broken is None and _is_anchor(row):
            broken = _check_claims(row, walked, using)
            anchors_checked += 1
        if broken:
            return Result(checked, broken, unkeyed=unkeyed)
        state.last_id, state.last_hash, state.version = row["id"], row["hash"], row["version"]
        unkeyed += row["version"] == chains.UNKEYED
        anchored_seen = anchored_seen or (anchor is not None and row["hash"] == anchor.last_hash)
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
        chains=len(walked),
        anchors=anchors_checked,
    )
