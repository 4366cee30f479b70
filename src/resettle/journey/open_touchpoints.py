"""Each open touchpoint, kept (`models.OpenTouchpoint`): worked out in one place.

A touchpoint is open while it is neither met (`completed_on`) nor replaced by a later legal
status (`superseded_on`). A whole service's My week asks for the open touchpoints of thousands of
children, soonest due first, to show ten: so each open touchpoint is kept with its child, the
child's owning service and its due date, and a service's first ten are an index range read,
whatever the service's size (docs/performance.md). The same shape as the plan's open actions
(plans/open_actions.py).

* **Worked out again on every change**: every save of a touchpoint (`connect`, below); the
  journey's own changes in bulk (`touchpoints.refresh`, which every new legal status, meeting and
  record that meets a touchpoint goes through) keep their children's rows themselves; every save
  of a child whose owning service changed (a transfer) moves their rows. A deleted touchpoint's
  row goes with it (the foreign key cascades). The demo and scale generators, which insert in
  bulk, call `refresh_children` themselves.
* **Concurrent changes**: on PostgreSQL the children's rows are locked before their touchpoints
  are read, as for open actions.

`tests/conftest.py` checks, after every test that used the database, that the kept rows are
exactly those worked out afresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save

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
    with transaction.atomic():
        if connection.vendor == "postgresql":  # one change at a time for each child
            list(
                Child.objects.filter(id__in=child_ids)
                .order_by("id")
                .select_for_update(no_key=True)
                .values_list("id")
            )
        found = work_out(touchpoints)
        stale = OpenTouchpoint.across_children.exclude(touchpoint_id__in=list(found))
        stale = (
            stale.filter(touchpoint_id__in=ids)
            if ids is not None
            else stale.filter(child_id__in=child_ids)
        )
        stale.delete()
        if found:
            OpenTouchpoint.across_children.bulk_create(
                list(found.values()),
                update_conflicts=True,
                unique_fields=["touchpoint"],
                update_fields=FIELDS,
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


def moved(child: Child) -> None:
    """The child's owning service changed: their rows move with them."""
    OpenTouchpoint.across_children.filter(child_id=child.pk).exclude(
        service_id=child.owning_service_id
    ).update(service_id=child.owning_service_id)


def connect() -> None:
    """Keep the rows right on every change that can change them (see the module's docstring)."""

    def touchpoint_saved(sender, instance, **kwargs) -> None:
        if not kwargs.get("raw"):
            refresh(instance)

    def child_saved(sender, instance, created, **kwargs) -> None:
        if not created and not kwargs.get("raw") and instance.owning_service_changed():
            moved(instance)

    # Not weak: these functions are made here and kept by nothing else.
    post_save.connect(
        touchpoint_saved, sender=Touchpoint, weak=False, dispatch_uid="open-touchpoint"
    )
    post_save.connect(child_saved, sender=Child, weak=False, dispatch_uid="open-touchpoint-child")
