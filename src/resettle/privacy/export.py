"""Subject access: everything Resettle holds about a child, found by walking the models.

Starting from the child, every model with a foreign key to a model already collected is collected
too, so a new model that refers to a child (directly, or through a plan, a meeting...) is exported
without anyone remembering to add it. Shared reference data (people, organisations) is not walked
into: it is named, not copied.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from resettle.children.models import Child

# Models that are reference data, not part of a child's record; a foreign key to them is shown as a
# name and never followed.
REFERENCE_MODELS = {"accounts.organisation", "accounts.user"}


@dataclass
class Section:
    model: type[models.Model]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    @property
    def key(self) -> str:
        return self.model._meta.label_lower


def referring_models() -> dict[str, list[tuple[type[models.Model], models.ForeignKey]]]:
    """For each model, the (model, field) pairs that point at it with a foreign key."""
    refs: dict[str, list] = {}
    for model in apps.get_models():
        for f in model._meta.get_fields():
            if isinstance(f, models.ForeignKey | models.OneToOneField) and f.concrete:
                target = f.related_model._meta.label_lower
                refs.setdefault(target, []).append((model, f))
    return refs


def models_in_a_childs_record() -> list[type[models.Model]]:
    """Every model reachable from Child by following foreign keys backwards."""
    refs = referring_models()
    found: list[type[models.Model]] = [Child]
    queue = deque([Child._meta.label_lower])
    seen = {Child._meta.label_lower}
    found.append(Child.history.model)  # the child's own change history has no foreign key
    while queue:
        for model, _f in refs.get(queue.popleft(), []):
            label = model._meta.label_lower
            if label not in seen and label not in REFERENCE_MODELS:
                seen.add(label)
                found.append(model)
                queue.append(label)
    return found


def _value(obj: models.Model, f: models.Field) -> Any:
    value = getattr(obj, f.attname)
    if value is None:
        return None
    if isinstance(f, models.ForeignKey | models.OneToOneField):
        if f.related_model._meta.label_lower in REFERENCE_MODELS:
            related = getattr(obj, f.name, None)
            return str(related) if related is not None else None
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def record_ids(child: Child) -> dict[str, tuple[type[models.Model], set]]:
    """The primary keys of every row in the child's record, by model, parents before children."""
    refs = referring_models()
    wanted = {m._meta.label_lower for m in models_in_a_childs_record()}
    found: dict[str, tuple[type[models.Model], set]] = {
        Child._meta.label_lower: (Child, {child.pk})
    }
    queue = deque([Child._meta.label_lower])
    while queue:
        parent = queue.popleft()
        parent_ids = found[parent][1]
        for model, f in refs.get(parent, []):
            label = model._meta.label_lower
            if label not in wanted or not parent_ids:
                continue
            pks = set(
                model._default_manager.filter(**{f"{f.name}__in": parent_ids}).values_list(
                    "pk", flat=True
                )
            )
            new = pks - found.get(label, (model, set()))[1]
            if new:
                found.setdefault(label, (model, set()))[1].update(new)
                queue.append(label)
    history = Child.history.model
    found[history._meta.label_lower] = (
        history,
        set(history._default_manager.filter(id=child.pk).values_list("pk", flat=True)),
    )
    return found


def collect(child: Child) -> list[Section]:
    """The child's whole record, section by section, in a fixed number of queries per model."""
    sections = []
    for model, pks in record_ids(child).values():
        reference_fks = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey)
            and f.related_model._meta.label_lower in REFERENCE_MODELS
        ]
        queryset = model._default_manager.filter(pk__in=pks).select_related(*reference_fks)
        fields = list(model._meta.concrete_fields)
        section = Section(model)
        section.rows = [
            {str(f.verbose_name): _value(obj, f) for f in fields} for obj in queryset.order_by("pk")
        ]
        sections.append(section)
    return sections


def as_json(child: Child) -> dict[str, Any]:
    return {
        "child": str(child.public_id),
        "format": "resettle-subject-access/1",
        "sections": {s.key: {"label": s.label, "rows": s.rows} for s in collect(child)},
    }
