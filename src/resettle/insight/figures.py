"""The figures the pages and downloads show: measures counted (measures.py) for a period, filters
and a scope, with the small-numbers rule applied (suppression.py) before anything leaves here.

Counts are the same for everyone who may see them, so once counted they are kept: in the
database (`StoredFigures`, read by every process) for STORED_SECONDS, and in the process's cache
for FIGURES_CACHE_SECONDS. `manage.py refresh_figures`, run on a schedule, counts the usual views
again before they expire, so people rarely wait for a count.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resettle.accounts.models import Organisation, Role, User
from resettle.children.models import (
    CURRENT_ORDER,
    CareStatus,
    Child,
    Ethnicity,
    Gender,
    LegalStatus,
    LegalStatusEpisode,
)
from resettle.core.dates import today
from resettle.quality.kept import ratings_for
from resettle.quality.models import FIVE_CS

from . import charts
from .measures import (
    GROUPS,
    MEASURES,
    PRACTICE,
    REMANDED,
    SENTENCED,
    Measure,
    Tally,
    count,
    count_periods,
    measures,
)
from .models import StoredFigures
from .periods import Period, quarters_ending
from .suppression import Cell, protect

FIGURES_CACHE_SECONDS = 300
STORED_SECONDS = 20 * 60
# True while `refresh_figures` counts again: nothing kept is read.
refreshing: ContextVar[bool] = ContextVar("refreshing", default=False)


def _encode(found: dict[tuple, Tally]) -> list:
    return [[by, group, t.met, t.units] for (by, group), t in found.items()]


def _decode(rows: list) -> dict[tuple, Tally]:
    return {(by, group): Tally(met, units) for by, group, met, units in rows}


def _remember(key: str, count_now, *, many: bool = False):
    """The counts kept under `key` if fresh, else counted now (and kept)."""
    if not refreshing.get():
        found = cache.get(key)
        if found is not None:
            return found
        fresh_since = timezone.now() - timedelta(seconds=STORED_SECONDS)
        stored = StoredFigures.objects.filter(key=key, refreshed_at__gte=fresh_since).first()
        if stored is not None:
            found = [_decode(d) for d in stored.data] if many else _decode(stored.data)
            cache.set(key, found, FIGURES_CACHE_SECONDS)
            return found
    found = count_now()
    data = [_encode(f) for f in found] if many else _encode(found)
    try:
        with transaction.atomic():
            StoredFigures.objects.update_or_create(
                key=key, defaults={"data": data, "refreshed_at": timezone.now()}
            )
    except IntegrityError:  # counted at the same moment by another process: theirs is as good
        pass
    cache.set(key, found, FIGURES_CACHE_SECONDS)
    return found


TREND_QUARTERS = 8

# ---- Filters: which children the figures count --------------------------------------------------

STAGES = {
    "custody_likely": (_("Custody likely"), [LegalStatus.CUSTODY_LIKELY]),
    "remand": (_("On remand"), [LegalStatus.REMAND_YDA, LegalStatus.REMAND_LA]),
    "custody": (
        _("In custody (sentenced or recalled)"),
        [LegalStatus.SENTENCED_CUSTODY, LegalStatus.RECALL],
    ),  # fmt: skip
    "community": (
        _("In the community (released or on a community order)"),
        [LegalStatus.RELEASED_LICENCE, LegalStatus.RELEASED_NOTICE, LegalStatus.COMMUNITY_ORDER],
    ),
    "ended": (_("Order ended"), [LegalStatus.ORDER_ENDED]),
}
LEGAL = {REMANDED: _("Remanded"), SENTENCED: _("Sentenced")}
AGE_BANDS = {
    "10-14": (_("10 to 14"), 10, 14),
    "15": (_("15"), 15, 15),
    "16": (_("16"), 16, 16),
    "17": (_("17"), 17, 17),
    "18+": (_("18 or over"), 18, 25),
}
ETHNIC_GROUPS = {
    "asian": _("Asian or Asian British"),
    "black": _("Black, Black British, Caribbean or African"),
    "mixed": _("Mixed or multiple ethnic groups"),
    "white": _("White"),
    "other": _("Other ethnic group"),
    "not_stated": _("Not stated"),
}
CARE = dict(CareStatus.choices)
GENDERS = dict(Gender.choices)


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Filters:
    stage: str = ""
    legal: str = ""
    care_status: str = ""
    age_band: str = ""
    gender: str = ""
    ethnicity: str = ""

    @property
    def key(self) -> str:
        return "|".join(
            [self.stage, self.legal, self.care_status, self.age_band, self.gender, self.ethnicity]
        )

    @property
    def any(self) -> bool:
        return any(self.key.split("|"))

    def describe(self) -> list[str]:
        """The filters in words, for the page and the downloads."""
        words = []
        if self.stage:
            words.append(str(STAGES[self.stage][0]))
        if self.legal:
            words.append(str(LEGAL[self.legal]))
        if self.care_status:
            words.append(str(CARE[self.care_status]))
        if self.age_band:
            words.append(str(_("Aged %(band)s") % {"band": AGE_BANDS[self.age_band][0]}))
        if self.gender:
            words.append(str(GENDERS[self.gender]))
        if self.ethnicity:
            words.append(str(ETHNIC_GROUPS[self.ethnicity]))
        return words

    def children(self, on: date) -> QuerySet | None:
        """The children the filters allow (a subquery), or None for every child."""
        if not any([self.stage, self.care_status, self.age_band, self.gender, self.ethnicity]):
            return None
        children = Child.objects.all()
        if self.care_status:
            children = children.filter(care_status=self.care_status)
        if self.gender:
            children = children.filter(gender=self.gender)
        if self.ethnicity:
            if self.ethnicity == "not_stated":
                children = children.filter(ethnicity=Ethnicity.NOT_STATED)
            else:
                children = children.filter(ethnicity__startswith=f"{self.ethnicity}_")
        if self.age_band:
            _label, youngest, oldest = AGE_BANDS[self.age_band]
            born_after = _years_before(on, oldest + 1)
            born_by = _years_before(on, youngest)
            children = children.filter(date_of_birth__gt=born_after, date_of_birth__lte=born_by)
        if self.stage:
            current = LegalStatusEpisode.objects.for_child(OuterRef("pk")).started_by(on)
            children = children.annotate(
                status_now=Subquery(current.order_by(*CURRENT_ORDER).values("status")[:1])
            ).filter(status_now__in=STAGES[self.stage][1])
        return children

    def keeps(self, group: str) -> bool:
        return not self.legal or group == self.legal


NO_FILTERS = Filters()


# ---- Counting, with a cache ---------------------------------------------------------------------


def tallies(
    measure: Measure,
    period: Period,
    filters: Filters = NO_FILTERS,
    *,
    by: str | None = None,
    service: int | None = None,
    on: date | None = None,
) -> dict[tuple, Tally]:
    """{(by value, group): Tally} for the children the filters (and `service`) allow."""
    on = on or today()
    key = f"insight:{measure.slug}:{period.key}:{filters.key}:{by}:{service}:{on.isoformat()}"

    def count_now():
        return count(measure, period, children=_children(filters, service, on), by=by, on=on)

    found = _remember(key, count_now)
    return {k: t for k, t in found.items() if filters.keeps(k[1])}


def _children(filters: Filters, service: int | None, on: date) -> QuerySet | None:
    children = filters.children(on)
    if service is not None:
        children = (children if children is not None else Child.objects.all()).filter(
            owning_service_id=service
        )
    return children


def _cell(measure: Measure, tally: Tally) -> Cell:
    if measure.is_rate:
        return Cell(tally.units, numerator=tally.met)
    return Cell(tally.units)


ANY = object()


def _sum(found: dict[tuple, Tally], *, by=ANY, group=None) -> Tally:
    total = Tally()
    for (by_value, group_value), tally in found.items():
        if (by is ANY or by_value == by) and (group is None or group_value == group):
            total = total + tally
    return total


def _totals(found: dict[tuple, Tally]) -> dict[object, Tally]:
    """Each `by` value's total over all groups: `_sum(found, by=value)` for every value at once."""
    totals: dict[object, Tally] = {}
    for (by_value, _group), tally in found.items():
        totals[by_value] = totals.get(by_value, Tally()) + tally
    return totals


def groups_of(measure: Measure, filters: Filters = NO_FILTERS) -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in measure.groups if filters.keeps(key)]


@dataclass
class Figure:
    """One measure for one period: the total, and each group (rows add up to the total)."""

    measure: Measure
    period: Period
    total: Cell
    groups: list[tuple[str, Cell]] = field(default_factory=list)


def _figure(measure: Measure, period: Period, filters: Filters, found) -> Figure:
    found = {k: t for k, t in found.items() if filters.keeps(k[1])}
    total = _cell(measure, _sum(found))
    groups = [
        (label, _cell(measure, _sum(found, group=key)))
        for key, label in groups_of(measure, filters)
    ]
    protect([[cell for _label, cell in groups]])
    return Figure(measure, period, total, groups)


def figure(
    measure: Measure,
    period: Period,
    filters: Filters = NO_FILTERS,
    *,
    service: int | None = None,
    on: date | None = None,
) -> Figure:
    return _figure(measure, period, filters, tallies(measure, period, filters, service=service,
                                                     on=on))  # fmt: skip


def trend(
    measure: Measure,
    periods: list[Period],
    filters: Filters = NO_FILTERS,
    *,
    service: int | None = None,
    on: date | None = None,
) -> list[Figure]:
    """The measure for each period, oldest first (one query for most measures)."""
    on = on or today()
    key = (
        f"insight:trend:{measure.slug}:{periods[0].key}:{len(periods)}:{filters.key}:{service}:"
        f"{on.isoformat()}"
    )

    def count_now():
        return count_periods(measure, periods, children=_children(filters, service, on), on=on)

    found = _remember(key, count_now, many=True)
    return [_figure(measure, p, filters, f) for p, f in zip(periods, found, strict=True)]


@dataclass
class Summary:
    """A measure on the overview: this period, the one before, and the trend."""

    measure: Measure
    this: Figure
    last: Figure | None
    trend: list[Figure]
    chart: dict | None


def summary(
    measure: Measure,
    period: Period,
    filters: Filters = NO_FILTERS,
    *,
    service: int | None = None,
    on: date | None = None,
) -> Summary:
    if measure.snapshot:
        this = figure(measure, period, filters, service=service, on=on)
        return Summary(measure, this, None, [], None)
    figures_ = trend(
        measure, quarters_ending(period, TREND_QUARTERS), filters, service=service, on=on
    )
    if figures_[-1].period == period:
        this = figures_[-1]
    else:
        this = figure(measure, period, filters, service=service, on=on)
    before = period.before()
    last = next((f for f in figures_ if f.period == before), None) or figure(
        measure, before, filters, service=service, on=on
    )
    return Summary(measure, this, last, figures_, charts.trend_chart(measure, figures_))


def overview(period: Period, filters: Filters = NO_FILTERS, *, on: date | None = None):
    return [summary(m, period, filters, on=on) for m in measures()]


# ---- Tables across services, establishments and workers -----------------------------------------


def services() -> list[Organisation]:
    return list(
        Organisation.objects.filter(kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE).order_by("name")
    )


@dataclass
class Row:
    label: str
    cells: list[Cell]
    key: object = None


def services_table(
    period: Period, filters: Filters = NO_FILTERS, *, on: date | None = None, only=None
) -> tuple[list[Measure], list[Row], Row]:
    """Services × measures, and London's row. One query a measure."""
    chosen = only or measures()
    orgs = services()
    columns: list[list[Cell]] = []
    london: list[Cell] = []
    for measure in chosen:
        found = tallies(measure, period, filters, by="service", on=on)
        totals = _totals(found)  # one pass, not one per service
        column = [_cell(measure, totals.get(org.pk, Tally())) for org in orgs]
        protect([column])
        columns.append(column)
        london.append(_cell(measure, _sum(found)))
    rows = [Row(org.name, [column[i] for column in columns], key=org) for i, org in enumerate(orgs)]
    return chosen, rows, Row(str(_("London (all services)")), london)


def measure_services(
    measure: Measure, period: Period, filters: Filters = NO_FILTERS, *, on: date | None = None
) -> tuple[list[tuple[str, str]], list[Row], Row]:
    """One measure: services × groups with each service's total, and London's row; rows and
    columns are protected together."""
    groups = groups_of(measure, filters)
    found = tallies(measure, period, filters, by="service", on=on)
    totals = _totals(found)
    rows = []
    for org in services():
        cells = [_cell(measure, totals.get(org.pk, Tally()))] + [
            _cell(measure, found.get((org.pk, key), Tally())) for key, _label in groups
        ]
        rows.append(Row(org.name, cells, key=org))
    london = Row(
        str(_("London (all services)")),
        [_cell(measure, _sum(found))] + [_cell(measure, _sum(found, group=k)) for k, _l in groups],
    )
    width = len(groups) + 1
    protect(
        [row.cells[1:] for row in [*rows, london]]
        + [[row.cells[i] for row in rows] for i in range(width)]
    )
    return groups, rows, london


def establishment_counts(establishment: Organisation, *, on: date | None = None) -> list[Figure]:
    """The secure establishment's own volumes: children here now, releases in 12 weeks."""
    found = []
    for slug in ("in-custody", "releases-ahead"):
        measure = MEASURES[slug]
        tally_by = tallies(measure, Period(on or today(), on or today()), by="establishment", on=on)
        here = {(p, g): t for (p, g), t in tally_by.items() if p == establishment.pk}
        groups = [(str(label), Cell(_sum(here, group=key).units)) for key, label in GROUPS[:2]]
        protect([[cell for _l, cell in groups]])
        found.append(Figure(measure, Period(on or today(), on or today()), Cell(_sum(here).units),
                            groups))  # fmt: skip
    return found


# ---- The manager's service by worker (their own children: not suppressed, see docs/insight.md) --


@dataclass
class WorkerRow:
    worker: User | None
    label: str
    tallies: list[tuple[Measure, Tally]]


def by_worker(service: Organisation, period: Period, *, on: date | None = None) -> tuple:
    chosen = [m for m in measures() if m.by_worker]
    counted = {m.slug: tallies(m, period, by="worker", service=service.pk, on=on) for m in chosen}
    counted[FIVE_CS_MEASURE.slug] = {
        (worker, "all"): tally
        for (worker, key), tally in five_cs_tallies(service).items()
        if key == "all"
    }
    chosen = [*chosen, FIVE_CS_MEASURE]
    staff = list(
        User.objects.filter(
            organisation=service, role__in=[Role.CASE_WORKER, Role.YJS_MANAGER]
        ).order_by("full_name")
    )
    known = {u.pk for u in staff}
    totals = {slug: _totals(found) for slug, found in counted.items()}  # one pass each
    rows = [
        WorkerRow(u, u.full_name, [(m, totals[m.slug].get(u.pk, Tally())) for m in chosen])
        for u in staff
    ]
    others = {
        by_value
        for found in counted.values()
        for by_value, _group in found
        if by_value is not None and by_value not in known
    }
    if others:  # children led by someone outside the service (after a transfer)
        rows.append(
            WorkerRow(
                None,
                str(_("Someone in another service")),
                [(m, sum((_sum(counted[m.slug], by=o) for o in others), Tally())) for m in chosen],
            )
        )
    rows.append(
        WorkerRow(
            None,
            str(_("Not allocated")),
            [(m, _sum(counted[m.slug], by=None)) for m in chosen],
        )
    )
    return chosen, rows


# ---- The 5Cs, for a manager's own service (worked out child by child: bounded by the service) ---

FIVE_CS_MEASURE = Measure(
    slug="five-cs",
    title=_("All five Cs met (the 5Cs check, now)"),
    theme=PRACTICE,
    counted=_("Open cases whose computed 5Cs check meets all five Cs today."),
    denominator=_("The service's children whose order has not ended."),
    period=_("Today, whatever period is chosen."),
    source=_(
        "The 5Cs check (docs/five-cs.md): the plan, the child's words, meetings, "
        "touchpoints and the release checklist."
    ),  # fmt: skip
    caveats=_(
        "For a manager's own service only: the check is worked out child by child, so it is not "
        "counted for the whole of London."
    ),
    units=lambda period, on: None,
    snapshot=True,
    by_worker=True,
)


def five_cs_of(children) -> dict[int, tuple[int | None, dict[str, bool]]]:
    """{child id: (lead practitioner id, {C: met})} for open cases among `children`: the light
    rating (which Cs are met, as the caseload's column shows), without reasons or fixes."""
    open_cases = list(children.filter(order_ended_on__isnull=True).for_caseload())
    results = ratings_for(open_cases, None)
    return {
        child.id: (
            child.lead_practitioner_id,
            {c.key: c.is_met for c in results[child.id].cs},
        )
        for child in open_cases
    }


def all_five(met: dict[str, bool]) -> bool:
    return all(met.get(key, False) for key, _name, _meaning in FIVE_CS)


def five_cs_tallies(service: Organisation) -> dict[tuple, Tally]:
    """{(lead practitioner id, C or "all"): Tally} over the service's open cases today, kept
    like every other figure (the 5Cs check runs child by child, so counting is the slow part)."""

    def count_now() -> dict[tuple, Tally]:
        found: dict[tuple, Tally] = {}
        for worker, met in five_cs_of(Child.objects.filter(owning_service=service)).values():
            each = [(key, met.get(key, False)) for key, _name, _meaning in FIVE_CS]
            for key, is_met in [*each, ("all", all_five(met))]:
                found[(worker, key)] = found.get((worker, key), Tally()) + Tally(int(is_met), 1)
        return found

    return _remember(f"insight:five-cs:{service.pk}:{today().isoformat()}", count_now)


def five_cs_service_summary(service: Organisation) -> list[tuple[str, Tally]]:
    """Each C and all five for the service: open cases meeting it, out of all open cases."""
    found = five_cs_tallies(service)
    rows = []
    for key, name in [*((k, n) for k, n, _m in FIVE_CS), ("all", _("All five"))]:
        rows.append((str(name), sum((t for (_w, k), t in found.items() if k == key), Tally())))
    return rows
