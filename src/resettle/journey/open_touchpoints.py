"""Each open touchpoint, kept (`models.OpenTouchpoint`): worked out in one place.

A touchpoint is open while it is neither met (`completed_on`) nor replaced by a later legal
status (`superseded_on`). A whole service's My week asks for the open touchpoints of thousands of
children, soonest due first, to show ten: so each open touchpoint is kept with its child, the
child's owning service and its due date, and a service's first ten are an index range read,
whatever the service's size (docs/performance.md). The same shape as the plan's open actions
(plans/open_actions.py).

* **Worked out again on every change**: every save of a touchpoint (`connect`, below); the
  journey's own changes in bulk (`touchpoints.refresh`, which every new legal status, meeting and
  record that meets a touchpoint goes through) keep their children's rows themselves; a child
  whose owning service changed (a transfer) takes their rows along (`children.kept_rows`). A
  deleted touchpoint's row goes with it (the foreign key cascades). The demo and scale
  generators, which insert in bulk, call `refresh_children` themselves.
* **Concurrent changes**: on PostgreSQL the children's rows are locked before their touchpoints
  are read (`children.kept_rows.keep`), as for open actions.

`tests/conftest.py` checks, after every test that used the database, that the kept rows are
exactly those worked out afresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet
from django.db.models.signals import post_save

from resettle.children import kept_rows
from resettle.children.models import Child

from .models import OpenTouchpoint, Touchpoint

FIELDS = ["child", "service", "due_on"]
CHUNK = 1000


def work_out(touchpoints: QuerySet) -> dict[int, OpenTouchpoint]:
    """The kept rows of the open touchpoints among `touchpoints` (one query)."""
    rows = touchpoints.filter(completed_on__isnull=True, superseded_on__isnull=True).values_list(
        "id", "child_id", "child__owning_service_id", "due_on"
    )
    return {
        touchpoint_id: OpenTouchpoint(
            touchpoint_id=touchpoint_id, child_id=child_id, service_id=service_id, due_on=due_on
        )
        for touchpoint_id, child_id, service_id, due_on in rows
    }


def _keep(child_ids: list[int], touchpoints: QuerySet, ids: list[int] | None) -> None:
    """Keep the rows of `touchpoints` (of the children `child_ids`): those open, and none for the
    others (`ids`: the touchpoints asked about; None for every one of those children's)."""

    def closed(found) -> QuerySet:
        rows = OpenTouchpoint.across_children.exclude(touchpoint_id__in=found)
        return (
            rows.filter(touchpoint_id__in=ids)
            if ids is not None
            else rows.filter(child_id__in=child_ids)
        )

    kept_rows.keep(
        OpenTouchpoint,
        Child.objects.filter(id__in=child_ids),
        lambda: work_out(touchpoints),
        closed,
        "touchpoint",
        FIELDS,
    )


def refresh_children(child_ids: Iterable) -> None:
    """Work out again every touchpoint of these children (objects or ids) and keep them."""
    ids = sorted({getattr(c, "pk", c) for c in child_ids} - {None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        _keep(chunk, Touchpoint.across_children.filter(child_id__in=chunk), None)


def refresh(touchpoint: Touchpoint) -> None:
    """Work out one touchpoint again and keep it."""
    _keep(
        [touchpoint.child_id],
        Touchpoint.across_children.filter(pk=touchpoint.pk),
        [touchpoint.pk],
    )


def connect() -> None:
    """Keep the rows right on every change that can change them (see the module's docstring)."""

    def touchpoint_saved(sender, instance, **kwargs) -> None:
        if not kwargs.get("raw"):
            refresh(instance)

    if OpenTouchpoint not in kept_rows.WITH_SERVICE:  # rows that move with the child
        kept_rows.WITH_SERVICE.append(OpenTouchpoint)
    # Not weak: this function is made here and kept by nothing else.
    post_save.connect(
        touchpoint_saved, sender=Touchpoint, weak=False, dispatch_uid="open-touchpoint"
    )
