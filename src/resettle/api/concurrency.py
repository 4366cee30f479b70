"""Optimistic concurrency: an ETag on every record that can be changed, If-Match on every change.

The ETag is a hash of the record as the API shows it, so anything that changes what a reader saw
changes it. A change without If-Match is refused (428); a change whose If-Match is not the current
ETag is refused (412): the caller read the record before someone else changed it, and must read it
again rather than overwrite the other change.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .problems import PreconditionFailed, PreconditionRequired


def etag_of(representation: Any) -> str:
    text = json.dumps(representation, sort_keys=True, default=str, separators=(",", ":"))
    return '"' + hashlib.sha256(text.encode("utf-8")).hexdigest()[:40] + '"'


def require_match(request, current: str) -> None:
    """Refuse the change unless If-Match names the current ETag (strong comparison)."""
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise PreconditionRequired()
    offered = {tag.strip() for tag in header.split(",")}
    if current not in offered:
        raise PreconditionFailed()
