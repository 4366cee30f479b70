"""Shapes of SQL that lists of a whole service's records share."""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Subquery
from django.db.models.expressions import RawSQL


class _InArray(Func):
    """`column = ANY(ARRAY(subquery))`: PostgreSQL reads the subquery once, into a list."""

    arg_joiner = " = ANY(ARRAY"
    template = "%(expressions)s)"
    output_field = BooleanField()


def among(field: str, ids):
    """A filter: `field` is one of the ids the subquery `ids` (a queryset, or SQL compiled once)
    gives (a child's id, for lists of a whole service's records).

    Written as `IN (subquery)`, PostgreSQL may join a long list of due dates with the subquery's
    rows one by one (a nested loop over thousands of children: docs/performance.md). As a list read
    once (`= ANY(ARRAY(subquery))`), it finds each child's records by the child's index instead,
    which costs what the service's size costs, large or small. Other databases use `IN`."""
    if connection.vendor == "postgresql":
        if isinstance(ids, RawSQL):  # a subquery compiled once (access.policy._subquery)
            return _InArray(F(field), ids)
        # Without an order: `IN` drops it by itself, a list would sort for nothing.
        return _InArray(F(field), Subquery(ids.order_by()))
    return Q(**{f"{field}__in": ids})
