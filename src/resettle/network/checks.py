"""The undermining warnings, fed by the network (registered in `NetworkConfig.ready`): for the
plan's actions (`plans.undermining`) and for any other words about a child
(`children.undermining`: who meets the child on release, who took part in a meeting, who is
helping on the child's own plan).

Words "lean on" a person, place or activity when they mention its name (whole words, any case).
People flagged as undermining and places rated unsafe are looked for, in one query however many
children, entries or words.
"""

from __future__ import annotations

from collections.abc import Hashable

from django.db.models import CharField, F, Q, Value
from django.utils.translation import gettext as _

from .matching import action_text, mentions
from .models import Influence, Person, PlaceOrActivity, Safety

PERSON, PLACE = "person", "place"


def _flagged(where: Q, key: str) -> dict[int, list[tuple[str, str, str]]]:
    """By `key` (a path to the child's plan or the child): (child's name, kind, name) for everyone
    flagged undermining and everything rated unsafe. One query."""
    columns = ("flagged_key", "flagged_child", "flagged_kind", "name")

    def flagged(model, kind, influence):
        return (
            # The children's own entries: their words were read for someone who may see them.
            model.across_children.filter(where, influence=influence)
            .annotate(
                flagged_key=F(key),
                flagged_child=F("child__preferred_name"),
                flagged_kind=Value(kind, output_field=CharField()),
            )
            .order_by()
            .values_list(*columns)
        )

    found: dict[int, list[tuple[str, str, str]]] = {}
    rows = flagged(Person, PERSON, Influence.UNDERMINING).union(
        flagged(PlaceOrActivity, PLACE, Safety.UNSAFE), all=True
    )
    for key_value, child_name, kind, name in rows:
        found.setdefault(key_value, []).append((child_name, kind, name))
    return found


def undermining_names(plan_ids) -> dict[int, list[tuple[str, str, str]]]:
    """By plan id: (child's name, kind, name) for everyone and everything flagged."""
    return _flagged(Q(child__plan__id__in=plan_ids), "child__plan__id")


def warning(child_name: str, kind: str, name: str, *, action: bool = False) -> str:
    values = {"name": name, "child": child_name}
    if kind == PERSON and action:
        return (
            _(
                "This action relies on %(name)s, who is flagged as undermining %(child)s's "
                "pro-social identity. Check this is right."
            )
            % values
        )
    if kind == PERSON:
        return (
            _(
                "%(name)s is flagged as undermining %(child)s's pro-social identity. Check this is "
                "right."
            )
            % values
        )
    if action:
        return (
            _(
                "This action relies on %(name)s, which is flagged as unsafe for %(child)s. Check "
                "this is right."
            )
            % values
        )
    return _("%(name)s is flagged as unsafe for %(child)s. Check this is right.") % values


def _matches(text: str, flagged: list[tuple[str, str, str]], *, action: bool = False) -> list[str]:
    return [
        warning(child_name, kind, name, action=action)
        for child_name, kind, name in sorted(set(flagged), key=str)
        if mentions(text, name)
    ]


def leans_on_undermining_network(actions) -> dict[int, list[str]]:
    """Warnings for plan actions that lean on someone or something flagged."""
    plan_ids = {action.plan_id for action in actions}
    if not plan_ids:
        return {}
    flagged = undermining_names(plan_ids)
    if not flagged:
        return {}
    warnings: dict[int, list[str]] = {}
    for action in actions:
        found = _matches(action_text(action), flagged.get(action.plan_id, []), action=True)
        if found:
            warnings[action.id] = found
    return warnings


def mentions_undermining_network(
    texts: dict[int, dict[Hashable, str]],
) -> dict[int, dict[Hashable, list[str]]]:
    """Warnings for any words about children that lean on someone or something flagged."""
    flagged = _flagged(Q(child_id__in=list(texts)), "child_id")
    warnings: dict[int, dict[Hashable, list[str]]] = {}
    for child_id, words in texts.items():
        for key, text in words.items():
            found = _matches(text, flagged.get(child_id, []))
            if found:
                warnings.setdefault(child_id, {})[key] = found
    return warnings
