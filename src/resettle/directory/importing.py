"""Reading a directory in HSDS 3.0: services as JSON (as the API returns them) or a tabular data
package (a folder or a zip of CSV files), checked against the official schemas, then saved.

Nothing is saved from a file with any problem: every record is checked against the official
schema (each service against `service.json`, each CSV row against its object in `tabular.json`),
then against what Resettle keeps (lengths, links between records), and each problem is reported
with the record or row it is in. A record is found by its id: importing the same file again
changes nothing. For each service in the file, its classifications, areas, opening times,
locations, contacts and phones are the file's: ones the file no longer has are removed.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction
from django.utils import timezone

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record

from . import schemas
from .boroughs import area_from
from .hsds import ATTRIBUTES, COLUMNS, LINK_ENTITY, PATHS
from .models import MAX_TEXT, Attribute, to_the_millisecond
from .services import CURATORS_ONLY, IMPORTED, Stamp, history_reason
from .tabular import LINKS, MODELS, ORDER
from .taxonomy import ensure_taxonomy

# A service's own records: for each service in a file, these are replaced by the file's.
OWNED_BY_SERVICE = [
    "attribute",
    "service_area",
    "schedule",
    "contact",
    "phone",
    "service_at_location",
]
MAX_PROBLEMS = 500
# What Resettle cannot keep a record without, beyond what the schemas require of it.
NEEDED = {
    "service": ["organization_id"],
    "service_at_location": ["service_id", "location_id"],
    "address": ["location_id"],
    "attribute": ["link_id", "taxonomy_term_id"],
}


@dataclass
class Source:
    """What a file holds, table by table: {id: (columns, where in the file)}."""

    tables: dict[str, dict[str, tuple[dict[str, Any], str]]] = field(
        default_factory=lambda: defaultdict(dict)
    )
    present: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def add(self, table: str, columns: dict[str, Any], where: str) -> None:
        key = str(columns.get("id", ""))
        try:
            key = str(uuid.UUID(key))  # one spelling of an id, whatever the file's
        except ValueError:
            self.problems.append(f"{where}: a {table} has no valid id")
            return
        self.tables[table][key] = ({**columns, "id": key}, where)


@dataclass
class Report:
    problems: list[str]
    ignored: list[str]
    counts: dict[str, dict[str, int]]
    dry_run: bool

    @property
    def ok(self) -> bool:
        return not self.problems


# ---- Reading a file -----------------------------------------------------------------------------


def read(path: Path, folder: Path) -> Source:
    """A JSON file, a folder of CSV files or a zip of them, checked against the schemas."""
    if path.is_dir():
        return from_tabular({p.name: p.read_text(encoding="utf-8") for p in path.iterdir()}, folder)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            files = {
                Path(name).name: archive.read(name).decode("utf-8")
                for name in archive.namelist()
                if not name.endswith("/")
            }
        return from_tabular(files, folder)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        source = Source()
        source.problems.append(f"{path.name}: not JSON, nor a tabular data package ({exc})")
        return source
    return from_json(data, folder)


def _pick(table: str, data: dict[str, Any], **links: Any) -> dict[str, Any]:
    columns = {k: data[k] for k in COLUMNS[table] if data.get(k) not in (None, "")}
    columns.update({k: v for k, v in links.items() if v})
    return columns


def from_json(data: Any, folder: Path) -> Source:
    """Services as the API gives them: a list, a `Page` (its `contents`) or one service."""
    source = Source(present=set(ORDER))
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        data = data["contents"]
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        source.problems.append("The file must hold a service, a list of services or a Page")
        return source
    schema = schemas.service_schema(folder)
    for number, service in enumerate(data, start=1):
        ident = service.get("id") if isinstance(service, dict) else None
        where = f"service {number}" + (f" ({ident})" if ident else "")
        found = schemas.problems(schema, service)
        if found:
            source.problems += [f"{where}: {problem}" for problem in found]
            continue
        _flatten(source, service, where)
    return source


def _flatten(source: Source, service: dict[str, Any], where: str) -> None:
    sid = service["id"]
    add = source.add
    organization = service.get("organization")
    columns = _pick("service", service)
    if isinstance(organization, dict):
        add("organization", _pick("organization", organization), where)
        columns.setdefault("organization_id", organization.get("id"))
    add("service", columns, where)
    for phone in service.get("phones", []):
        add("phone", _pick("phone", phone, service_id=sid), where)
    for schedule in service.get("schedules", []):
        add("schedule", _pick("schedule", schedule, service_id=sid), where)
    for area in service.get("service_areas", []):
        add("service_area", _pick("service_area", area, service_id=sid), where)
    for sal in service.get("service_at_locations", []):
        location = sal.get("location") if isinstance(sal.get("location"), dict) else None
        lid = (location or {}).get("id") or sal.get("location_id")
        add(
            "service_at_location",
            _pick("service_at_location", sal, service_id=sid, location_id=lid),
            where,
        )
        if location:
            _flatten_location(source, location, where)
        for contact in sal.get("contacts", []):
            _flatten_contact(source, contact, where, service_at_location_id=sal["id"])
        for phone in sal.get("phones", []):
            add("phone", _pick("phone", phone, service_at_location_id=sal["id"]), where)
        for schedule in sal.get("schedules", []):
            add("schedule", _pick("schedule", schedule, service_at_location_id=sal["id"]), where)
    for contact in service.get("contacts", []):
        _flatten_contact(source, contact, where, service_id=sid)
    for attribute in service.get("attributes", []):
        term = attribute.get("taxonomy_term")
        term_id = attribute.get("taxonomy_term_id")
        if isinstance(term, dict):
            taxonomy = term.get("taxonomy_detail")
            tid = taxonomy.get("id") if isinstance(taxonomy, dict) else None
            if tid:
                add("taxonomy", _pick("taxonomy", taxonomy), where)
            add("taxonomy_term", _pick("taxonomy_term", term, taxonomy_id=tid), where)
            term_id = term.get("id")
        add(
            "attribute",
            _pick(
                "attribute",
                attribute,
                link_id=sid,
                link_entity=LINK_ENTITY,
                taxonomy_term_id=term_id,
            ),
            where,
        )


def _flatten_contact(source: Source, contact: dict, where: str, **link: Any) -> None:
    source.add("contact", _pick("contact", contact, **link), where)
    for phone in contact.get("phones", []):
        source.add("phone", _pick("phone", phone, contact_id=contact["id"]), where)


def _flatten_location(source: Source, location: dict, where: str) -> None:
    lid = location["id"]
    source.add("location", _pick("location", location), where)
    for address in location.get("addresses", []):
        source.add("address", _pick("address", address, location_id=lid), where)
    for phone in location.get("phones", []):
        source.add("phone", _pick("phone", phone, location_id=lid), where)
    for schedule in location.get("schedules", []):
        source.add("schedule", _pick("schedule", schedule, location_id=lid), where)


def _cell(value: str, kind: str) -> Any:
    """A CSV cell as the JSON type the schema expects (left as text if it is not one)."""
    if kind in ("number", "integer"):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if number.is_integer() else number
    return value


def from_tabular(files: dict[str, str], folder: Path) -> Source:
    """A tabular data package's CSV files, by file name, each row checked on its own."""
    source = Source()
    tables = {path: table for table, path in PATHS.items()}
    for name in sorted(files):
        if name == "datapackage.json":
            continue
        table = tables.get(name)
        if table is None:
            source.ignored.append(f"{name}: Resettle does not keep this file's records")
            continue
        source.present.add(table)
        schema = schemas.table_schema(folder, table)
        types = schemas.table_types(folder, table)
        reader = csv.DictReader(io.StringIO(files[name].lstrip("\ufeff")))
        for line, cells in enumerate(reader, start=2):
            where = f"{name} row {line}"
            data = {
                k: _cell(v.strip(), types.get(k, "string"))
                for k, v in cells.items()
                if k and isinstance(v, str) and v.strip()
            }
            found = schemas.problems(schema, data)
            if found:
                source.problems += [f"{where}: {problem}" for problem in found]
                continue
            if _kept(table, data):
                source.add(table, _pick(table, data), where)
            else:
                source.ignored.append(f"{where}: not about a service, a location or a contact")
    return source


def _kept(table: str, data: dict[str, Any]) -> bool:
    """Attributes, contacts and phones Resettle keeps: a service's, a location's, a contact's."""
    if table == "attribute":
        return data.get("link_entity") == LINK_ENTITY
    if table in ("contact", "phone"):
        return any(data.get(k) for k in COLUMNS[table] if k.endswith("_id") and k != "id")
    return True


# ---- Checking what Resettle keeps ---------------------------------------------------------------


def _value(model_field: models.Field, raw: Any) -> Any:
    if isinstance(model_field, models.UUIDField | models.ForeignKey):
        return uuid.UUID(str(raw))
    if isinstance(model_field, models.DateTimeField):
        moment = datetime.fromisoformat(str(raw))
        return moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)
    if isinstance(model_field, models.DateField):
        return date.fromisoformat(str(raw))
    if isinstance(model_field, models.TimeField):
        return time.fromisoformat(str(raw))
    if isinstance(model_field, models.PositiveSmallIntegerField | models.PositiveIntegerField):
        number = float(raw)
        limit = 32767 if isinstance(model_field, models.PositiveSmallIntegerField) else 2**31 - 1
        if not number.is_integer() or not 0 <= number <= limit:
            raise ValueError(f"{raw!r} is not a whole number from 0 to {limit}")
        return int(number)
    if isinstance(model_field, models.FloatField):
        return float(raw)
    text = str(raw)
    limit = model_field.max_length or MAX_TEXT
    if len(text) > limit:
        raise ValueError(f"is longer than {limit} characters")
    return text


def _converted(table: str, columns: dict[str, Any], where: str, problems: list[str]) -> dict:
    model = MODELS[table]
    values = {}
    for column, raw in columns.items():
        if (table, column) == ("attribute", "link_entity"):
            continue
        name = ATTRIBUTES.get((table, column), column)
        try:
            values[name] = _value(model._meta.get_field(name), raw)
        except (ValueError, TypeError, FieldDoesNotExist) as exc:
            problems.append(f"{where}: {column}: {exc or 'not a valid value'}")
    for column in NEEDED.get(table, ()):
        if values.get(ATTRIBUTES.get((table, column), column)) in (None, ""):
            problems.append(f"{where}: a {table} needs its {column}")
    return values


def _links(source: Source, rows: dict, problems: list[str]) -> None:
    """Every link points at a record in the file or in the directory. A term's parent that is in
    neither is dropped (HSDS allows a term of a wider taxonomy without its parents)."""
    wanted: dict[str, set] = defaultdict(set)
    for (table, column), target in LINKS.items():
        for values in rows[table].values():
            name = ATTRIBUTES.get((table, column), column)
            if values.get(name) is not None:
                wanted[target].add(values[name])
    known = {
        target: {v for v in ids if str(v) in source.tables[target]}
        | set(MODELS[target].objects.filter(id__in=ids).values_list("id", flat=True))
        for target, ids in wanted.items()
    }
    for (table, column), target in LINKS.items():
        name = ATTRIBUTES.get((table, column), column)
        for key, values in rows[table].items():
            linked = values.get(name)
            if linked is None or linked in known[target]:
                continue
            if (table, column) == ("taxonomy_term", "parent_id"):
                values[name] = None
                continue
            where = source.tables[table][key][1]
            problems.append(f"{where}: {column} {linked} is not in the file or the directory")


def _resettle_rules(source: Source, rows: dict, problems: list[str]) -> None:
    """A service has a term once (for one link type), in the file and in what it keeps."""
    replaced = {uuid.UUID(k) for k in rows["service"]} if "attribute" in source.present else set()
    attributes = {uuid.UUID(k): v for k, v in rows["attribute"].items()}
    linked = {v["service_id"] for v in attributes.values()} - replaced
    kept = Attribute.objects.filter(service_id__in=linked).exclude(id__in=list(attributes))
    seen = {(a.service_id, a.taxonomy_term_id, a.link_type): None for a in kept}
    for key, values in attributes.items():
        once = (values["service_id"], values["taxonomy_term_id"], values.get("link_type", ""))
        if once in seen:
            where = source.tables["attribute"][str(key)][1]
            problems.append(f"{where}: the service has this taxonomy term twice")
        seen[once] = key


def check(source: Source) -> tuple[dict[str, dict], list[str]]:
    """The records as model values, and every problem found (none: the file may be imported)."""
    problems = list(source.problems)
    rows: dict[str, dict] = {table: {} for table in ORDER}
    for table in ORDER:
        for key, (columns, where) in source.tables[table].items():
            rows[table][key] = _converted(table, columns, where, problems)
    if not problems:
        ensure_taxonomy()  # Resettle's terms may be linked to without being in the file
        _links(source, rows, problems)
        _resettle_rules(source, rows, problems)
    return rows, problems


# ---- Saving -------------------------------------------------------------------------------------


def _columns_of(table: str) -> list[str]:
    return [
        ATTRIBUTES.get((table, c), c)
        for c in COLUMNS[table]
        if (table, c) != ("attribute", "link_entity")
    ]


def _save_table(table: str, rows: dict[str, dict], counts: dict[str, int], stamp: Stamp) -> None:
    model = MODELS[table]
    existing = model.objects.in_bulk([uuid.UUID(k) for k in rows])
    now = to_the_millisecond(timezone.now())
    for key, values in rows.items():
        item = existing.get(uuid.UUID(key)) or model(id=uuid.UUID(key))
        if table == "service_area":
            values["borough"] = area_from(values.get("name", ""), values.get("uri", ""))
        if table == "service" and "last_modified" not in values:
            # A file that does not date its changes: today, or when it last changed here.
            values["last_modified"] = now if item._state.adding else item.last_modified
        names = [*_columns_of(table), *(["borough"] if table == "service_area" else [])]
        changed = item._state.adding
        for name in names:
            if name == "id":
                continue
            model_field = model._meta.get_field(name)
            value = values.get(name, model_field.get_default())
            if getattr(item, model_field.attname) != value:
                setattr(item, model_field.attname, value)
                changed = True
        if not changed:
            counts["unchanged"] += 1
            continue
        counts["new" if item._state.adding else "changed"] += 1
        stamp.save(item)


def _remove_dropped(rows: dict[str, dict], present: Iterable[str], stamp: Stamp) -> None:
    services = [uuid.UUID(k) for k in rows["service"]]
    for table in OWNED_BY_SERVICE:
        if table not in present:
            continue
        keep = [uuid.UUID(k) for k in rows[table]]
        for item in MODELS[table].objects.filter(service_id__in=services).exclude(id__in=keep):
            stamp.delete(item)


@transaction.atomic
def import_directory(actor: Actor, source: Source, *, dry_run: bool = False) -> Report:
    """Save what the file holds, or nothing if anything in it is wrong."""
    policy.require(
        actor.is_system or policy.can_curate_directory(actor.user),
        CURATORS_ONLY,
    )
    rows, problems = check(source)
    counts = {table: {"new": 0, "changed": 0, "unchanged": 0} for table in ORDER}
    if problems:
        transaction.set_rollback(True)  # not even Resettle's own terms, put back while checking
        return Report(problems[:MAX_PROBLEMS], source.ignored, counts, dry_run)
    stamp = Stamp(actor.user, history_reason(IMPORTED, {}))
    for table in ORDER:
        if table == "location":
            # The services are saved; their records the file no longer has go before the file's
            # own are saved, so that a term may move to a new id.
            _remove_dropped(rows, source.present, stamp)
        _save_table(table, rows[table], counts[table], stamp)
    totals = {k: sum(c[k] for c in counts.values()) for k in ("new", "changed", "unchanged")}
    if dry_run:
        transaction.set_rollback(True)
    else:
        record(actor, "directory.imported", services=len(rows["service"]), **totals)
    return Report([], source.ignored, counts, dry_run)
