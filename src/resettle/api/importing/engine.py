"""Each row checked, then (when confirmed) applied through children.services, all in one
transaction: `run(actor, service, source, children, legal_status, apply=...)`.

The check (the preview, and `--dry-run`) saves nothing: it applies the services' own rules
(`children.rules`) and says for each row whether it would create, change or leave a record alone,
or why it is rejected. Applying does the same and then calls `add_child`, `change_child` and
`record_legal_status`, so every change is checked by the access policy, audited and in the child's
history. A row the services refuse is rejected; a file that cannot be read undoes everything.

Idempotent by (service, source system, source id): the same files twice change nothing. Rows are
read and looked up in batches, so a file of 50,000 rows is never held in memory at once.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from types import SimpleNamespace
from typing import IO, BinaryIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.models import HistoricalRecords

from resettle.access import policy
from resettle.accounts.models import Organisation, User
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.children import services
from resettle.children.models import Child, LegalStatusEpisode
from resettle.children.rules import child_problems, clean_name, legal_status_problems
from resettle.core.errors import DomainError

from ..cells import cell
from ..models import ImportedRecord
from . import formats
from .reader import FileProblem, rows

BATCH = 500
SAMPLES = 100
CHILDREN, LEGAL_STATUS = "children", "legal_status"
CREATED, CHANGED, UNCHANGED, REJECTED = "created", "changed", "unchanged", "rejected"
NEW = 0  # a child the children file creates (in a check, not yet saved)
COMPARED = ("status", "sentence_type", "establishment_id", "starts_on", "expected_release_on")


@dataclass
class FileResult:
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys((CREATED, CHANGED, UNCHANGED, REJECTED), 0)
    )
    samples: dict[str, list[dict]] = field(
        default_factory=lambda: {CREATED: [], CHANGED: [], REJECTED: []}
    )
    rows: int = 0

    def note(self, kind: str, **about) -> None:
        self.counts[kind] += 1
        if kind in self.samples and len(self.samples[kind]) < SAMPLES:
            self.samples[kind].append(about)


@dataclass
class Result:
    applied: bool
    files: dict[str, FileResult] = field(
        default_factory=lambda: {CHILDREN: FileResult(), LEGAL_STATUS: FileResult()}
    )
    problem: FileProblem | None = None

    @property
    def changes(self) -> int:
        return sum(r.counts[CREATED] + r.counts[CHANGED] for r in self.files.values())

    def as_dict(self) -> dict:
        return {
            "applied": self.applied,
            "files": {
                name: {"counts": r.counts, "samples": r.samples, "rows": r.rows}
                for name, r in self.files.items()
            },
            "problem": (
                {
                    "file": self.problem.label,
                    "line": self.problem.line,
                    "message": self.problem.message,
                }
                if self.problem
                else None
            ),
        }


class Importer:
    def __init__(
        self,
        actor: Actor,
        service: Organisation,
        source: str,
        *,
        apply: bool,
        rejected: IO[str] | None = None,
        progress: Callable[[str, int], None] | None = None,
    ) -> None:
        self.actor, self.service, self.source, self.apply = actor, service, source, apply
        self.user: User = actor.user
        self.result = Result(applied=apply)
        self.rejected = csv.writer(rejected) if rejected is not None else None
        if self.rejected:
            self.rejected.writerow(["file", "line", "source_id", "reason"])
        self.progress = progress or (lambda label, done: None)
        # source id -> the child's pk (NEW for one this import creates), or None if rejected
        self.known: dict[str, int | None] = {}
        self.lines: dict[str, int] = {}
        self.services = {o.slug: o for o in Organisation.objects.filter(kind="yjs")}
        self.establishments = {
            o.slug: o for o in Organisation.objects.filter(kind="secure", is_active=True)
        }

    # ---- Rows ---------------------------------------------------------------------------------

    def _reject(self, label: str, line: int, source_id: str, reason: str) -> None:
        self.result.files[label].note(REJECTED, line=line, source_id=source_id, reason=reason)
        if self.rejected:
            self.rejected.writerow([label, line, cell(source_id), cell(reason)])

    def _batches(self, stream, label, columns, required) -> Iterator[list]:
        lines = rows(stream, label, columns, required)
        done = 0
        while batch := list(islice(lines, BATCH)):
            yield batch
            done += len(batch)
            self.result.files[label].rows = done
            self.progress(label, done)

    def _source_of(self, label: str, line: int, values: dict) -> str | None:
        source_id = values.get("source_id", "").strip()
        system = values.get("source_system", self.source).strip()
        if system != self.source:
            self._reject(
                label,
                line,
                source_id,
                _("source_system is '%(got)s', not '%(want)s'")
                % {"got": system[:50], "want": self.source},
            )
            return None
        if not source_id or len(source_id) > formats.MAX_SOURCE_ID:
            self._reject(
                label, line, source_id[:100], _("Give a source_id of up to 100 characters")
            )
            return None
        return source_id

    def _mapped(self, source_ids) -> dict[str, Child | None]:
        """Children already imported with these source ids: the child if the importer may change
        them, None if the record is no longer theirs to change."""
        links = ImportedRecord.across_children.filter(  # looked up by source id, not by child
            service=self.service, source_system=self.source, source_id__in=list(source_ids)
        ).values_list("source_id", "child_id")
        links = dict(links)
        editable = {
            c.pk: c
            for c in Child.objects.visible_to(self.user).filter(pk__in=links.values())
            if policy.can_edit_child(self.user, c)
        }
        return {source_id: editable.get(pk) for source_id, pk in links.items()}

    # ---- Children -----------------------------------------------------------------------------

    def _child_values(self, values: dict) -> dict:
        found = {
            "preferred_name": clean_name(values["preferred_name"]),
            "legal_name": clean_name(values["legal_name"]),
            "date_of_birth": formats.read_date(values["date_of_birth"], "date_of_birth"),
            "care_status": formats.read_code(values["care_status"], "care_status"),
            "gender": formats.read_code(values["gender"], "gender"),
            "ethnicity": formats.read_code(values["ethnicity"], "ethnicity"),
        }
        for name in formats.CHILD_OPTIONAL:
            if name in values:
                found[name] = values[name].strip()
        for name, limit in formats.CHILD_LENGTHS.items():
            if len(found.get(name, "")) > limit:
                raise formats.BadValue(
                    _("%(column)s must be %(limit)s characters or fewer")
                    % {"column": name, "limit": limit}
                )
        service = values["service_code"].strip().lower()
        if service not in self.services:
            raise formats.BadValue(
                _("service_code '%(code)s' is not a youth justice service in Resettle")
                % {"code": values["service_code"].strip()[:40]}
            )
        if service != self.service.slug:
            raise formats.BadValue(
                _("service_code '%(code)s' is not your service: you can import only %(own)s")
                % {"code": service, "own": self.service.slug}
            )
        problems = child_problems(found, User.objects.none())
        if problems:
            raise formats.BadValue(next(iter(problems.values())))
        return found

    def children(self, stream: BinaryIO) -> None:
        label = CHILDREN
        out = self.result.files[label]
        for batch in self._batches(stream, label, formats.CHILD_COLUMNS, formats.CHILD_REQUIRED):
            checked = []
            for line, values, problem in batch:
                if values is None:
                    self._reject(label, line, "", problem)
                    continue
                source_id = self._source_of(label, line, values)
                if source_id is None:
                    continue
                if source_id in self.lines:
                    self._reject(
                        label,
                        line,
                        source_id,
                        _("The source_id is also on line %(line)s")
                        % {"line": self.lines[source_id]},
                    )
                    continue
                self.lines[source_id] = line
                self.known[source_id] = None
                try:
                    checked.append((line, source_id, self._child_values(values)))
                except formats.BadValue as exc:
                    self._reject(label, line, source_id, str(exc))
            mapped = self._mapped(s for _line, s, _values in checked)
            for line, source_id, values in checked:
                about = {"line": line, "source_id": source_id, "name": values["preferred_name"]}
                if source_id in mapped:
                    child = mapped[source_id]
                    if child is None:
                        self._reject(
                            label,
                            line,
                            source_id,
                            _("This child's record is no longer held by your service in Resettle"),
                        )
                        continue
                    changed = sorted(n for n, v in values.items() if getattr(child, n) != v)
                    if (
                        changed
                        and self.apply
                        and not self._call(
                            label, line, source_id, services.change_child, child, **values
                        )
                    ):
                        continue
                    self.known[source_id] = child.pk
                    out.note(CHANGED if changed else UNCHANGED, fields=changed, **about)
                else:
                    child = None
                    if self.apply:
                        child = self._call(label, line, source_id, services.add_child, **values)
                        if child is None:
                            continue
                        ImportedRecord.objects.create(
                            service=self.service,
                            source_system=self.source,
                            source_id=source_id,
                            child=child,
                            created_by=self.user,
                            changed_by=self.user,
                        )
                    self.known[source_id] = child.pk if child else NEW
                    out.note(CREATED, **about)

    def _call(self, label, line, source_id, operation, *args, **values):
        """A service call for one row; a refusal rejects the row (its changes are undone)."""
        try:
            with transaction.atomic():
                return operation(self.actor, *args, **values) or True
        except (DomainError, PermissionDenied) as exc:
            self._reject(label, line, source_id, str(exc))
            return None

    # ---- Legal status -------------------------------------------------------------------------

    def _legal_values(self, values: dict) -> dict:
        status, sentence = formats.read_status(values["status_code"])
        starts = formats.read_date(values["start_date"], "start_date")
        ends = formats.read_date(values.get("end_date", ""), "end_date")
        release = formats.read_date(
            values.get("expected_release_date", ""), "expected_release_date"
        )
        code = values.get("establishment_code", "").strip().lower()
        establishment = None
        if code:
            establishment = self.establishments.get(code)
            if establishment is None:
                raise formats.BadValue(
                    _("establishment_code '%(code)s' is not a secure establishment in Resettle")
                    % {"code": code[:40]}
                )
        found = {
            "status": status,
            "sentence_type": sentence,
            "establishment": establishment,
            "starts_on": starts,
            "expected_release_on": release,
            "notes": "",
        }
        problems = legal_status_problems(found)
        if ends is not None and starts is not None and ends < starts:
            problems.setdefault("end_date", _("end_date must not be before start_date"))
        if problems:
            raise formats.BadValue(next(iter(problems.values())))
        if ends is not None:
            found["notes"] = _("Ends on %(date)s according to %(source)s") % {
                "date": ends.isoformat(),
                "source": self.source,
            }
        return found

    def legal_statuses(self, stream: BinaryIO) -> None:
        label = LEGAL_STATUS
        out = self.result.files[label]
        seen: dict[tuple, int] = {}
        for batch in self._batches(stream, label, formats.LEGAL_COLUMNS, formats.LEGAL_REQUIRED):
            checked = []
            for line, values, problem in batch:
                if values is None:
                    self._reject(label, line, "", problem)
                    continue
                source_id = self._source_of(label, line, values)
                if source_id is None:
                    continue
                try:
                    found = self._legal_values(values)
                except formats.BadValue as exc:
                    self._reject(label, line, source_id, str(exc))
                    continue
                key = (source_id, *(found[n] for n in ("status", "sentence_type", "starts_on")))
                if key in seen:
                    self._reject(
                        label,
                        line,
                        source_id,
                        _("The same status and start date are on line %(line)s")
                        % {"line": seen[key]},
                    )
                    continue
                seen[key] = line
                checked.append((line, source_id, found))
            unknown = {s for _l, s, _v in checked if s not in self.known}
            for source_id, child in self._mapped(unknown).items():
                self.known[source_id] = child.pk if child else None
            episodes: dict[int, list] = {}
            pks = {self.known.get(s) for _l, s, _v in checked} - {None, NEW}
            for episode in LegalStatusEpisode.objects.for_children(pks):
                episodes.setdefault(episode.child_id, []).append(episode)
            children = {c.pk: c for c in Child.objects.filter(pk__in=pks)} if self.apply else {}
            for line, source_id, found in checked:
                pk = self.known.get(source_id)
                if pk is None:
                    reason = _(
                        "No child with this source_id is in the children file or an earlier "
                        "import (or the child's row was rejected)"
                    )
                    self._reject(label, line, source_id, reason)
                    continue
                kind = _compare(found, episodes.get(pk, []))
                if kind != UNCHANGED and self.apply:
                    episode = self._call(
                        label, line, source_id, services.record_legal_status, children[pk], **found
                    )
                    if episode is None:
                        continue
                    episodes.setdefault(pk, []).append(episode)
                out.note(kind, line=line, source_id=source_id, status=found["status"])


def _compare(found: dict, episodes: list) -> str:
    values = {**found, "establishment_id": getattr(found["establishment"], "pk", None)}
    same_day = [e for e in episodes if e.starts_on == found["starts_on"]]
    if any(all(getattr(e, n) == values[n] for n in COMPARED) for e in same_day):
        return UNCHANGED
    if any(
        e.status == found["status"] and e.sentence_type == found["sentence_type"] for e in same_day
    ):
        return CHANGED  # recorded again, as Resettle records a correction: the latest counts
    return CREATED


def run(
    actor: Actor,
    service: Organisation,
    source: str,
    children: BinaryIO,
    legal_status: BinaryIO | None = None,
    *,
    apply: bool,
    rejected: IO[str] | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> Result:
    """Check (apply=False) or import (apply=True) the files as `actor`, for their own service.
        Everything happens in one transaction: a file that cannot be read undoes it all. A check
    writes nothing but its audit entry."""
    policy.require(
        policy.can_import_children(actor.user) and actor.user.organisation_id == service.pk,
        _("Only a manager of the youth justice service can import its children."),
    )
    importer = Importer(actor, service, source, apply=apply, rejected=rejected, progress=progress)
    try:
        with transaction.atomic(), _history_by(actor.user):
            importer.children(children)
            if legal_status is not None:
                importer.legal_statuses(legal_status)
            _audit(actor, source, importer.result)
    except FileProblem as problem:
        importer.result = Result(applied=False, problem=problem)
        _audit(actor, source, importer.result)
    return importer.result


@contextmanager
def _history_by(user):
    """Name the importer in the children's change history when no page request does (a
    command): the history reads the person from the request in progress."""
    context = HistoricalRecords.context
    outside_a_request = getattr(context, "request", None) is None
    if outside_a_request:
        context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if outside_a_request:
            del context.request


def _audit(actor: Actor, source: str, result: Result) -> None:
    counts = {
        f"{name}_{kind}": n for name, r in result.files.items() for kind, n in r.counts.items() if n
    }
    if result.problem is not None:
        counts["unreadable"] = f"{result.problem.label}, line {result.problem.line}"
    record(
        actor, "import.applied" if result.applied else "import.previewed", source=source, **counts
    )
