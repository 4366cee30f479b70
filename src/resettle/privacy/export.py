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


def collect(child: Child) -> list[Section]:
    """The child's whole record, section by section, in a fixed number of queries per model."""
    refs = referring_models()
    wanted = {m._meta.label_lower for m in models_in_a_childs_record()}
    ids: dict[str, set] = {Child._meta.label_lower: {child.pk}}
    sections: dict[str, Section] = {Child._meta.label_lower: Section(Child)}
    queue = deque([Child._meta.label_lower])
    while queue:
        parent = queue.popleft()
        for model, f in refs.get(parent, []):
            label = model._meta.label_lower
            if label not in wanted:
                continue
            parent_ids = ids.get(parent, set())
            if not parent_ids:
                continue
            found = set(
                model._default_manager.filter(**{f"{f.name}__in": parent_ids}).values_list(
                    "pk", flat=True
                )
            )
            new = found - ids.get(label, set())
            if new:
                ids.setdefault(label, set()).update(new)
                sections.setdefault(label, Section(model))
                queue.append(label)
    history = Child.history.model
    ids[history._meta.label_lower] = set(
        history._default_manager.filter(id=child.pk).values_list("pk", flat=True)
    )
    sections[history._meta.label_lower] = Section(history)
    for label, section in sections.items():
        model = section.model
        reference_fks = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey)
            and f.related_model._meta.label_lower in REFERENCE_MODELS
        ]
        queryset = model._default_manager.filter(pk__in=ids[label]).select_related(*reference_fks)
        fields = list(model._meta.concrete_fields)
        section.rows = [
            {str(f.verbose_name): _value(obj, f) for f in fields} for obj in queryset.order_by("pk")
        ]
    return list(sections.values())


def as_json(child: Child) -> dict[str, Any]:
    return {
        "child": str(child.public_id),
        "format": "resettle-subject-access/1",
        "sections": {s.key: {"label": s.label, "rows": s.rows} for s in collect(child)},
    }
