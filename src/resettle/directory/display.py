"""How a service reads on a page: its pathways, boroughs, ages and opening hours, in words."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resettle.core.templatetags.govuk import govuk_time

from .boroughs import ALL_LONDON, AREA_NAMES, area_choices
from .taxonomy import PATHWAY_NAMES, SUPPORT_NAMES, term_id
from .values import DAYS, differences

_PATHWAYS = {term_id("pathway", code): name for code, name in PATHWAY_NAMES.items()}
_SUPPORT = {term_id("support", code): name for code, name in SUPPORT_NAMES.items()}
_AREA_ORDER = {slug: n for n, (slug, _name) in enumerate(area_choices())}


def _in_order(service, names: dict) -> list[str]:
    """The service's terms of one branch, in the taxonomy's order (the plan's, for pathways)."""
    held = {a.taxonomy_term_id for a in service.attributes.all()}
    return [name for term, name in names.items() if term in held]


def pathways_of(service) -> list[str]:
    return _in_order(service, _PATHWAYS)


def support_of(service) -> list[str]:
    return _in_order(service, _SUPPORT)


def other_terms_of(service) -> list[str]:
    """Terms of other taxonomies (from an import), loaded with the attributes' terms."""
    return sorted(
        a.taxonomy_term.name
        for a in service.attributes.all()
        if a.taxonomy_term_id not in _PATHWAYS and a.taxonomy_term_id not in _SUPPORT
    )


def areas_text(service) -> str:
    areas = service.service_areas.all()
    slugs = {a.borough for a in areas if a.borough}
    if ALL_LONDON in slugs:
        return _("All of London")
    names = [AREA_NAMES[s] for s in sorted(slugs, key=_AREA_ORDER.get)]
    names += sorted(a.name for a in areas if not a.borough and a.name)
    return _join(names)


def ages_text(service) -> str:
    youngest, oldest = service.minimum_age, service.maximum_age
    if youngest is not None and oldest is not None:
        return _("Ages %(youngest)s to %(oldest)s") % {"youngest": youngest, "oldest": oldest}
    if youngest is not None:
        return _("Ages %(youngest)s and over") % {"youngest": youngest}
    if oldest is not None:
        return _("Up to age %(oldest)s") % {"oldest": oldest}
    return _("Any age")


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def days_text(byday: str) -> str:
    """ "MO,TU,WE,TH,FR" as "Monday to Friday"; "MO,WE" as "Monday and Wednesday"."""
    codes = [code for code, _label in DAYS]
    chosen = [i for i, code in enumerate(codes) if code in (byday or "").split(",")]
    if not chosen:
        return ""
    labels = dict(DAYS)
    if len(chosen) >= 3 and chosen == list(range(chosen[0], chosen[-1] + 1)):
        return _("%(first)s to %(last)s") % {
            "first": labels[codes[chosen[0]]],
            "last": labels[codes[chosen[-1]]],
        }
    return _join([str(labels[codes[i]]) for i in chosen])


def hours_text(schedule) -> str:
    days = days_text(schedule.byday)
    if schedule.opens_at and schedule.closes_at:
        times = _("%(opens)s to %(closes)s") % {
            "opens": govuk_time(schedule.opens_at),
            "closes": govuk_time(schedule.closes_at),
        }
        days = f"{days}, {times}" if days else times
    extra = schedule.description or schedule.notes
    return f"{days} ({extra})" if days and extra else days or extra


@dataclass
class Row:
    """A service as a row of the search results."""

    service: Any
    pathways: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    areas: str = ""
    ages: str = ""


def rows(services) -> list[Row]:
    return [Row(s, pathways_of(s), support_of(s), areas_text(s), ages_text(s)) for s in services]


@dataclass
class HistoryEntry:
    when: Any
    who: Any
    via: str
    changes: list
    proposal: str = ""


VIA = {
    "added": gettext_lazy("Added"),
    "changed": gettext_lazy("Changed"),
    "proposal": gettext_lazy("Changed by accepting a proposal"),
    "import": gettext_lazy("Imported"),
}


def history_entries(records, organizations: dict[str, str]) -> list[HistoryEntry]:
    """The service's history records, each with what changed (the reason the services wrote)."""
    entries = []
    for item in records:
        try:
            reason = json.loads(item.history_change_reason or "{}")
        except ValueError:
            reason = {}
        changes = reason.get("changes") or {}
        before = {k: pair[0] for k, pair in changes.items()}
        after = {k: pair[1] for k, pair in changes.items()}
        entries.append(
            HistoryEntry(
                when=item.history_date,
                who=item.history_user,
                via=str(VIA.get(reason.get("via"), VIA["changed"])),
                changes=differences(before, after, organizations),
                proposal=reason.get("proposal", ""),
            )
        )
    return entries
