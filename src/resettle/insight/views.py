"""Insight's pages: London's overview, the services table, a page per measure, the definitions,
the manager's service by worker (with the children behind a number), the establishment's figures,
and downloads of every table.

Pages the partnership lead reaches show counts only, with the small-numbers rule applied: never
a child's name or id. The only page that lists children is the manager's click-through, and it
lists only children of their own service that the access policy lets them see.
"""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.accounts.models import User
from resettle.audit.services import record
from resettle.children.models import Child

from . import downloads, figures
from .forms import FiguresForm
from .measures import MEASURES, THEMES, Tally, measures, subjects

FORM_KEYS = (
    "period",
    "quarter",
    "year",
    "start_day",
    "start_month",
    "start_year",
    "end_day",
    "end_month",
    "end_year",
    "stage",
    "legal",
    "care_status",
    "age_band",
    "gender",
    "ethnicity",
)


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("These figures are not available to your role."))


def _choices(request: HttpRequest):
    """The period and filters asked for: (form, period, filters), period None when not valid."""
    form = FiguresForm(request.GET)
    if not form.is_valid():
        return form, None, None
    return form, form.chosen_period(), form.chosen_filters()


def _kept(request: HttpRequest) -> str:
    """The period and filters as a query string, to keep them on links and downloads."""
    pairs = [(k, v) for k in FORM_KEYS for v in request.GET.getlist(k) if v]
    return urlencode(pairs)


def _page(request: HttpRequest, template: str, form, **context) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        template,
        {"form": form, "kept": _kept(request), "themes": THEMES, **context},
        status=status,
    )


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    _require(policy.can_view_partnership_figures(request.user))
    form, period, filters = _choices(request)
    summaries = figures.overview(period, filters) if period else []
    by_theme = [
        (key, label, [s for s in summaries if s.measure.theme == key]) for key, label in THEMES
    ]
    return _page(
        request, "insight/overview.html", form, period=period, filters=filters, by_theme=by_theme
    )


@require_GET
def services(request: HttpRequest) -> HttpResponse:
    _require(policy.can_view_partnership_figures(request.user))
    form, period, filters = _choices(request)
    table = figures.services_table(period, filters) if period else None
    return _page(
        request, "insight/services.html", form, period=period, filters=filters, table=table
    )


def _measure(slug: str):
    measure = MEASURES.get(slug)
    if measure is None:
        raise Http404(_("There is no measure with that name."))
    return measure


@require_GET
def measure(request: HttpRequest, slug: str) -> HttpResponse:
    _require(policy.can_view_partnership_figures(request.user))
    chosen = _measure(slug)
    form, period, filters = _choices(request)
    context = {"measure": chosen, "period": period, "filters": filters}
    if period:
        context["summary"] = figures.summary(chosen, period, filters)
        context["groups"], context["rows"], context["london"] = figures.measure_services(
            chosen, period, filters
        )
        context["group_labels"] = [label for _key, label in figures.groups_of(chosen, filters)]
    return _page(request, "insight/measure.html", form, **context)


@require_GET
def definitions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "insight/definitions.html",
        {"themes": [(k, label, measures(k)) for k, label in THEMES], "rule": downloads.rule()},
    )


# ---- The manager's service ----------------------------------------------------------------------


@require_GET
def service(request: HttpRequest) -> HttpResponse:
    _require(policy.can_view_service_figures(request.user))
    form, period, filters = _choices(request)
    context = {"period": period, "filters": filters, "service": request.user.organisation}
    if period:
        context["comparison"] = _comparison(request.user, period, filters)
        context["five_cs"] = figures.five_cs_service_summary(request.user.organisation)
        context["workers"], context["worker_rows"] = figures.by_worker(
            request.user.organisation, period
        )
    return _page(request, "insight/service.html", form, **context)


def _comparison(user: User, period, filters) -> list[tuple]:
    rows = []
    for chosen in measures():
        ours = figures.figure(chosen, period, filters, service=user.organisation_id)
        london = figures.figure(chosen, period, filters)
        rows.append((chosen, ours.total, london.total))
    return rows


DEFAULT_CLICK_THROUGH = "overdue-touchpoints"


def _flagged(measure) -> bool:
    """Which children a number is about: those not meeting a measure where higher is better,
    those counted where lower is better (gaps, overdue) or for a count."""
    return not (measure.is_rate and measure.higher_is_better)


@require_GET
def children(request: HttpRequest) -> HttpResponse:
    """The children behind a number on the manager's service page: their own service's children
    that the access policy lets them see, nobody else's."""
    _require(policy.can_view_service_figures(request.user))
    form, period, _filters = _choices(request)
    slug = request.GET.get("measure") or DEFAULT_CLICK_THROUGH
    chosen = figures.FIVE_CS_MEASURE if slug == "five-cs" else _measure(slug)
    worker_id = request.GET.get("worker", "")
    worker = None
    if worker_id and worker_id != "none":
        worker = User.objects.filter(
            public_id__in=[worker_id] if _is_uuid(worker_id) else [],
            organisation=request.user.organisation,
        ).first()
        if worker is None:
            raise Http404(_("There is no worker with that id in your service."))
    visible = Child.objects.visible_to(request.user).filter(
        owning_service=request.user.organisation
    )
    found = []
    if period and chosen is figures.FIVE_CS_MEASURE:
        ids = [
            child_id
            for child_id, (leader, met) in figures.five_cs_of(visible).items()
            if not figures.all_five(met) and _led_by(leader, worker_id, worker)
        ]
        found = list(visible.filter(pk__in=ids).for_caseload().order_by("preferred_name", "pk"))
    elif period:
        ids = subjects(chosen, period, children=visible, met=_flagged(chosen))
        if worker_id == "none":
            ids = ids.filter(worker__isnull=True)
        elif worker is not None:
            ids = ids.filter(worker=worker.pk)
        found = list(visible.filter(pk__in=ids).for_caseload().order_by("preferred_name", "pk"))
    return _page(
        request,
        "insight/children.html",
        form,
        measure=chosen,
        period=period,
        worker=worker,
        unallocated=worker_id == "none",
        found=found,
        flagged=_flagged(chosen),
    )


def _led_by(leader: int | None, worker_id: str, worker: User | None) -> bool:
    if worker_id == "none":
        return leader is None
    return worker is None or leader == worker.pk


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# ---- The secure establishment -------------------------------------------------------------------


@require_GET
def establishment(request: HttpRequest) -> HttpResponse:
    _require(policy.can_view_establishment_figures(request.user))
    return render(
        request,
        "insight/establishment.html",
        {
            "establishment": request.user.organisation,
            "counts": figures.establishment_counts(request.user.organisation),
        },
    )


# ---- Downloads ----------------------------------------------------------------------------------

TABLES = ("overview", "services", "measure", "service", "workers")


def _cell_headers(measure) -> list[str]:
    return [str(measure.title)]


def _table(request: HttpRequest, name: str, period, filters) -> downloads.Table:
    notes = [
        _("Period: %(period)s") % {"period": period.label},
        _("Filters: %(filters)s") % {"filters": ", ".join(filters.describe()) or _("none")},
        _("Experimental statistics: the definitions are at /insight/definitions/."),
    ]
    if name == "overview":
        table = downloads.Table(
            _("London overview"),
            [_("Measure"), _("Kind"), _("This period"), _("Denominator"), _("Period before")],
            notes=notes,
        )
        for s in figures.overview(period, filters):
            table.rows.append(
                [
                    str(s.measure.title),
                    _("rate") if s.measure.is_rate else _("count"),
                    str(s.this.total),
                    s.this.total.denominator_shown if s.measure.is_rate else "",
                    str(s.last.total) if s.last else "",
                ]
            )
            for label, cell in s.this.groups:
                table.rows.append([f"  {s.measure.title}: {label}", "", str(cell), "", ""])
        return table
    if name == "services":
        chosen, rows, london = figures.services_table(period, filters)
        table = downloads.Table(
            _("Services and measures"),
            [_("Service"), *[str(m.title) for m in chosen]],
            notes=notes,
        )
        for row in [*rows, london]:
            table.rows.append([row.label, *[str(c) for c in row.cells]])
        return table
    if name == "measure":
        chosen = _measure(request.GET.get("measure", ""))
        groups, rows, london = figures.measure_services(chosen, period, filters)
        table = downloads.Table(
            str(chosen.title),
            [_("Service"), _("All"), *[label for _key, label in groups]],
            notes=[*notes, str(chosen.counted), str(chosen.denominator)],
        )
        for row in [*rows, london]:
            table.rows.append([row.label, *[str(c) for c in row.cells]])
        summary = figures.summary(chosen, period, filters)
        if summary.trend:
            table.rows.append([])
            table.rows.append([_("Quarter (London)"), _("All"), *[lb for _k, lb in groups]])
            for fig in summary.trend:
                table.rows.append(
                    [fig.period.label, str(fig.total), *[str(c) for _l, c in fig.groups]]
                )
        return table
    _require(policy.can_view_service_figures(request.user))
    if name == "service":
        table = downloads.Table(
            _("%(service)s against London") % {"service": request.user.organisation.name},
            [_("Measure"), request.user.organisation.name, _("London")],
            notes=notes,
        )
        for chosen, ours, london in _comparison(request.user, period, filters):
            table.rows.append([str(chosen.title), str(ours), str(london)])
        return table
    chosen, rows = figures.by_worker(request.user.organisation, period)
    table = downloads.Table(
        _("%(service)s by worker") % {"service": request.user.organisation.name},
        [_("Worker"), *[str(m.title) for m in chosen]],
        notes=[*notes, _("Your own service's children: counts are not suppressed.")],
    )
    for row in rows:
        table.rows.append([row.label, *[_worker_cell(m, t) for m, t in row.tallies]])
    table.rows.append([])
    table.rows.append([_("The 5Cs, open cases now"), _("Met")])
    for name, tally in figures.five_cs_service_summary(request.user.organisation):
        table.rows.append([name, _worker_cell(figures.FIVE_CS_MEASURE, tally)])
    return table


def _worker_cell(measure, tally: Tally) -> str:
    if measure.is_rate:
        return f"{tally.met} of {tally.units}"
    return str(tally.units)


@require_GET
def download(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    if table not in TABLES or fmt not in downloads.FORMATS:
        raise Http404(_("There is no such download."))
    if table in ("service", "workers"):
        _require(policy.can_view_service_figures(request.user))
    else:
        _require(policy.can_view_partnership_figures(request.user))
    form, period, filters = _choices(request)
    if period is None:
        return _page(request, "insight/download_refused.html", form)
    content = downloads.render(_table(request, table, period, filters), fmt)
    record(
        request.actor,
        "insight.downloaded",
        table=table,
        format=fmt,
        period=period.key,
        filters=filters.key,
        measure=request.GET.get("measure", "") if table == "measure" else "",
    )
    response = HttpResponse(content, content_type=downloads.FORMATS[fmt])
    filename = f"resettle-{table}-{period.start:%Y-%m-%d}-to-{period.end:%Y-%m-%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
