"""Marking kept 5Cs ratings out of date, in one place (see `kept.py`).

Connected in `QualityConfig.ready()`: every save and delete of a child, or of any record that
belongs to a child (a model whose `objects` is a child-scoped manager: plans, goals, actions, the
child's words, legal status, meetings, touchpoints, the network, notes, the release checklist...),
every change to those records' many-to-many links, and every `child_record_changed` announcement
(services send it after changes they make in bulk, such as touchpoints met by the record).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from resettle.children.models import CurrentStatus
from resettle.core.scoping import ChildScopedManager
from resettle.journey.models import OpenTouchpoint
from resettle.plans.models import OpenAction

from . import kept
from .models import KeptRating

CHILD_MODEL = "children.Child"
# Kept facts derived from the child's record, not part of it: changing them changes no rating.
KEPT = (KeptRating, CurrentStatus, OpenAction, OpenTouchpoint)


def child_id_of(instance: Model, path: str) -> int | None:
    """The id of the child a record belongs to, by its manager's `child_path` ("plan__child")."""
    *through, last = path.split("__")
    owner: Any = instance
    for name in through:
        try:
            owner = getattr(owner, name, None)
        except ObjectDoesNotExist:  # deleted with it: that deletion marked the child already
            return None
        if owner is None:
            return None
    return getattr(owner, f"{last}_id", None)


def child_paths() -> dict[type[Model], str]:
    """Every model that belongs to a child, with the path from it to the child."""
    found: dict[type[Model], str] = {}
    for model in apps.get_models():
        manager = model._meta.managers_map.get("objects")
        if isinstance(manager, ChildScopedManager) and model not in (
            KeptRating,
            CurrentStatus,
            OpenAction,
        ):
            found[model] = manager.child_path
    return found


def connect() -> None:
    child_model = apps.get_model(CHILD_MODEL)
    paths = child_paths()

    def child_saved(sender, instance, **kwargs) -> None:
        if not kwargs.get("raw"):
            kept.forget([instance.pk])

    def child_deleted(sender, instance, **kwargs) -> None:
        # After the child's records (whose deletions marked the rating): the child goes last.
        KeptRating.objects.filter(child_id=instance.pk).delete()

    def record_saved(sender, instance, **kwargs) -> None:
        if not kwargs.get("raw"):
            kept.forget([child_id_of(instance, paths[sender])])

    def links_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
        if not action.startswith("post_") and action != "pre_clear":
            return
        if type(instance) in paths:
            kept.forget([child_id_of(instance, paths[type(instance)])])
        elif model in paths and pk_set:
            path = paths[model]
            rows = model._default_manager.filter(pk__in=pk_set).values_list(f"{path}_id", flat=True)
            kept.forget(list(rows))

    post_save.connect(child_saved, sender=child_model, weak=False, dispatch_uid="kept-child")
    post_delete.connect(child_deleted, sender=child_model, weak=False, dispatch_uid="kept-gone")
    for signal in (post_save, post_delete):
        for model in paths:
            signal.connect(
                record_saved,
                sender=model,
                weak=False,
                dispatch_uid=f"kept-{id(signal)}-{model._meta.label}",
            )
    for model in paths:
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                links_changed,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"kept-m2m-{field.remote_field.through}",
            )


def record_changed(sender, child, **kwargs) -> None:
    kept.forget([child.pk])
