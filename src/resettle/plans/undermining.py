"""Warnings when a plan leans on someone or something that undermines the child's pro-social
identity (docs/domain.md, the framework, "the child's network").

The network (the child's people, placements and activities, each flagged positive, mixed or
undermining) arrives later; it registers a check here, and the plan page shows what the checks say
beside each action.

A check is given *all* of a plan's actions at once and returns warnings by action id, so the plan
page runs a fixed number of queries however many actions the plan has:

    def leans_on_undermining_people(actions: list[PlanAction]) -> dict[int, list[str]]:
        ...one query for the whole list...

    register(leans_on_undermining_people)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import PlanAction

UnderminingCheck = Callable[[list["PlanAction"]], dict[int, list[str]]]

UNDERMINING_CHECKS: list[UnderminingCheck] = []


def register(check: UnderminingCheck) -> UnderminingCheck:
    """Add a check (once). Usable as a decorator."""
    if check not in UNDERMINING_CHECKS:
        UNDERMINING_CHECKS.append(check)
    return check


def unregister(check: UnderminingCheck) -> None:
    if check in UNDERMINING_CHECKS:
        UNDERMINING_CHECKS.remove(check)


def warnings_for(actions: Iterable[PlanAction]) -> dict[int, list[str]]:
    """Every registered check's warnings, by action id. Actions with no warnings are left out."""
    actions = list(actions)
    if not actions:
        return {}
    known = {action.id for action in actions}
    warnings: dict[int, list[str]] = {}
    for check in list(UNDERMINING_CHECKS):
        for action_id, messages in (check(actions) or {}).items():
            if action_id in known and messages:
                warnings.setdefault(action_id, []).extend(str(m) for m in messages)
    return warnings
