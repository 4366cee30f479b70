"""Logs an operator can use: one JSON object a line, each carrying the id of its request.

`RequestIdMiddleware` (core/middleware.py) gives every request an id (the X-Request-ID header a
proxy sent, if it is a sensible one, or a new one), keeps it in a context variable for the length of
the request and sends it back in X-Request-ID. `RequestIdFilter` puts it on every log record, from
whichever logger, and `JsonFormatter` writes the record as JSON.

What a line holds: the time (UTC), level, logger, message, request id, and the named fields in
`FIELDS` when a record has them (`logger.info("...", extra={"event": "sign_in.failed"})`). Nothing
else from a record's `extra` is written, so an accidental `extra={"child": child}` cannot put a
child's name in the logs. Logs carry ids, action codes and event names, never names.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

NO_REQUEST = "-"
_request_id: ContextVar[str] = ContextVar("resettle_request_id", default=NO_REQUEST)

# An id a proxy or load balancer sent: kept if it looks like one, replaced otherwise.
INCOMING_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

# Fields a record may carry into the JSON line (through `extra=`), besides the standard ones.
FIELDS = (
    "event",
    "method",
    "path",
    "status",
    "duration_ms",
    "cpu_ms",
    "user_id",
    "audit_id",
    "action",
    "via",
    "error",
    "outcome",
)


def current_request_id() -> str:
    return _request_id.get()


def start_request(incoming: str | None) -> tuple[str, object]:
    """Take the request's id (the one sent, if sensible, else a new one); returns it and a token
    for `end_request`."""
    request_id = incoming if incoming and INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex
    return request_id, _request_id.set(request_id)


def end_request(token) -> None:
    _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Put the current request's id on every record (NO_REQUEST outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", current_request_id()),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                line[name] = value if isinstance(value, int | float | bool) else str(value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)
