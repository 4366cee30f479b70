"""Facts of the plan that other parts read (docs/domain.md, section 8), each worked out here once.

* **Plans B for the key arrangements**: accommodation and education, training or employment
  (ETE) on release. For each of the two the plan has live actions on, a plan B exists and the child
  was told it (`Contingency.child_told_on`: one field per plan B). Release readiness and the 5Cs
  read `key_plans_b`; the prompt for a missing plan B goes to the structural action being arranged.
* **The agreed version**: an agreement is for a version of the plan (`Plan.version`); the plan
  changed since when `plan.version > agreement.plan_version`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .models import ActionKind, PlanAction

ACCOMMODATION = "accommodation"
ETE = "ete"
KEY_PATHWAYS = (ACCOMMODATION, ETE)


@dataclass(frozen=True)
class ActionFacts:
    """What other parts need to know about an action, without its words' history."""

    public_id: Any
    description: str
    kind: str
    pathway_slug: str
    has_owner: bool
    due_on: date | None
    is_closed: bool
    # A closed status that needs a reason (for example "Dropped"): the action will not happen.
    is_dropped: bool
    serves_goal: bool
    specific_service: str
    has_plan_b: bool
    plan_b_told_on: date | None

    @classmethod
    def of(cls, action: PlanAction, serves_goal: bool) -> ActionFacts:
        """From an action loaded with its status, pathway and contingency."""
        contingency = getattr(action, "contingency", None)
        return cls(
            public_id=action.public_id,
            description=action.description,
            kind=action.kind,
            pathway_slug=action.pathway.slug,
            has_owner=action.has_owner,
            due_on=action.due_on,
            is_closed=action.status.is_closed,
            is_dropped=action.status.is_closed and action.status.needs_reason,
            serves_goal=serves_goal,
            specific_service=action.specific_service.strip(),
            has_plan_b=contingency is not None,
            plan_b_told_on=contingency.child_told_on if contingency else None,
        )


@dataclass
class PlansB:
    """Plans B for the key arrangements the plan has."""

    present: list[str] = field(default_factory=list)  # key pathways with live actions
    told: list[str] = field(default_factory=list)  # ... whose plan B the child was told
    untold: list[ActionFacts] = field(default_factory=list)  # a plan B not told yet
    missing: list[ActionFacts] = field(default_factory=list)  # where a plan B should go

    @property
    def all_told(self) -> bool:
        return bool(self.present) and len(self.told) == len(self.present)

    @property
    def next_to_do(self) -> ActionFacts | None:
        """The action a prompt should point at: an untold plan B, else a missing one."""
        return (self.untold or self.missing or [None])[0]


def _where_plan_b_goes(actions: list[ActionFacts]) -> ActionFacts:
    """Plan B belongs on the structural arrangement still being made, if there is one."""

    def rank(action: ActionFacts) -> tuple[int, int]:
        return (action.kind != ActionKind.STRUCTURAL, action.is_closed)

    return min(actions, key=rank)


def key_plans_b(actions: Iterable[ActionFacts]) -> PlansB:
    live = [a for a in actions if not a.is_dropped]
    result = PlansB()
    for pathway in KEY_PATHWAYS:
        mine = [a for a in live if a.pathway_slug == pathway]
        if not mine:
            continue
        result.present.append(pathway)
        with_plan_b = [a for a in mine if a.has_plan_b]
        untold = [a for a in with_plan_b if a.plan_b_told_on is None]
        if untold:
            result.untold.append(_where_plan_b_goes(untold))
        elif with_plan_b:
            result.told.append(pathway)
        else:
            result.missing.append(_where_plan_b_goes(mine))
    return result


def load_key_actions(children: Iterable) -> dict[int, list[ActionFacts]]:
    """The accommodation and ETE actions of each child, for release readiness. One query."""
    ids = [getattr(c, "pk", c) for c in children]
    found: dict[int, list[ActionFacts]] = {child_id: [] for child_id in ids}
    actions = (
        PlanAction.objects.for_children(ids)
        .filter(pathway__slug__in=KEY_PATHWAYS)
        .select_related("plan", "pathway", "status", "contingency")
        .order_by("due_on", "id")
    )
    for action in actions:
        found[action.plan.child_id].append(ActionFacts.of(action, serves_goal=False))
    return found


def changed_since_agreed(plan, agreement) -> bool:
    """The plan says something the child has not agreed (an agreement is for a version)."""
    return agreement is not None and plan is not None and plan.version > agreement.plan_version
