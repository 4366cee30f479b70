"""Records that belong to a child: queries that cannot forget which child.

A model that belongs to a child declares::

    objects = ChildScopedManager()          # code reads through this: it fails closed
    across_children = across()              # the named exception, for jobs that span children

    class Meta:
        default_manager_name = "across_children"   # what Django itself uses (admin, relations)

A query through `objects` must say which child before it is run, or it raises `UnscopedQuery`::

    VoiceEntry.objects.filter(recorded_on=day).count()       # raises
    VoiceEntry.objects.for_child(child).filter(...)          # one child's entries
    VoiceEntry.objects.for_children(page_of_children)       # a page of children (a list page)
    VoiceEntry.objects.filter(child=child)                   # the same as for_child

Filtering on the child (or on the record the model belongs to through: a plan action's plan), or
on the primary key (an id that never leaves the server), says which child. Writing (`create`,
`bulk_create`) is always allowed: a write names its child. Relations from the child
(`child.voice_entries.all()`) are scoped by the relation itself, and a query that genuinely spans
every child (retention, notifications, partnership figures) uses `across_children` and says why
where it does.

A model that belongs to a child through another record sets the manager's `child_path`, for
example `ChildScopedManager(child_path="plan__child")` for a plan action.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Q

# Lookups on the primary key say which rows, so they say which child.
_KEYS = {"pk", "id"}


class UnscopedQuery(Exception):
    """A query of a child's records that does not say which child."""


def _names(q: Q) -> Iterable[str]:
    for child in q.children:
        if isinstance(child, Q):
            yield from _names(child)
        else:
            yield child[0]


class ChildScopedQuerySet(models.QuerySet):
    child_path = "child"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._says_which_child = False

    def _clone(self):
        clone = super()._clone()
        clone.child_path = self.child_path
        clone._says_which_child = self._says_which_child
        return clone

    def _scoped_by(self, names: Iterable[str]) -> bool:
        owner = self.child_path.split("__")[0]
        for name in names:
            first = name.split("__")[0]
            if first in (owner, f"{owner}_id") or first in _KEYS:
                return True
        return False

    def _marked(self, queryset: ChildScopedQuerySet) -> ChildScopedQuerySet:
        queryset._says_which_child = True
        return queryset

    def _require_scope(self) -> None:
        if not self._says_which_child:
            name = self.model.__name__
            raise UnscopedQuery(
                f"{name} belongs to a child: use .for_child(child) or .for_children(children), "
                f"or {name}.across_children for a job that spans every child."
            )

    # ---- Saying which child -------------------------------------------------------------------

    def for_child(self, child) -> ChildScopedQuerySet:
        return self._marked(super().filter(**{self.child_path: child}))

    def for_children(self, children: Iterable[Any] | models.QuerySet) -> ChildScopedQuerySet:
        """`children`: child objects, ids, or a queryset of children (a subquery, no round trip)."""
        if not isinstance(children, models.QuerySet):
            children = [getattr(c, "pk", c) for c in children]
        return self._marked(super().filter(**{f"{self.child_path}__in": children}))

    def filter(self, *args, **kwargs) -> ChildScopedQuerySet:
        queryset = super().filter(*args, **kwargs)
        names = [*kwargs, *(n for q in args if isinstance(q, Q) for n in _names(q))]
        return self._marked(queryset) if self._scoped_by(names) else queryset

    # ---- Running the query: only once it says which child ----------------------------------------

    def _fetch_all(self) -> None:
        if self._result_cache is None:
            self._require_scope()
        super()._fetch_all()

    def iterator(self, *args, **kwargs):
        self._require_scope()
        return super().iterator(*args, **kwargs)

    def count(self) -> int:
        self._require_scope()
        return super().count()

    def exists(self) -> bool:
        self._require_scope()
        return super().exists()

    def aggregate(self, *args, **kwargs):
        self._require_scope()
        return super().aggregate(*args, **kwargs)

    def update(self, **kwargs) -> int:
        self._require_scope()
        return super().update(**kwargs)

    def delete(self):
        self._require_scope()
        return super().delete()

    def in_bulk(self, *args, **kwargs):
        self._require_scope()
        return super().in_bulk(*args, **kwargs)


class ChildScopedManager(models.Manager.from_queryset(ChildScopedQuerySet)):
    """The manager that fails closed: say which child (see the module's docstring)."""

    def __init__(self, child_path: str = "child", queryset_class=ChildScopedQuerySet) -> None:
        super().__init__()
        self.child_path = child_path
        self._queryset_class = queryset_class

    def get_queryset(self) -> ChildScopedQuerySet:
        queryset = self._queryset_class(model=self.model, using=self._db, hints=self._hints)
        queryset.child_path = self.child_path
        return queryset


def across(queryset_class: type[ChildScopedQuerySet] = ChildScopedQuerySet) -> models.Manager:
    """The manager for `across_children`, which is also Django's default manager for the model
    (the admin, model validation, and relations such as `child.voice_entries`, which are scoped
    by the relation). Its queries need not say which child."""

    class AcrossChildren(models.Manager.from_queryset(queryset_class)):
        def get_queryset(self):
            queryset = super().get_queryset()
            queryset._says_which_child = True
            return queryset

    return AcrossChildren()
