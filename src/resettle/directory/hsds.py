"""The directory in Open Referral HSDS 3.0: one flat row per object (the tabular form's columns)
and the fully nested service the API returns (`/services/{id}`).

Only the fields Resettle keeps are written, with HSDS's names, and a value that is empty is left
out (HSDS types are strict: `null` is not a string). docs/directory.md lists what is kept.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, time
from typing import Any

HSDS_VERSION = "3.0"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"

# For each HSDS object Resettle keeps: its file in the tabular package and its columns.
PATHS: dict[str, str] = {
    "organization": "organizations.csv",
    "service": "services.csv",
    "location": "locations.csv",
    "address": "addresses.csv",
    "service_at_location": "service_at_location.csv",
    "service_area": "service_areas.csv",
    "schedule": "schedules.csv",
    "contact": "contacts.csv",
    "phone": "phones.csv",
    "taxonomy": "taxonomies.csv",
    "taxonomy_term": "taxonomy_terms.csv",
    "attribute": "attributes.csv",
}
COLUMNS: dict[str, list[str]] = {
    "organization": ["id", "name", "alternate_name", "description", "email", "website"],
    "service": [
        "id",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "url",
        "email",
        "status",
        "interpretation_services",
        "application_process",
        "fees_description",
        "wait_time",
        "accreditations",
        "eligibility_description",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "assurer_email",
        "alert",
        "last_modified",
    ],
    "location": [
        "id",
        "location_type",
        "url",
        "organization_id",
        "name",
        "alternate_name",
        "description",
        "transportation",
        "latitude",
        "longitude",
    ],
    "address": [
        "id",
        "location_id",
        "attention",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    ],
    "service_at_location": ["id", "service_id", "location_id", "description"],
    "service_area": ["id", "service_id", "name", "description", "extent", "extent_type", "uri"],
    "schedule": [
        "id",
        "service_id",
        "location_id",
        "service_at_location_id",
        "valid_from",
        "valid_to",
        "dtstart",
        "until",
        "wkst",
        "freq",
        "interval",
        "byday",
        "bymonthday",
        "opens_at",
        "closes_at",
        "description",
        "attending_type",
        "notes",
    ],
    "contact": [
        "id",
        "service_id",
        "service_at_location_id",
        "location_id",
        "name",
        "title",
        "department",
        "email",
    ],
    "phone": [
        "id",
        "location_id",
        "service_id",
        "contact_id",
        "service_at_location_id",
        "number",
        "extension",
        "type",
        "description",
    ],
    "taxonomy": ["id", "name", "description", "uri", "version"],
    "taxonomy_term": [
        "id",
        "code",
        "name",
        "description",
        "parent_id",
        "taxonomy",
        "language",
        "taxonomy_id",
        "term_uri",
    ],
    "attribute": ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value"],
}
# Columns whose model attribute has another name.
ATTRIBUTES: dict[tuple[str, str], str] = {
    ("taxonomy_term", "taxonomy"): "taxonomy_name",
    ("attribute", "link_id"): "service_id",
}
LINK_ENTITY = "service"  # the only attributes Resettle keeps are a service's


def as_hsds(value: Any) -> Any:
    """A model value as HSDS writes it; None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    return value


def row(table: str, instance: Any) -> dict[str, Any]:
    """The object's columns, empty ones left out."""
    values = {}
    for column in COLUMNS[table]:
        if (table, column) == ("attribute", "link_entity"):
            value = LINK_ENTITY
        else:
            value = as_hsds(getattr(instance, ATTRIBUTES.get((table, column), column)))
        if value is not None:
            values[column] = value
    return values


# ---- Nested, as the API returns a service ------------------------------------------------------


def term_document(term) -> dict[str, Any]:
    data = row("taxonomy_term", term)
    if term.taxonomy_id:
        data["taxonomy_detail"] = row("taxonomy", term.taxonomy)
    return data


def _with(data: dict[str, Any], **lists: list) -> dict[str, Any]:
    """The object with the lists of what it holds, leaving out the empty ones."""
    return {**data, **{name: items for name, items in lists.items() if items}}


def _contact(contact) -> dict[str, Any]:
    return _with(row("contact", contact), phones=[row("phone", p) for p in contact.phones.all()])


def _location(location) -> dict[str, Any]:
    own = [p for p in location.phones.all() if p.contact_id is None]
    return _with(
        row("location", location),
        addresses=[row("address", a) for a in location.addresses.all()],
        phones=[row("phone", p) for p in own],
        schedules=[row("schedule", s) for s in location.schedules.all()],
    )


def _service_at_location(sal) -> dict[str, Any]:
    return _with(
        {**row("service_at_location", sal), "location": _location(sal.location)},
        contacts=[_contact(c) for c in sal.contacts.all()],
        phones=[row("phone", p) for p in sal.phones.all() if p.contact_id is None],
        schedules=[row("schedule", s) for s in sal.schedules.all()],
    )


def service_summary(service) -> dict[str, Any]:
    """A service's own fields and its organisation: one item of `GET /services`."""
    return {**row("service", service), "organization": row("organization", service.organization)}


def service_document(service) -> dict[str, Any]:
    """The fully nested service (load it with `queries.with_everything`)."""
    own = [p for p in service.phones.all() if p.contact_id is None and not p.service_at_location_id]
    nested = {
        "phones": [row("phone", p) for p in own],
        "schedules": [
            row("schedule", s) for s in service.schedules.all() if not s.service_at_location_id
        ],
        "service_areas": [row("service_area", a) for a in service.service_areas.all()],
        "service_at_locations": [
            _service_at_location(sal) for sal in service.service_at_locations.all()
        ],
        "contacts": [_contact(c) for c in service.contacts.all() if not c.service_at_location_id],
        "attributes": [
            {**row("attribute", a), "taxonomy_term": term_document(a.taxonomy_term)}
            for a in service.attributes.all()
        ],
    }
    return {**service_summary(service), **{k: v for k, v in nested.items() if v}}


def page_of(items: list, *, total: int, number: int, pages: int) -> dict[str, Any]:
    """HSDS's `Page`: the counts, then the contents."""
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= pages,
        "empty": total == 0,
        "contents": items,
    }
