"""The hash chain that makes the audit trail tamper-evident.

Each entry stores `prev_hash` (the hash of the entry before it, by id) and `hash`: the SHA-256 of a
canonical JSON document holding the entry's content and `prev_hash`. Changing an entry's content
breaks its own hash; removing or inserting an entry breaks the link from the entry after it.
`manage.py verify_audit` walks the chain and reports the first break.

The canonical form below is part of the stored data: changing it would make every existing entry
look tampered with. If it must ever change, add a version to the document instead.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from datetime import UTC, datetime
from typing import Any

from django.db import connections

# The `prev_hash` of the very first entry.
GENESIS = "0" * 64

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


def canonical(content: dict[str, Any], prev_hash: str) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8, UTC times to the microsecond."""
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
    return json.dumps(
        document, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def compute_hash(content: dict[str, Any], prev_hash: str) -> str:
    return hashlib.sha256(canonical(content, prev_hash)).hexdigest()


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
