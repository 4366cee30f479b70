"""The figures' big tables, a cell for every worker (or service) and measure: made in Python.

A large service has hundreds of workers, and the partnership 150 services, so these tables have
thousands of cells. Drawn by the template, each cell looked up a URL and a translation and
formatted its numbers through the template engine: most of the page's time. Here the URL, the words
and each number are worked out once for the page (docs/performance.md); the HTML is the same,
escaped the same way (values escaped, translations trusted, as `blocktranslate` does)."""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()

CELL = '<td class="govuk-table__cell govuk-table__cell--numeric">'
CELL_BOLD = '<td class="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold">'


class _Escaped(dict):
    """Each value as the page shows it (localised, then escaped as a template would), worked out
    once for the page."""

    def __missing__(self, value):
        self[value] = shown = conditional_escape(localize(value))
        return shown


@register.simple_tag(takes_context=True)
def worker_cells(context, row, linked: bool, children_url: str, kept: str = "") -> SafeString:
    """The cells of one worker's row: each measure's tally, linked to the children behind it when
    `linked` (a worker's row, and the children not allocated). Every part is escaped once, as
    `format_html` would, before it is put in place."""
    made = context.render_context.setdefault("figures_table", {})
    if not made:  # once for the page
        made["shown"] = _Escaped()
        made["of"] = gettext("%(met)s of %(units)s")
        made["measures"] = {}
    shown, of, measures = made["shown"], made["of"], made["measures"]
    label = conditional_escape(row.label)
    start = ""
    if linked:
        worker = str(row.worker.public_id) if row.worker else "none"
        also = f"&{kept}" if kept else ""
        start = (
            conditional_escape(f"{children_url}?measure=")
            + "{slug}"
            + conditional_escape(f"&worker={worker}{also}")
        )
    cells = []
    for measure, tally in row.tallies:
        known = measures.get(id(measure))  # (a measure's hash reads its translated title)
        if known is None:  # the page's few measures, kept while it renders
            known = measures[id(measure)] = (
                conditional_escape(measure.slug),
                conditional_escape(measure.title),
            )
        slug, title = known
        if measure.is_rate:
            # As `blocktranslate` does: the values escaped, the translation trusted.
            text = of % {"met": shown[tally.met], "units": shown[tally.units]}
        else:
            text = shown[tally.units]
        hidden = f'<span class="govuk-visually-hidden">: {title}, {label}</span>'
        if linked:
            href = start.replace("{slug}", slug)
            cells.append(f'{CELL}<a class="govuk-link" href="{href}">{text}{hidden}</a></td>')
        else:
            cells.append(f"{CELL}{text}{hidden}</td>")
    return mark_safe("".join(cells))  # noqa: S308 - every part escaped above


@register.simple_tag(takes_context=True)
def figure_cells(context, cells, london: bool = False) -> SafeString:
    """One service's row of figures (or London's, in bold, with "of n" under every rate)."""
    made = context.render_context.setdefault("figure_cells", {})
    if not made:  # once for the page
        made["of"] = gettext("of %(n)s")
        made["shown"] = _Escaped()
    of, shown = made["of"], made["shown"]
    start = CELL_BOLD if london else CELL
    found = []
    for cell in cells:
        text = conditional_escape(str(cell))
        if cell.is_rate and (london or cell.denominator):
            found.append(
                f'{start}{text}<br><span class="govuk-body-s">'
                f"{of % {'n': shown[cell.denominator_shown]}}</span></td>"
            )
        else:
            found.append(f"{start}{text}</td>")
    return mark_safe("".join(found))  # noqa: S308 - every part escaped above
