"""Downloads of every table: CSV and OpenDocument spreadsheet (ODS). What is written is what the
page shows, suppressed by the same rule (cells are written as `str(cell)`), after lines saying
what the table is, the period, the filters, and the small-numbers rule."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table as OdsTable
from odf.table import TableCell, TableRow
from odf.text import P

from .suppression import SMALLEST_SHOWN

CSV = "csv"
ODS = "ods"
FORMATS = {CSV: "text/csv; charset=utf-8", ODS: "application/vnd.oasis.opendocument.spreadsheet"}


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def rule() -> str:
    return _(
        "Small numbers are not shown: counts from 1 to %(n)s are shown as 'fewer than 5'; a rate "
        "is not shown when its denominator or numerator is from 1 to %(n)s; and where figures "
        "add up to a total, another figure is also not shown so that the hidden one cannot be "
        "worked out."
    ) % {"n": SMALLEST_SHOWN - 1}


def preamble(table: Table) -> list[list[str]]:
    return [[table.title], *([note] for note in table.notes), [rule()], []]


def as_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [*preamble(table), table.headers, *table.rows]:
        # Cells that start like a formula are quoted so a spreadsheet does not run them.
        writer.writerow([f"'{c}" if str(c)[:1] in ("=", "+", "-", "@") else c for c in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_ods(table: Table) -> bytes:
    document = OpenDocumentSpreadsheet()
    sheet = OdsTable(name=table.title[:31] or "Figures")
    for row in [*preamble(table), table.headers, *table.rows]:
        ods_row = TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=str(value)))
            ods_row.addElement(cell)
        sheet.addElement(ods_row)
    document.spreadsheet.addElement(sheet)
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


def render(table: Table, fmt: str) -> bytes:
    return as_csv(table) if fmt == CSV else as_ods(table)
