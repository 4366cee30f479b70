"""Reading a plan: everything the plan page shows, in a fixed number of queries, and its history.

Keep prefetching here, in one place: if the plan page needs something more about an action, add
it to `actions_for_page`, and the pinned query count in tests/plans/test_query_counts.py tells you
whether it still does not grow with the number of actions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .extras import extras_for
from .facts import changed_since_agreed
from .models import (
    ActionKind,
    ActionStatus,
    Agreement,
    Contingency,
    CustodyProgress,
    Goal,
    Need,
    Pathway,
    Plan,
    PlanAction,
    action_history,
)
from .services import latest_words
from .undermining import warnings_for

AGREEMENTS_SHOWN = 20
# How the history names the fields that record progress on an action (not a change to agree).
PROGRESS_LABELS = {"Status", "Reason for the status"}


def actions_for_page(plan: Plan, pathways: list[Pathway] | None = None) -> list[PlanAction]:
    """The plan's actions as its pages show them, soonest due first. Each action's pathway and
    status come from those short lists (`pathways`, if the page has them already), not from joins:
    each table joined to the actions multiplies the database's time planning the query
    (docs/performance.md)."""
    actions = list(
        plan.actions.select_related(
            "owner_person",
            "owner_organisation",
            "contingency",
            "service__organization",
        )
        .prefetch_related(
            Prefetch("goals", queryset=Goal.across_children.order_by("order", "id")),
            "service__phones",  # how to reach the service (no query when no action has one)
        )
        .order_by("due_on", "id")
    )
    if actions:
        by_id = {p.id: p for p in (Pathway.objects.all() if pathways is None else pathways)}
        statuses = {s.id: s for s in ActionStatus.objects.all()}
        for action in actions:
            action.pathway = by_id[action.pathway_id]
            action.status = statuses[action.status_id]
    return actions


@dataclass
class PathwaySection:
    pathway: Pathway
    needs: list[Need] = field(default_factory=list)
    structural: list[PlanAction] = field(default_factory=list)
    personal: list[PlanAction] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.needs or self.structural or self.personal)


@dataclass
class PlanPage:
    plan: Plan | None
    goals: list[Goal]
    past_goals: list[Goal]
    actions: list[PlanAction]
    sections: list[PathwaySection]
    agreements: list[Agreement]
    # The child's latest answer to "Who do you want to be?", when the plan has no vision yet.
    latest_words: object | None = None
    # What changed since the child agreed the plan (an agreement is for a version).
    changes_since_agreed: list = field(default_factory=list)
    # What the child did in custody, newest first (progress_for).
    progress: list = field(default_factory=list)

    @property
    def actions_without_child_words(self) -> int:
        return sum(1 for action in self.actions if not action.child_words.strip())

    @property
    def latest_agreement(self) -> Agreement | None:
        return self.agreements[0] if self.agreements else None


def plan_page(child) -> PlanPage:
    """The child's plan as the plan page shows it. Each action gets `warnings` (undermining)."""
    plan = Plan.objects.for_child(child).first()
    pathways = list(Pathway.objects.all())
    if plan is None:
        sections = [PathwaySection(p) for p in pathways if p.is_active]
        return PlanPage(
            None,
            [],
            [],
            [],
            sections,
            [],
            latest_words=latest_words(child),
            progress=progress_for(child),
        )
    plan.child = child
    goals = list(plan.goals.all())
    actions = actions_for_page(plan, pathways)
    needs = list(plan.needs.all())
    agreements = list(plan.agreements.select_related("recorded_by")[:AGREEMENTS_SHOWN])

    warnings = warnings_for(actions)
    extras = extras_for(actions)
    by_pathway = {p.id: PathwaySection(p) for p in pathways}
    for action in actions:
        action.warnings = warnings.get(action.id, [])
        action.extras = extras.get(action.id, [])
        section = by_pathway[action.pathway_id]
        (section.personal if action.kind == ActionKind.PERSONAL else section.structural).append(
            action
        )
    for need in needs:
        by_pathway[need.pathway_id].needs.append(need)
    # Inactive pathways still show what the plan already has on them.
    sections = [s for s in by_pathway.values() if s.pathway.is_active or not s.is_empty]
    latest = agreements[0] if agreements else None
    return PlanPage(
        plan=plan,
        goals=[g for g in goals if g.is_active],
        past_goals=[g for g in goals if not g.is_active],
        actions=actions,
        sections=sections,
        agreements=agreements,
        latest_words=None if plan.vision.strip() else latest_words(child),
        changes_since_agreed=changes_since(plan, latest)
        if changed_since_agreed(plan, latest)
        else [],
        progress=progress_for(child),
    )


def progress_for(child) -> list[CustodyProgress]:
    """The child's progress in custody with its goal, action and place: one query."""
    return list(
        CustodyProgress.objects.for_child(child)
        .select_related("goal", "action", "organisation", "carried_to")
        .order_by("-started_on", "-id")
    )


def changes_since(plan: Plan, agreement: Agreement) -> list[Change]:
    """What the plan's history says changed after the child agreed it (not progress on actions,
    not the agreement itself), newest first."""
    return [
        change
        for change in plan_history(plan)
        if change.when > agreement.created_at
        and change.what != _("Agreement")
        and not (change.fields and set(change.fields) <= PROGRESS_LABELS)
    ]


# ---- History ------------------------------------------------------------------------------------

# Who saved and when are shown in their own columns, not as changes.
BOOKKEEPING = {
    "id",
    "public_id",
    "created_at",
    "created_by",
    "changed_at",
    "changed_by",
    "plan",
    "action",
    "version",
}


@dataclass
class Change:
    when: datetime
    who: object
    what: str
    created: bool
    fields: list[str]
    summary: str


def _labels(model) -> dict[str, str]:
    return {
        f.name: str(f.verbose_name).capitalize()
        for f in model._meta.get_fields()
        if hasattr(f, "verbose_name")
    }


def _tracked_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.name not in BOOKKEEPING]


def _changes(records, model, what: str, summary, extra=None) -> list[Change]:
    """Turn one model's history records (oldest first) into readable changes."""
    labels = _labels(model)
    names = {f.attname: f.name for f in model._meta.concrete_fields}
    fields = _tracked_fields(model)
    previous: dict[int, object] = {}
    changes = []
    for rec in records:
        older = previous.get(rec.id)
        if older is None or rec.history_type == "+":
            changed = []
        else:
            changed = [
                labels.get(names[a], names[a])
                for a in fields
                if getattr(rec, a) != getattr(older, a)
            ]
            if extra:
                changed += extra(rec, older)
        previous[rec.id] = rec
        changes.append(
            Change(
                when=rec.history_date,
                who=rec.history_user,
                what=what,
                created=rec.history_type == "+",
                fields=changed,
                summary=summary(rec),
            )
        )
    return changes


def _short(text: str, length: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def plan_history(plan: Plan, limit: int = 200) -> list[Change]:
    """Who changed what in the plan, its goals, needs, actions, plans B and agreements; newest
    first."""

    def ordered(qs):
        return list(qs.select_related("history_user").order_by("history_date", "history_id"))

    action_ids = plan.actions.values("id")
    action_records = ordered(PlanAction.history.filter(plan_id=plan.id))
    # Which goals each action record pointed at (the goals are kept in their own history table).
    goal_model = action_history.m2m_models[PlanAction._meta.get_field("goals")]
    goal_sets: dict[int, set[int]] = {r.history_id: set() for r in action_records}
    for history_id, goal_id in goal_model.objects.filter(
        history_id__in=list(goal_sets)
    ).values_list("history_id", "goal_id"):
        goal_sets[history_id].add(goal_id)

    def goals_changed(rec, older):
        same = goal_sets.get(rec.history_id) == goal_sets.get(older.history_id)
        return [] if same else [_("Goals it helps with")]

    changes = [
        *_changes(
            ordered(Plan.history.filter(id=plan.id)),
            Plan,
            _("The plan"),
            lambda r: _short(r.vision),
        ),
        *_changes(
            ordered(Goal.history.filter(plan_id=plan.id)), Goal, _("Goal"), lambda r: _short(r.text)
        ),
        *_changes(
            ordered(Need.history.filter(plan_id=plan.id)),
            Need,
            _("Need"),
            lambda r: _short(r.description),
        ),
        *_changes(
            action_records,
            PlanAction,
            _("Action"),
            lambda r: _short(r.description),
            extra=goals_changed,
        ),
        *_changes(
            ordered(Contingency.history.filter(action_id__in=action_ids)),
            Contingency,
            _("Plan B"),
            lambda r: _short(r.plan_b),
        ),
        *_changes(
            ordered(Agreement.history.filter(plan_id=plan.id)),
            Agreement,
            _("Agreement"),
            lambda r: f"{r.agreed_on:%-d %B %Y}",
        ),
    ]
    changes.sort(key=lambda c: c.when, reverse=True)
    return changes[:limit]
