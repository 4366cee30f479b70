"""Each child's current legal status, kept (`models.CurrentStatus`): worked out in one place.

A child's current legal status is their latest episode that has started (`CURRENT_ORDER`). Lists
of a whole service or establishment ask it of thousands of children (releases coming up in the
next 12 weeks; the children placed in an establishment now), so it is kept per child and read from
its indexes (docs/performance.md):

* **Worked out again on every change**: every save or delete of a legal status episode
  (`connect`, below) works out its child's current status in the same transaction. Code that
  writes episodes in bulk (the demo and scale generators) calls `refresh` itself.
* **Concurrent changes**: the child's row is locked before their episodes are read (PostgreSQL;
  SQLite writes one at a time), so a change that commits later reads the earlier one's episodes.
* **A status recorded ahead**: an episode that starts after today becomes current on its start
  date. The row says so (`changes_on`), and every list that reads the rows first works out again
  those due by its date (`refresh_due`: one indexed query when none are), so nothing needs to
  run overnight.

`tests/conftest.py` checks, after every test that used the database, that every kept status equals
one worked out afresh.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from resettle.core.dates import today

from .models import Child, CurrentStatus, LegalStatusEpisode

FIELDS = ["episode", "status", "establishment", "starts_on", "expected_release_on"]
CHUNK = 1000


def work_out(child_ids: Iterable[int], on: date) -> dict[int, CurrentStatus]:
    """Each child's current status on `on`, from their episodes (one query)."""
    ids = sorted(set(child_ids))
    found = {i: CurrentStatus(child_id=i, worked_out_on=on, status="") for i in ids}
    rows = (
        LegalStatusEpisode.across_children.filter(child_id__in=ids)
        .order_by("child_id", "starts_on", "id")  # the latest started one comes last
        .values_list(
            "id", "child_id", "status", "establishment_id", "starts_on", "expected_release_on"
        )
    )
    for episode_id, child_id, status, establishment_id, starts_on, release_on in rows:
        row = found[child_id]
        if starts_on <= on:
            row.episode_id, row.status, row.establishment_id = episode_id, status, establishment_id
            row.starts_on, row.expected_release_on = starts_on, release_on
        elif row.changes_on is None or starts_on < row.changes_on:
            row.changes_on = starts_on
    return found


def refresh(child_ids: Iterable[int], on: date | None = None) -> None:
    """Work out these children's current status again and keep it (in the caller's
    transaction, or one of its own)."""
    ids = sorted({i for i in child_ids if i is not None})
    on = on or today()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            if connection.vendor == "postgresql":  # one change at a time for each child
                list(
                    CurrentStatus.across_children.select_for_update()
                    .filter(child_id__in=chunk)
                    .order_by("child_id")
                    .values_list("child_id")
                )
            CurrentStatus.across_children.bulk_create(
                list(work_out(chunk, on).values()),
                update_conflicts=True,
                unique_fields=["child"],
                update_fields=[*FIELDS, "worked_out_on", "changes_on"],
            )


def refresh_due(on: date | None = None) -> None:
    """Before reading the kept statuses for the day `on`: work out again those that no longer
    hold (a status recorded ahead has started; or kept for a later day than `on`). One indexed
    query when none are due."""
    on = on or today()
    due = list(
        CurrentStatus.across_children.filter(
            Q(changes_on__lte=on) | Q(worked_out_on__gt=on)
        ).values_list("child_id", flat=True)
    )
    if due:
        refresh(due, on)


def kept_for(on: date | None = None):
    """The kept statuses, all holding on `on` (a queryset of `CurrentStatus`)."""
    refresh_due(on)
    return CurrentStatus.across_children.all()


def connect() -> None:
    """Every save or delete of an episode works its child's status out again; a deleted child's
    row goes with them."""

    def episode_changed(sender, instance, **kwargs) -> None:
        if not kwargs.get("raw"):
            refresh([instance.child_id])

    def child_deleted(sender, instance, **kwargs) -> None:
        CurrentStatus.across_children.filter(child_id=instance.pk).delete()

    # Not weak: these functions are made here and kept by nothing else.
    post_save.connect(
        episode_changed, sender=LegalStatusEpisode, weak=False, dispatch_uid="current-saved"
    )
    post_delete.connect(
        episode_changed, sender=LegalStatusEpisode, weak=False, dispatch_uid="current-gone"
    )
    post_delete.connect(child_deleted, sender=Child, weak=False, dispatch_uid="current-child-gone")
