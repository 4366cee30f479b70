"""A CSV file read as a stream: one line at a time from the uploaded bytes, never all at once.

Rows come with the line they start on. A file that cannot be read as a whole (not UTF-8 text, not
CSV, no header, a missing column, or cut short part-way through its last row) raises
`FileProblem`: nothing in it is imported.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from django.utils.translation import gettext as _

BOM = "\ufeff"


class FileProblem(Exception):
    def __init__(self, label: str, line: int, message: str) -> None:
        self.label, self.line, self.message = label, line, message
        super().__init__(f"{label}, line {line}: {message}")


class _Lines:
    """The file's lines as text, counting them and remembering whether the last one ended."""

    def __init__(self, stream: BinaryIO, label: str) -> None:
        self.stream, self.label = stream, label
        self.number = 0
        self.ended = True

    def __iter__(self) -> Iterator[str]:
        for raw in self.stream:
            self.number += 1
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise FileProblem(
                    self.label,
                    self.number,
                    _("This line is not UTF-8 text. Save the file as 'CSV UTF-8' and try again."),
                ) from exc
            if self.number == 1:
                text = text.removeprefix(BOM)
            self.ended = text.endswith("\n")
            yield text


def rows(
    stream: BinaryIO, label: str, columns: Iterable[str], required: Iterable[str]
) -> Iterator[tuple[int, dict[str, str] | None, str]]:
    """(line, values by column, problem) for each row: values None and a problem for a row
    whose shape is wrong. Columns are matched without regard to case or spaces; others are
    ignored."""
    lines = _Lines(stream, label)
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise FileProblem(label, 1, _("The file is empty."))
        names = [h.strip().lower() for h in header]
        missing = [c for c in required if c not in names]
        if missing:
            raise FileProblem(
                label,
                1,
                _("The first line must name the columns. Missing: %(columns)s")
                % {"columns": ", ".join(missing)},
            )
        wanted = {name: names.index(name) for name in columns if name in names}
        previous = None
        while True:
            start = lines.number + 1
            record = next(reader, None)
            if record is None:
                break
            if previous is not None:
                yield previous
            if not any(cell.strip() for cell in record):
                previous = None
                continue
            if len(record) != len(names):
                problem = _("This row has %(got)s values but the first line names %(want)s") % {
                    "got": len(record),
                    "want": len(names),
                }
                previous = (start, None, problem)
            else:
                previous = (start, {n: record[i] for n, i in wanted.items()}, "")
        if previous is not None:
            if previous[1] is None and not lines.ended:
                raise FileProblem(
                    label,
                    previous[0],
                    _("The file stops part-way through this row: it may have been cut short."),
                )
            yield previous
    except csv.Error as exc:
        raise FileProblem(
            label,
            lines.number,
            _("This is not a CSV file Resettle can read (%(why)s).") % {"why": exc},
        ) from exc
