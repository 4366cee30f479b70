"""The hash chain that makes the audit trail tamper-evident.

Each entry stores `prev_hash` (the hash of the entry before it, by id) and `hash` over a canonical
JSON document holding the entry's content and `prev_hash`. Changing an entry's content breaks its
own hash; removing or inserting an entry breaks the link from the entry after it.
`manage.py verify_audit` walks the chain and reports the first break.

The canonical form below is part of the stored data: changing it would make every existing entry
look tampered with. So each entry stores the `version` it was hashed with, and each version's form
is kept exactly:

* version 1 (entries written before the key, and by the migration that chained them): SHA-256 of
  the document. Anyone who can write to the database can recompute it.
* version 2 (every entry written since): HMAC-SHA256, keyed with AUDIT_KEY (RESETTLE_AUDIT_KEY),
  which is kept outside the database, of the document with `"version": 2` in it. Someone who
  rewrites an entry and recomputes every later hash without the key is caught.

A chain never goes back to version 1 after a version 2 entry (verification refuses it), so entries
cannot be rewritten as unkeyed ones. Cutting entries off the end is caught with an anchor: the
latest id and hash, kept somewhere else (`manage.py audit_anchor`, `verify_audit --expect-...`).
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

# How entries are hashed: 1, plain SHA-256 (the first entries); 2, HMAC-SHA256 with AUDIT_KEY.
UNKEYED, KEYED = 1, 2
CURRENT_VERSION = KEYED
VERSIONS = (UNKEYED, KEYED)

# Arbitrary, fixed key for PostgreSQL's transaction-level advisory lock that serialises appends.
ADVISORY_LOCK_KEY = 0x5E77_1E_A0D17  # "resettle audit"

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


def canonical(content: dict[str, Any], prev_hash: str, version: int = UNKEYED) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8, UTC times to the microsecond.

    Version 1's document is exactly as it always was; later versions name themselves in it.
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
    if version == KEYED:
        return hmac.new(key or audit_key(), document, hashlib.sha256).hexdigest()
    raise ValueError(f"Unknown audit chain version {version!r}")


def content_of(obj: Any) -> dict[str, Any]:
    """The hashed fields of an AuditEvent instance."""
    return {name: getattr(obj, name) for name in HASHED_FIELDS}


def lock(using: str) -> None:
    """Serialise appends to the chain until the current transaction ends.

    PostgreSQL: a transaction-level advisory lock. SQLite: nothing to do, because Resettle opens
    every SQLite transaction with BEGIN IMMEDIATE, which already admits one writer at a time.
    """
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
