"""The plan's undermining warning, fed by the network (registered in `NetworkConfig.ready`).

An action "leans on" a person, place or activity when its owner's name, its description or its
named service mentions that person's or place's name (whole words, any case). Matching names is
enough for now: there is no picker linking an action to a `network.Person`; if practitioners want
one, it can replace the matching here without changing the plan page.
"""

from __future__ import annotations

from django.db.models import CharField, F, Value
from django.utils.translation import gettext as _

from .matching import action_text, mentions
from .models import Influence, Person, PlaceOrActivity

PERSON, PLACE = "person", "place"


def undermining_names(plan_ids) -> dict[int, list[tuple[str, str, str]]]:
    """By plan id: (child's name, kind, name) for everyone and everything flagged undermining.

    One query, however many plans or entries.
    """
    columns = ("flagged_plan", "flagged_child", "flagged_kind", "name")

    def flagged(model, kind):
        return (
            # The plans' own children: the plans were read for someone who may see them.
            model.across_children.filter(
                child__plan__id__in=plan_ids, influence=Influence.UNDERMINING
            )
            .annotate(
                flagged_plan=F("child__plan__id"),
                flagged_child=F("child__preferred_name"),
                flagged_kind=Value(kind, output_field=CharField()),
            )
            .order_by()
            .values_list(*columns)
        )

    found: dict[int, list[tuple[str, str, str]]] = {}
    rows = flagged(Person, PERSON).union(flagged(PlaceOrActivity, PLACE), all=True)
    for plan_id, child_name, kind, name in rows:
        found.setdefault(plan_id, []).append((child_name, kind, name))
    return found


def warning(child_name: str, kind: str, name: str) -> str:
    if kind == PERSON:
        return _(
            "This action relies on %(name)s, who is flagged as undermining %(child)s's "
            "pro-social identity. Check this is right."
        ) % {"name": name, "child": child_name}
    return _(
        "This action relies on %(name)s, which is flagged as undermining %(child)s's pro-social "
        "identity. Check this is right."
    ) % {"name": name, "child": child_name}


def leans_on_undermining_network(actions) -> dict[int, list[str]]:
    """Warnings for actions that lean on someone or something flagged as undermining."""
    plan_ids = {action.plan_id for action in actions}
    if not plan_ids:
        return {}
    flagged = undermining_names(plan_ids)
    if not flagged:
        return {}
    warnings: dict[int, list[str]] = {}
    for action in actions:
        text = action_text(action)
        for child_name, kind, name in sorted(set(flagged.get(action.plan_id, [])), key=str):
            if mentions(text, name):
                warnings.setdefault(action.id, []).append(warning(child_name, kind, name))
    return warnings
