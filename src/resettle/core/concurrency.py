"""Never a silent overwrite: an edit form carries the values it started from.

A form that changes an existing record (`core.forms.StaleCheck`) signs the record's values as it
was shown into a hidden field (`based_on`). When the form comes back, the view builds it with the
record's values as they are now (as every edit view does: `initial=` from the record). If a value
changed meanwhile (someone else saved) and what was sent would overwrite that change, the form is
refused: the error summary says so and shows, field by field, what the person started from, what
it is now and what they typed; their typed values stay in the form, and the form now carries the
new values, so saving again (after merging by hand) is accepted.

The signature (Django's signing, with the secret key) means the values cannot be forged; a form
sent without the field (not one of ours: a script) is not checked.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core import signing
from django.db.models import Model, QuerySet

FIELD = "based_on"
SALT = "resettle.core.concurrency"


def plain(value: Any) -> Any:
    """A value as it can be compared and signed: records by key, dates as text, lists sorted."""
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, QuerySet):
        return sorted(str(pk) for pk in value.values_list("pk", flat=True))
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(str(plain(v)) for v in value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, str):
        return value.strip().replace("\r\n", "\n")
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def stamp(values: dict[str, Any]) -> str:
    return signing.dumps({k: plain(v) for k, v in values.items()}, salt=SALT, compress=True)


def read(token: str) -> dict[str, Any] | None:
    try:
        values = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return values if isinstance(values, dict) else None


def same(a: Any, b: Any) -> bool:
    """Equal once plain, with empty text, None and an empty list counted as one "nothing"."""
    a, b = plain(a), plain(b)
    nothing = (None, "", [])
    return (a in nothing and b in nothing) or a == b
