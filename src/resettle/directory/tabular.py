"""The directory as an HSDS tabular data package: one CSV file per object and `datapackage.json`
(a Frictionless Data Package) describing their columns, types, keys and links.

The descriptor is written from Resettle's own column lists (hsds.COLUMNS) with the types and
rules of HSDS's tabular schema; a test checks it against the official `tabular.json`.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from .hsds import COLUMNS, HSDS_VERSION, PATHS, row
from .models import (
    Address,
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

MODELS = {
    "organization": Organization,
    "service": Service,
    "location": Location,
    "address": Address,
    "service_at_location": ServiceAtLocation,
    "service_area": ServiceArea,
    "schedule": Schedule,
    "contact": Contact,
    "phone": Phone,
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "attribute": Attribute,
}
# The order a package is read in: every object after the ones it points at.
ORDER = [
    "taxonomy",
    "taxonomy_term",
    "organization",
    "service",
    "location",
    "address",
    "service_at_location",
    "service_area",
    "schedule",
    "contact",
    "phone",
    "attribute",
]

NUMBERS = {"minimum_age", "maximum_age", "latitude", "longitude", "extension", "interval"}
DATES = {"assured_date", "valid_from", "valid_to", "dtstart", "until"}
DATETIMES = {"last_modified"}
TIMES = {"opens_at", "closes_at"}
EMAILS = {"email", "assurer_email"}
URIS = {
    ("service", "url"),
    ("organization", "website"),
    ("location", "url"),
    ("taxonomy", "uri"),
    ("taxonomy_term", "term_uri"),
}
ENUMS = {
    ("service", "status"): ["active", "inactive", "defunct", "temporarily closed"],
    ("location", "location_type"): ["physical", "postal", "virtual"],
    ("address", "address_type"): ["physical", "postal", "virtual"],
    ("schedule", "freq"): ["WEEKLY", "MONTHLY"],
    ("schedule", "wkst"): ["MO", "TU", "WE", "TH", "FR", "SA", "SU"],
}
# HSDS's required columns (its `required` and `tabular_required`), of the ones Resettle writes.
REQUIRED = {
    "organization": ["name", "description"],
    "service": ["organization_id", "name", "status"],
    "location": ["location_type"],
    "address": ["address_1", "city", "state_province", "postal_code", "country", "address_type"],
    "service_at_location": ["service_id", "location_id"],
    "phone": ["number"],
    "taxonomy": ["name", "description"],
    "taxonomy_term": ["name", "description"],
    "attribute": ["link_id", "taxonomy_term_id", "link_entity"],
}
LINKS = {
    ("service", "organization_id"): "organization",
    ("location", "organization_id"): "organization",
    ("address", "location_id"): "location",
    ("service_at_location", "service_id"): "service",
    ("service_at_location", "location_id"): "location",
    ("service_area", "service_id"): "service",
    ("schedule", "service_id"): "service",
    ("schedule", "location_id"): "location",
    ("schedule", "service_at_location_id"): "service_at_location",
    ("contact", "service_id"): "service",
    ("contact", "location_id"): "location",
    ("contact", "service_at_location_id"): "service_at_location",
    ("phone", "service_id"): "service",
    ("phone", "location_id"): "location",
    ("phone", "contact_id"): "contact",
    ("phone", "service_at_location_id"): "service_at_location",
    ("taxonomy_term", "taxonomy_id"): "taxonomy",
    ("taxonomy_term", "parent_id"): "taxonomy_term",
    ("attribute", "link_id"): "service",
    ("attribute", "taxonomy_term_id"): "taxonomy_term",
}


def _field(table: str, column: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": column, "type": "string"}
    if column in NUMBERS:
        spec["type"] = "number"
    elif column in DATES:
        spec["type"] = "date"
    elif column in DATETIMES:
        spec["type"] = "datetime"
    elif column in TIMES:
        spec.update(type="time", format="%H:%M")
    elif column == "id" or column.endswith("_id"):
        spec["format"] = "uuid"
    elif column in EMAILS:
        spec["format"] = "email"
    elif (table, column) in URIS:
        spec["format"] = "uri"
    constraints: dict[str, Any] = {}
    if column == "id":
        constraints.update(required=True, unique=True)
    elif column in REQUIRED.get(table, []):
        constraints["required"] = True
    if (table, column) in ENUMS:
        constraints["enum"] = ENUMS[table, column]
    if constraints:
        spec["constraints"] = constraints
    return spec


def descriptor() -> dict[str, Any]:
    """`datapackage.json` for the package."""
    resources = []
    for table in ORDER:
        links = [
            # A link to the same table names no resource (Frictionless's rule).
            {
                "fields": column,
                "reference": {"resource": "" if target == table else target, "fields": "id"},
            }
            for (source, column), target in LINKS.items()
            if source == table
        ]
        resources.append(
            {
                "name": table,
                "path": PATHS[table],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [_field(table, column) for column in COLUMNS[table]],
                    "primaryKey": ["id"],
                    "foreignKeys": links,
                },
            }
        )
    return {
        "name": "resettle-menu-of-support",
        "title": "Resettle: the menu of support",
        "description": f"Services for children leaving custody, in HSDS {HSDS_VERSION}.",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def tables() -> dict[str, list[dict[str, Any]]]:
    """Every object of the directory, as rows, table by table."""
    return {
        table: [row(table, item) for item in MODELS[table].objects.order_by("id")]
        for table in ORDER
    }


def csv_text(table: str, rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS[table], lineterminator="\n", restval="")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def files() -> dict[str, str]:
    """The package's files by name: the CSV files and datapackage.json."""
    contents = {PATHS[table]: csv_text(table, rows) for table, rows in tables().items()}
    contents["datapackage.json"] = json.dumps(descriptor(), indent=2) + "\n"
    return contents


def write_folder(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files().items():
            archive.writestr(name, text)
    return buffer.getvalue()
