"""The hash chains that make the audit trail tamper-evident.

The trail is a set of chains, each a numbered partition of the entries (`AuditEvent.chain`). Each
entry stores `prev_hash` (the hash of the entry before it in its chain, by id; 64 zeros for a
chain's first entry) and `hash` over a canonical JSON document holding the entry's content and
`prev_hash`. Changing an entry's content breaks its own hash; removing or inserting an entry breaks
the link from the entry after it in its chain. `manage.py verify_audit` walks every chain and
reports the first break.

* Chain 0 is the first chain: every entry written before the trail had partitions (versions 1 and
  2 below), then the anchors. An anchor (action `audit.anchored`) records the latest id and hash of
  every other chain, so entries cut off the end of a chain are caught (see `anchors.py`).
* Chains 1 to CHAINS take new entries, chosen by the entry's organisation (`chain_for`). Each has
  its own lock, so writers for organisations in different chains never wait for each other.

The canonical form below is part of the stored data: changing it would make every existing entry
look tampered with. So each entry stores the `version` it was hashed with, and each version's form
is kept exactly:

* version 1 (entries written before the key, and by the migration that chained them): SHA-256 of
  the document. Anyone who can write to the database can recompute it.
* version 2 (entries written after that, in the one chain there was): HMAC-SHA256, keyed with
  AUDIT_KEY (RESETTLE_AUDIT_KEY), which is kept outside the database, of the document with
  `"version": 2` in it. Someone who rewrites an entry and recomputes every later hash without the
  key is caught.
* version 3 (every entry written since the chains): as version 2, with `"version": 3` and the
  entry's `"chain"` in the document, so an entry cannot be moved from one chain to another.

Chain 0 never goes back to an earlier version after a later one, and chains 1 and up hold only
version 3 (verification refuses anything else), so entries cannot be rewritten as ones that need
no key or say nothing of their chain. Cutting entries off the end of chain 0 itself is caught with
an anchor kept somewhere else (`manage.py audit_anchor`, `verify_audit --expect-...`).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connections

# The `prev_hash` of the very first entry.
GENESIS = "0" * 64

# How entries are hashed: 1, plain SHA-256 (the first entries); 2, HMAC-SHA256 with AUDIT_KEY;
# 3, as 2 with the entry's chain in the document.
UNKEYED, KEYED, CHAINED = 1, 2, 3
CURRENT_VERSION = CHAINED
VERSIONS = (UNKEYED, KEYED, CHAINED)

# Chain 0: the entries from before there were chains, then the anchors. Chains 1 to CHAINS: the
# rest. CHAINS may be raised later (entries keep the chain they were written to), never lowered.
FIRST_CHAIN = 0
CHAINS = 32

# Arbitrary, fixed first key of PostgreSQL's two-key transaction-level advisory lock; the second
# key is the chain, so each chain has a lock of its own. (Fits a signed 32-bit integer.)
ADVISORY_LOCK_KEY = 0x5E77_1EA0  # "resettle audit"

# The content that the hash covers, in this order (the JSON keys are sorted anyway).
HASHED_FIELDS = (
    "at",
    "actor_id",
    "actor_email",
    "organisation_id",
    "role",
    "action",
    "child_id",
    "ip_address",
    "detail",
)


def normalise_detail(detail: Any) -> Any:
    """The detail as the database will give it back: plain JSON types only."""
    return json.loads(json.dumps(detail or {}))


def _utc(value: datetime) -> str:
    if value.tzinfo is None:  # naive datetimes are UTC (USE_TZ stores UTC)
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def _ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(str(value)))
    except ValueError:
        return str(value)


def chain_for(organisation_id: int | None) -> int:
    """The chain a new entry goes to: its organisation's (entries without one share chain 1).

    Every entry an actor writes names the actor's organisation, so one transaction appends to one
    chain and holds one chain's lock: two transactions cannot each wait for the other's.
    """
    return 1 + (organisation_id or 0) % CHAINS


def canonical(content: dict[str, Any], prev_hash: str, version: int = UNKEYED) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8, UTC times to the microsecond.

    Version 1's document is exactly as it always was; later versions name themselves in it, and
    version 3 names the entry's chain too (`content["chain"]`).
    """
    document = {
        "at": _utc(content["at"]),
        "actor_id": content["actor_id"],
        "actor_email": content["actor_email"] or "",
        "organisation_id": content["organisation_id"],
        "role": content["role"] or "",
        "action": content["action"],
        "child_id": content["child_id"],
        "ip_address": _ip(content["ip_address"]),
        "detail": content["detail"] if content["detail"] is not None else {},
        "prev_hash": prev_hash,
    }
    if version != UNKEYED:
        document["version"] = version
    if version >= CHAINED:
        document["chain"] = content["chain"]
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def audit_key() -> bytes:
    key = getattr(settings, "AUDIT_KEY", "")
    if not key:
        raise ValueError("AUDIT_KEY is not set: the audit trail cannot be written or checked")
    return key.encode("utf-8")


def compute_hash(
    content: dict[str, Any], prev_hash: str, version: int = UNKEYED, *, key: bytes | None = None
) -> str:
    """The entry's hash as `version` makes it (version 1 by default, as the first entries were).

    `key` is for tests and tools that must hash with another key; otherwise AUDIT_KEY.
    """
    document = canonical(content, prev_hash, version)
    if version == UNKEYED:
        return hashlib.sha256(document).hexdigest()
    if version in (KEYED, CHAINED):
        return hmac.new(key or audit_key(), document, hashlib.sha256).hexdigest()
    raise ValueError(f"Unknown audit chain version {version!r}")


def content_of(obj: Any) -> dict[str, Any]:
    """The hashed fields of an AuditEvent instance (with its chain, which version 3 hashes; the
    model as migrations before the chains saw it has none: its entries are all chain 0)."""
    return {
        **{name: getattr(obj, name) for name in HASHED_FIELDS},
        "chain": getattr(obj, "chain", FIRST_CHAIN),
    }


def lock(using: str, chain: int) -> None:
    """Serialise appends to `chain` until the current transaction ends; other chains are free.

    PostgreSQL: a transaction-level advisory lock of the two-key form (ADVISORY_LOCK_KEY, chain).
    SQLite: nothing to do, because Resettle opens every SQLite transaction with BEGIN IMMEDIATE,
    which already admits one writer at a time.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_KEY, chain])
