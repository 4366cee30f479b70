"""Each open action, kept (`models.OpenAction`): worked out in one place.

An action is open while its status is not a closed one (the statuses are configuration). Lists of
a whole service or establishment ask for the open actions of thousands of children, soonest due
first, to show ten (My week; the establishment's week). Read through the plans, that means every
action of every one of those children; so each open action is kept with what those lists filter
and sort by (its child, the child's owning service, its due date and its owners) and read from
its indexes: a service's first ten are an index range read, whatever the service's size
(docs/performance.md).

* **Worked out again on every change** (`connect`, below): every save of an action; every save
  of an action status (a status may be made closed or open again); every save of a child whose
  owning service changed (a transfer: `children.kept_rows` moves the rows). A deleted action's
  row goes with it (the foreign key cascades). Code that writes actions in bulk (the demo and
  scale generators) calls `refresh` itself.
* **Concurrent changes**: on PostgreSQL the children's rows are locked before their actions are
  read (`children.kept_rows.keep`), so an action saved during a transfer reads the child's service
  after the transfer, or the transfer, waiting, moves the row the action wrote.

`tests/conftest.py` checks, after every test that used the database, that the kept rows are
exactly those worked out afresh.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F, QuerySet
from django.db.models.signals import post_save

from resettle.access.parts import PartsFirst
from resettle.children import kept_rows
from resettle.children.models import Child

from .models import ActionStatus, OpenAction, PlanAction

FIELDS = ["child", "service", "due_on", "owner_person", "owner_organisation"]
CHUNK = 1000


def work_out(actions: QuerySet) -> dict[int, OpenAction]:
    """The kept rows of the open actions among `actions` (one query)."""
    rows = actions.filter(status__is_closed=False).values_list(
        "id",
        "plan__child_id",
        "plan__child__owning_service_id",
        "due_on",
        "owner_person_id",
        "owner_organisation_id",
    )
    return {
        action_id: OpenAction(
            action_id=action_id,
            child_id=child_id,
            service_id=service_id,
            due_on=due_on,
            owner_person_id=person_id,
            owner_organisation_id=organisation_id,
        )
        for action_id, child_id, service_id, due_on, person_id, organisation_id in rows
    }


def refresh(action_ids: Iterable[int]) -> None:
    """Work these actions out again and keep them: a row for each one that is open, none for the
    others (in the caller's transaction, or one of its own)."""
    ids = sorted({i for i in action_ids if i is not None})
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]

        def closed(found, chunk=chunk) -> QuerySet:
            return OpenAction.across_children.filter(action_id__in=set(chunk).difference(found))

        kept_rows.keep(
            OpenAction,
            Child.objects.filter(plan__actions__id__in=chunk),
            lambda chunk=chunk: work_out(PlanAction.across_children.filter(id__in=chunk)),
            closed,
            "action",
            FIELDS,
        )


def refresh_children(child_ids: Iterable[int]) -> None:
    """Work out again every action of these children (for code that writes actions in bulk)."""
    ids = sorted({i for i in child_ids if i is not None})
    for start in range(0, len(ids), CHUNK):
        refresh(
            PlanAction.across_children.filter(
                plan__child_id__in=ids[start : start + CHUNK]
            ).values_list("id", flat=True)
        )


ORDER = ("due_on", "id")


def listed(
    parts: list[QuerySet], related: tuple[str, ...], ordering=ORDER, columns=("due_on",)
) -> PartsFirst:
    """The actions of the kept rows `parts` holds (parts of `OpenAction` that never share a row,
    such as `access.policy.kept_parts` gives), as a list sliced as a queryset is: a page's ids
    read in order from the parts' indexes, then those actions with `related` joined."""
    return PartsFirst(
        [part.annotate(id=F("action_id")) for part in parts],
        ordering,
        columns,
        lambda ids: PlanAction.across_children.select_related(*related).in_bulk(ids),
    )


def connect() -> None:
    """Keep the rows right on every change that can change them (see the module's docstring)."""

    def action_saved(sender, instance, **kwargs) -> None:
        if not kwargs.get("raw"):
            refresh([instance.pk])

    def status_saved(sender, instance, created, **kwargs) -> None:
        if not created and not kwargs.get("raw"):
            refresh(PlanAction.across_children.filter(status=instance).values_list("id", flat=True))

    if OpenAction not in kept_rows.WITH_SERVICE:  # rows that move with the child
        kept_rows.WITH_SERVICE.append(OpenAction)
    # Not weak: these functions are made here and kept by nothing else.
    post_save.connect(action_saved, sender=PlanAction, weak=False, dispatch_uid="open-action")
    post_save.connect(status_saved, sender=ActionStatus, weak=False, dispatch_uid="open-status")
