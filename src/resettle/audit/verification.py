"""Walking the audit chain to prove that no entry was changed, removed or slipped in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from . import chain
from .models import AuditEvent

CONTENT_CHANGED = "content changed"
CHAIN_BROKEN = "chain broken"

_FIELDS = ("id", *chain.HASHED_FIELDS, "prev_hash", "hash")


@dataclass(frozen=True)
class Break:
    """The first entry at which the chain does not hold."""

    entry_id: int
    at: datetime
    kind: str  # CONTENT_CHANGED or CHAIN_BROKEN
    explanation: str


@dataclass(frozen=True)
class Result:
    checked: int
    broken: Break | None
    last_id: int | None = None
    last_hash: str | None = None

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


def verify_chain(*, batch_size: int = 2000, using: str = "default") -> Result:
    expected_prev = chain.GENESIS
    checked = 0
    row = None
    for row in _rows(batch_size, using):
        if chain.compute_hash(row, row["prev_hash"]) != row["hash"]:
            return Result(
                checked,
                Break(
                    row["id"],
                    row["at"],
                    CONTENT_CHANGED,
                    "its content no longer matches the hash written with it",
                ),
            )
        if row["prev_hash"] != expected_prev:
            explanation = (
                "it does not start the chain: earlier entries are missing"
                if expected_prev == chain.GENESIS
                else "it does not link to the entry before it: an entry was removed, "
                "inserted or rewritten"
            )
            return Result(checked, Break(row["id"], row["at"], CHAIN_BROKEN, explanation))
        expected_prev = row["hash"]
        checked += 1
    return Result(
        checked,
        None,
        last_id=row["id"] if row else None,
        last_hash=row["hash"] if row else None,
    )
