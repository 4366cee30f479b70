"""Lists of the children a person sees, or of records kept with those children, read as parts
that never share a row (`policy.in_scope_parts`, `policy.kept_parts`: a service's own children,
and those shared with it): the page's ids first, in order, from each part's index, then those
rows (docs/performance.md)."""

from __future__ import annotations

from django.db.models import QuerySet

from . import policy


def in_order(parts: list[QuerySet], ordering: tuple, columns: tuple[str, ...] = ()) -> QuerySet:
    """The parts' ids (with the sort columns), in order: what an index per sort answers.
    `columns`: the sort columns, when `ordering` is not just their names (an expression)."""
    names = columns or tuple(name.lstrip("-") for name in ordering)
    selected = dict.fromkeys(["id", *names])
    return policy.combine([part.values(*selected) for part in parts]).order_by(*ordering)


class PartsFirst:
    """A list of children in scope, sliced as a queryset is (`[a:b]`, `count()`, for Django's
    paginator): the slice's ids read first, in order, from each part's index (UNION ALL of the
    parts, with the sort columns), then those children. As `release.queries.IdsFirst`, for lists
    of the children themselves."""

    def __init__(self, parts: list, ordering: tuple, columns: tuple[str, ...], rows):
        self.parts, self.ordering, self.columns, self.read_rows = parts, ordering, columns, rows

    def count(self) -> int:
        return policy.count_parts(self.parts)

    def __len__(self) -> int:
        return self.count()

    def ids(self, bounds: slice):
        """The query for the ids of the rows `bounds`, in order (tests/benchmarks/explain.py)."""
        return in_order(self.parts, self.ordering, self.columns)[bounds]

    def __getitem__(self, bounds: slice) -> list:
        ids = [row["id"] for row in self.ids(bounds)]
        found = self.read_rows(ids)
        return [found[i] for i in ids if i in found]
