"""What the records kept for lists with a child's owning service share (`plans.OpenAction`,
`journey.OpenTouchpoint`): each app works out its own rows; this keeps them, in one way.

* `keep`: in one transaction, lock the children (PostgreSQL), then write the rows worked out and
  delete those that no longer hold. The lock (`FOR NO KEY UPDATE` on the children's rows) makes a
  change to a child's records wait for a transfer of that child, and read the new service.
* `WITH_SERVICE` and `connect`: every save of a child whose owning service changed (a transfer:
  `Child.owning_service_changed`) moves the rows of every kept model registered here, in one
  receiver, so no kept table depends on the order receivers run in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save

from .models import Child

# The kept models with `child` and `service` fields (registered by their apps' ready()).
WITH_SERVICE: list[type[models.Model]] = []


def lock(children: QuerySet) -> None:
    """Lock these children's rows until the transaction ends (PostgreSQL; SQLite writes one at a
    time). `children`: a queryset of children."""
    if connection.vendor == "postgresql":
        list(children.order_by("id").select_for_update(no_key=True, of=("self",)).values_list("id"))


def keep(
    model: type[models.Model],
    children: QuerySet,
    work_out: Callable[[], dict],
    stale: Callable[[Iterable], QuerySet],
    key: str,
    fields: list[str],
) -> None:
    """Keep `model`'s rows: lock `children`, work the rows out (`work_out`: {key: row}), delete
    the rows `stale(found keys)` gives, and write (insert or update) those found."""
    with transaction.atomic():
        lock(children)
        found = work_out()
        stale(list(found)).delete()
        if found:
            model._default_manager.bulk_create(
                list(found.values()),
                update_conflicts=True,
                unique_fields=[key],
                update_fields=fields,
            )


def moved(child: Child) -> None:
    """The child's owning service changed: their kept rows move with them."""
    for model in WITH_SERVICE:
        model._default_manager.filter(child_id=child.pk).exclude(
            service_id=child.owning_service_id
        ).update(service_id=child.owning_service_id)


def connect() -> None:
    def child_saved(sender, instance, created, **kwargs) -> None:
        if not created and not kwargs.get("raw") and instance.owning_service_changed():
            moved(instance)

    # Not weak: this function is made here and kept by nothing else.
    post_save.connect(child_saved, sender=Child, weak=False, dispatch_uid="kept-rows-moved")
