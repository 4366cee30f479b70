"""The official HSDS 3.0 schemas, and checking records against them.

Open Referral publishes the compiled JSON schemas (CC BY-SA 4.0). Resettle does not copy them
into its repository: the import command reads them from a folder (`--schemas`, or the setting
`RESETTLE_HSDS_SCHEMAS`), and refuses to import without one.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker

FILES = ("service.json", "tabular.json")


class SchemasMissing(Exception):
    """The folder does not hold the official compiled schemas."""


def folder(given: str | Path | None = None) -> Path:
    """The schemas' folder: `given`, else the setting RESETTLE_HSDS_SCHEMAS; none is a refusal."""
    given = given or settings.HSDS_SCHEMAS
    if not given:
        raise SchemasMissing(
            "No folder of HSDS 3.0 schemas was given. Pass --schemas, or set "
            "RESETTLE_HSDS_SCHEMAS, to the folder of Open Referral's compiled schemas "
            "(schema/compiled in the specification, version 3.0)."
        )
    path = Path(given)
    missing = [name for name in FILES if not (path / name).is_file()]
    if missing:
        raise SchemasMissing(
            f"The HSDS 3.0 schemas were not found in {path} (missing {', '.join(missing)}). "
            "Pass --schemas (or set RESETTLE_HSDS_SCHEMAS) to the folder of Open Referral's "
            "compiled schemas (schema/compiled in the specification, version 3.0)."
        )
    return path


@cache
def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def service_schema(where: Path) -> dict[str, Any]:
    return _load(where / "service.json")


def table_schema(where: Path, table: str) -> dict[str, Any]:
    """One object's schema in the tabular form, with its tabular-only required columns."""
    item = dict(_load(where / "tabular.json")["properties"][table]["items"])
    item["required"] = [*item.get("required", []), *item.get("tabular_required", [])]
    return item


def table_types(where: Path, table: str) -> dict[str, str]:
    """Each column's JSON type in the official tabular schema (to read a CSV cell)."""
    properties = _load(where / "tabular.json")["properties"][table]["items"]["properties"]
    return {name: spec.get("type", "string") for name, spec in properties.items()}


# ---- Formats: HSDS uses uuid, email, uri, date and date-time -------------------------------------

FORMATS = FormatChecker(formats=())


@FORMATS.checks("uuid", raises=ValueError)
def _is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    uuid.UUID(value)
    return len(value) == 36 and all(value[i] == "-" for i in (8, 13, 18, 23))


@FORMATS.checks("email")
def _is_email(value: object) -> bool:
    if not isinstance(value, str):
        return True
    local, at, domain = value.rpartition("@")
    return bool(at and local and "." in domain and " " not in value)


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value


@FORMATS.checks("date", raises=ValueError)
def _is_date(value: object) -> bool:
    return not isinstance(value, str) or bool(date.fromisoformat(value))


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return "T" in value.upper() and datetime.fromisoformat(value) is not None


def problems(schema: dict[str, Any], record: Any) -> list[str]:
    """What is wrong with the record, one line each, naming where in the record."""
    validator = Draft202012Validator(schema, format_checker=FORMATS)
    found = []
    for error in sorted(
        validator.iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path]
    ):
        where = ".".join(str(p) for p in error.absolute_path)
        found.append(f"{where}: {error.message}" if where else error.message)
    return found
