"""A service as its form sees it: one flat set of values, read from the service and checked.

The same values serve the curators' form, a manager's proposal (stored as JSON) and the diff a
curator reads before accepting one. Where a service has several contacts, phones, addresses or
opening times (from an import), the form changes the first of each and keeps the others.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .boroughs import AREA_NAMES, area_choices
from .models import ServiceStatus
from .taxonomy import PATHWAY_NAMES, SUPPORT_NAMES, term_id

DAYS: list[tuple[str, Any]] = [
    ("MO", gettext_lazy("Monday")),
    ("TU", gettext_lazy("Tuesday")),
    ("WE", gettext_lazy("Wednesday")),
    ("TH", gettext_lazy("Thursday")),
    ("FR", gettext_lazy("Friday")),
    ("SA", gettext_lazy("Saturday")),
    ("SU", gettext_lazy("Sunday")),
]
DAY_CODES = [code for code, _label in DAYS]
OLDEST = 25  # the directory is for children and young adults moving to adult services

# The service's own fields the form changes, and the longest text each may hold.
SERVICE_FIELDS = [
    "name",
    "description",
    "status",
    "alert",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "application_process",
    "wait_time",
    "fees_description",
    "url",
    "email",
]
LIMITS = {
    "name": 200,
    "description": 2000,
    "alert": 500,
    "eligibility_description": 1000,
    "application_process": 1000,
    "wait_time": 200,
    "fees_description": 500,
    "url": 500,
    "email": 254,
    "contact_name": 200,
    "phone": 30,
    "address_1": 200,
    "city": 100,
    "postal_code": 10,
    "opens_at": 5,
    "closes_at": 5,
}
LISTS = ("pathways", "support", "areas", "days")
NUMBERS = ("minimum_age", "maximum_age")

# Every value, in the order a diff lists them, with how a person reads its name.
LABELS: dict[str, Any] = {
    "organization": gettext_lazy("Organisation"),
    "name": gettext_lazy("Name"),
    "description": gettext_lazy("What it offers"),
    "status": gettext_lazy("Status"),
    "alert": gettext_lazy("Alert"),
    "pathways": gettext_lazy("Pathways"),
    "support": gettext_lazy("Kind of support"),
    "areas": gettext_lazy("Boroughs"),
    "eligibility_description": gettext_lazy("Who it is for"),
    "minimum_age": gettext_lazy("Youngest age"),
    "maximum_age": gettext_lazy("Oldest age"),
    "application_process": gettext_lazy("How to refer"),
    "wait_time": gettext_lazy("Waiting time"),
    "fees_description": gettext_lazy("Cost"),
    "url": gettext_lazy("Website"),
    "email": gettext_lazy("Email address"),
    "contact_name": gettext_lazy("Contact"),
    "phone": gettext_lazy("Telephone"),
    "address_1": gettext_lazy("Address"),
    "city": gettext_lazy("Town or city"),
    "postal_code": gettext_lazy("Postcode"),
    "days": gettext_lazy("Days open"),
    "opens_at": gettext_lazy("Opens at"),
    "closes_at": gettext_lazy("Closes at"),
}
KEYS = list(LABELS)
# Values that are one line: spaces inside them are tidied too.
ONE_LINE = {
    "name",
    "wait_time",
    "url",
    "email",
    "contact_name",
    "phone",
    "address_1",
    "city",
    "postal_code",
}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
_PATHWAY_IDS = {term_id("pathway", code): code for code in PATHWAY_NAMES}
_SUPPORT_IDS = {term_id("support", code): code for code in SUPPORT_NAMES}
_AREA_ORDER = [slug for slug, _name in area_choices()]


@dataclass(frozen=True)
class Parts:
    """The first contact, phone, address and opening time of a service: what the form changes."""

    contact: Any
    phone: Any
    address: Any
    location: Any
    schedule: Any


def parts_of(service) -> Parts:
    """Read from prefetched relations (queries.service_detail), so no query is made per part."""
    contacts = [c for c in service.contacts.all() if c.service_at_location_id is None]
    phones = [
        p for p in service.phones.all() if p.contact_id is None and p.service_at_location_id is None
    ]
    locations = [sal.location for sal in service.service_at_locations.all()]
    addresses = [a for location in locations for a in location.addresses.all()]
    schedules = [s for s in service.schedules.all() if s.service_at_location_id is None]
    return Parts(
        contact=contacts[0] if contacts else None,
        phone=phones[0] if phones else None,
        address=addresses[0] if addresses else None,
        location=(addresses[0].location if addresses else locations[0] if locations else None),
        schedule=schedules[0] if schedules else None,
    )


def _hhmm(value: time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def values_of(service) -> dict[str, Any]:
    """The service's current values, as JSON-able as a proposal stores them."""
    parts = parts_of(service)
    terms = [a.taxonomy_term_id for a in service.attributes.all()]
    schedule = parts.schedule
    days = set((schedule.byday or "").split(",")) if schedule else set()
    values = {key: getattr(service, key) for key in SERVICE_FIELDS}
    values.update(
        organization=str(service.organization_id) if service.organization_id else "",
        pathways=sorted(_PATHWAY_IDS[t] for t in terms if t in _PATHWAY_IDS),
        support=sorted(_SUPPORT_IDS[t] for t in terms if t in _SUPPORT_IDS),
        areas=[slug for slug in _AREA_ORDER if slug in service.area_slugs],
        contact_name=parts.contact.name if parts.contact else "",
        phone=parts.phone.number if parts.phone else "",
        address_1=parts.address.address_1 if parts.address else "",
        city=parts.address.city if parts.address else "",
        postal_code=parts.address.postal_code if parts.address else "",
        days=[code for code in DAY_CODES if code in days],
        opens_at=_hhmm(schedule.opens_at) if schedule else "",
        closes_at=_hhmm(schedule.closes_at) if schedule else "",
    )
    return normalise(values)


def parse_time(value: str) -> time | None:
    """ "9:30", "09:30" or "17.00" as a time; None for anything else."""
    match = _TIME.match((value or "").strip())
    return time(int(match[1]), int(match[2])) if match else None


def normalise(values: dict[str, Any]) -> dict[str, Any]:
    """The values with text trimmed, lists sorted as shown, and nothing missing."""
    clean: dict[str, Any] = {}
    for key in KEYS:
        value = values.get(key)
        if key in LISTS:
            order = {"areas": _AREA_ORDER, "days": DAY_CODES}.get(key)
            items = {str(v) for v in (value or [])}
            clean[key] = [v for v in order if v in items] if order else sorted(items)
            if order:
                clean[key] += sorted(items - set(order))  # unknown: kept, so check() reports it
        elif key in NUMBERS:
            clean[key] = value if value not in ("", None) else None
        else:
            text = str(value or "")
            clean[key] = " ".join(text.split()) if key in ONE_LINE else text.strip()
    for key in ("opens_at", "closes_at"):
        parsed = parse_time(clean[key])
        clean[key] = _hhmm(parsed) if parsed else clean[key]
    return clean


def check(values: dict[str, Any], organizations: set[str]) -> dict[str, str]:
    """What is wrong with (normalised) values, by field. `organizations`: the ids that exist."""
    errors: dict[str, str] = {}
    if not values["organization"]:
        errors["organization"] = _("Choose the organisation that provides the service")
    elif values["organization"] not in organizations:
        errors["organization"] = _("Choose an organisation from the list")
    if not values["name"]:
        errors["name"] = _("Enter the name of the service")
    if not values["description"]:
        errors["description"] = _("Say what the service offers")
    if values["status"] not in ServiceStatus.values:
        errors["status"] = _("Choose the service's status")
    for key, limit in LIMITS.items():
        if key not in errors and len(values[key]) > limit:
            errors[key] = _("%(label)s must be %(limit)s characters or fewer") % {
                "label": LABELS[key],
                "limit": limit,
            }
    if not values["support"] or set(values["support"]) - set(SUPPORT_NAMES):
        errors["support"] = _("Choose structural support, personal support or both")
    if set(values["pathways"]) - set(PATHWAY_NAMES):
        errors["pathways"] = _("Choose pathways from the list")
    if not values["areas"]:
        errors["areas"] = _("Choose the boroughs the service covers, or all of London")
    elif set(values["areas"]) - set(AREA_NAMES):
        errors["areas"] = _("Choose boroughs from the list")
    errors.update(_age_problems(values))
    errors.update(_contact_problems(values, errors))
    errors.update(_address_problems(values))
    errors.update(_hours_problems(values))
    return errors


def _age_problems(values) -> dict[str, str]:
    errors = {}
    for key in NUMBERS:
        value = values[key]
        if value is None:
            continue
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= OLDEST:
            errors[key] = _("%(label)s must be a whole number from 0 to %(oldest)s") % {
                "label": LABELS[key],
                "oldest": OLDEST,
            }
    youngest, oldest = values["minimum_age"], values["maximum_age"]
    if not errors and youngest is not None and oldest is not None and youngest > oldest:
        errors["maximum_age"] = _("The oldest age must be the same as or more than the youngest")
    return errors


def _contact_problems(values, errors) -> dict[str, str]:
    problems = {}
    if values["email"] and "email" not in errors:
        try:
            EmailValidator()(values["email"])
        except ValidationError:
            problems["email"] = _(
                "Enter an email address in the correct format, like referrals@example.org"
            )
    if values["url"] and "url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(values["url"])
        except ValidationError:
            problems["url"] = _("Enter a website address starting https://")
    if values["phone"] and not re.fullmatch(r"[0-9+() -]{6,30}", values["phone"]):
        problems["phone"] = _("Enter a telephone number, like 020 7946 0001")
    return problems


def _address_problems(values) -> dict[str, str]:
    given = [values[k] for k in ("address_1", "city", "postal_code")]
    if not any(given) or all(given):
        return {}
    missing = next(k for k in ("address_1", "city", "postal_code") if not values[k])
    message = {
        "address_1": _("Enter the first line of the address"),
        "city": _("Enter the town or city"),
        "postal_code": _("Enter the postcode"),
    }
    return {missing: message[missing]}


def _hours_problems(values) -> dict[str, str]:
    errors = {}
    for key in ("opens_at", "closes_at"):
        if values[key] and parse_time(values[key]) is None:
            errors[key] = _("Enter a time like 09:30 or 17:00")
    if set(values["days"]) - set(DAY_CODES):
        errors["days"] = _("Choose days from the list")
    if errors:
        return errors
    times = values["opens_at"], values["closes_at"]
    if values["days"] and not all(times):
        key = "opens_at" if not values["opens_at"] else "closes_at"
        errors[key] = _("Enter the time the service opens and the time it closes")
    elif any(times) and not values["days"]:
        errors["days"] = _("Choose the days the service is open")
    elif all(times) and parse_time(times[1]) <= parse_time(times[0]):
        errors["closes_at"] = _("The closing time must be after the opening time")
    return errors


# ---- How a person reads a value (a diff, a proposal) --------------------------------------------


def display(key: str, value: Any, organizations: dict[str, str] | None = None) -> str:
    if value in (None, "", []):
        return _("Not given")
    if key == "organization":
        return (organizations or {}).get(value, str(value))
    if key == "status":
        return str(dict(ServiceStatus.choices).get(value, value))
    names = {
        "pathways": PATHWAY_NAMES,
        "support": SUPPORT_NAMES,
        "areas": AREA_NAMES,
        "days": dict(DAYS),
    }
    if key in names:
        return ", ".join(str(names[key].get(v, v)) for v in value)
    return str(value)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: str
    after: str


def differences(
    before: dict[str, Any], after: dict[str, Any], organizations: dict[str, str] | None = None
) -> list[Change]:
    """The values that differ, in form order, as a person reads them."""
    return [
        Change(
            key,
            str(LABELS[key]),
            display(key, before.get(key), organizations),
            display(key, after.get(key), organizations),
        )
        for key in KEYS
        if key in after and before.get(key) != after.get(key)
    ]
