"""More to say beside each action on the plan page, from apps above the plan (for example a
referral's state, from `resettle.referrals`).

Like the undermining checks (`undermining.py`), a source is given *all* of a plan's actions at
once and returns rows by action id, so the plan page runs a fixed number of queries however many
actions the plan has:

    def referral_states(actions: list[PlanAction]) -> dict[int, list[Extra]]:
        ...one query for the whole list...

    register(referral_states)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import PlanAction


@dataclass(frozen=True)
class Extra:
    """One row of an action's card: a label, a tag (with its GOV.UK colour), words and a link."""

    label: str
    text: str = ""
    tag: str = ""
    colour: str = "grey"
    href: str = ""
    link_text: str = ""
    # The link is only for the staff of the child's own service (the page it opens checks again).
    for_childs_service: bool = False


Source = Callable[[list["PlanAction"]], dict[int, list[Extra]]]

SOURCES: list[Source] = []


def register(source: Source) -> Source:
    """Add a source (once). Usable as a decorator."""
    if source not in SOURCES:
        SOURCES.append(source)
    return source


def extras_for(actions: Iterable[PlanAction]) -> dict[int, list[Extra]]:
    """Every registered source's rows, by action id."""
    actions = list(actions)
    if not actions:
        return {}
    found: dict[int, list[Extra]] = {}
    for source in list(SOURCES):
        for action_id, rows in (source(actions) or {}).items():
            found.setdefault(action_id, []).extend(rows)
    return found
