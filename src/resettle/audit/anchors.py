"""Anchors: entries of chain 0 that record the latest entry of every other chain.

A chain shows that nothing in it was changed, removed or slipped in, but not that entries were cut
off its end. With many chains, an anchor does that inside the trail: an entry (`audit.anchored`)
appended to chain 0 holding each chain's latest id and hash at the time, `{"heads": {"7": [id,
hash], ...}}`. `verify_audit` checks that every anchored entry is still there, in its chain, with
its hash, so entries cut off the end of a chain before the latest anchor are caught. The anchors
are chained in chain 0 like any entry, after the entries written before there were chains; cutting
anchors off the end of chain 0 is caught by an anchor kept outside the database (`manage.py
audit_anchor` prints one: the latest anchor's hash).

Anchors are taken by `manage.py audit_anchor` (on a schedule, every few minutes) and by
`manage.py verify_audit` once it has found the trail intact. An anchor is written only when some
chain has moved on since the last one, so a quiet trail does not grow.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max

from . import chain as chains
from .models import ANCHORED, AuditEvent


def heads(using: str = "default") -> dict[int, tuple[int, str]]:
    """Every chain's latest entry, (id, hash), by chain (chains 1 and up that have entries).

    One indexed read per chain (the index on chain and id), so it costs the same however long the
    trail is.
    """
    events = AuditEvent.objects.using(using)
    highest = events.aggregate(top=Max("chain"))["top"] or 0
    found = {}
    for chain in range(chains.FIRST_CHAIN + 1, max(highest, chains.CHAINS) + 1):
        latest = events.filter(chain=chain).order_by("-id").values_list("id", "hash").first()
        if latest is not None:
            found[chain] = latest
    return found


def claims(detail: object) -> dict[int, tuple[int, str]]:
    """What an anchor's detail says: each chain's latest (id, hash) when it was taken.

    Raises ValueError when the detail is not an anchor's (only someone with the key could write
    one, as its hash covers it).
    """
    if not isinstance(detail, dict) or not isinstance(detail.get("heads"), dict):
        raise ValueError("it has no list of chains")
    found = {}
    for chain, head in detail["heads"].items():
        if not (isinstance(chain, str) and chain.isdigit() and int(chain) > chains.FIRST_CHAIN):
            raise ValueError(f"it names a chain {chain!r} that cannot be anchored")
        if not (
            isinstance(head, list)
            and len(head) == 2
            and isinstance(head[0], int)
            and isinstance(head[1], str)
        ):
            raise ValueError(f"its entry for chain {chain} is not an id and a hash")
        found[int(chain)] = (head[0], head[1])
    return found


def anchor(using: str = "default") -> tuple[AuditEvent | None, bool]:
    """Append an anchor to chain 0 if any chain moved on since the last one.

    Returns the anchor that now holds (None for an empty trail) and whether it was written now.
    Holds chain 0's lock only: appends to the other chains go on meanwhile, and are anchored next
    time.
    """
    with transaction.atomic(using=using):
        chains.lock(using, chains.FIRST_CHAIN)
        latest = (
            AuditEvent.objects.using(using)
            .filter(chain=chains.FIRST_CHAIN)
            .order_by("-id")
            .only("id", "action", "detail", "hash")
            .first()
        )
        now = heads(using)
        if latest is None and not now:
            return None, False
        if latest is not None and latest.action == ANCHORED and _claims_or_none(latest) == now:
            return latest, False
        event = AuditEvent(
            action=ANCHORED,
            role="system",
            detail={"heads": {str(chain): [id_, hash_] for chain, (id_, hash_) in now.items()}},
        )
        event.save(using=using)
        return event, True


def _claims_or_none(event: AuditEvent) -> dict[int, tuple[int, str]] | None:
    try:
        return claims(event.detail)
    except ValueError:
        return None  # verification reports it; a new anchor is written meanwhile
