"""Fetching what the 5Cs indicators read, for one child or a page of children, in a fixed number
of queries (one per loader query below, however many children, goals, actions or conversations).

Keep prefetching here, in one place. The pinned counts in tests/quality/test_query_counts.py say
whether the check still does not grow with the data: the plan (the plans, their active goals,
their actions with status, pathway, plan B and whether they serve a goal, and the latest
agreement), the child's conversations, their current legal status, and how many lead
practitioners their record has had.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, Subquery

from resettle.access import policy
from resettle.children.models import CURRENT_ORDER, Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.plans.facts import ActionFacts, changed_since_agreed
from resettle.plans.models import Agreement, Goal, Plan, PlanAction
from resettle.voice.models import VoiceEntry, WordsAre

from .registry import CONTRIBUTE, EDIT, READ, Facts, FiveCs, evaluate, loader, loaders

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.plans.queries import PlanPage

# ---- What the built-in indicators read ----------------------------------------------------------


@dataclass(frozen=True)
class GoalFacts:
    public_id: Any
    text: str


@dataclass(frozen=True)
class AgreementFacts:
    agreed_on: date
    child_comment: str
    plan_version: int = 0


@dataclass
class PlanFacts:
    public_id: Any
    vision: str
    adjustments: str
    family_involved: str
    family_not_involved_reason: str
    version: int = 0
    goals: list[GoalFacts] = field(default_factory=list)  # the active goals, in order
    actions: list[ActionFacts] = field(default_factory=list)
    latest_agreement: AgreementFacts | None = None

    @classmethod
    def of(cls, plan: Plan) -> PlanFacts:
        return cls(
            public_id=plan.public_id,
            vision=plan.vision.strip(),
            adjustments=plan.adjustments.strip(),
            family_involved=plan.family_involved,
            family_not_involved_reason=plan.family_not_involved_reason.strip(),
            version=plan.version,
        )

    @property
    def changed_since_agreed(self) -> bool:
        """An agreement is for a version (plans.facts.changed_since_agreed)."""
        return changed_since_agreed(self, self.latest_agreement)

    @classmethod
    def from_page(cls, page: PlanPage) -> PlanFacts | None:
        """From the plan page's own data (plans.queries.plan_page), without another query."""
        if page.plan is None:
            return None
        facts = cls.of(page.plan)
        facts.goals = [GoalFacts(g.public_id, g.text) for g in page.goals]
        facts.actions = [ActionFacts.of(a, bool(a.goals.all())) for a in page.actions]
        latest = page.latest_agreement
        if latest is not None:
            facts.latest_agreement = AgreementFacts(
                latest.agreed_on, latest.child_comment, latest.plan_version
            )
        return facts


@dataclass(frozen=True)
class VoiceFacts:
    """One conversation, without its words: when, and what it recorded."""

    recorded_on: date
    verbatim: bool
    strengths_in_own_words: bool
    strengths_chosen: bool
    says_who_they_want_to_be: bool


@dataclass(frozen=True)
class StatusFacts:
    status: str
    expected_release_on: date | None

    @classmethod
    def of(cls, episode: LegalStatusEpisode | None) -> StatusFacts | None:
        return cls(episode.status, episode.expected_release_on) if episode else None


# ---- Loaders: one call for a whole page of children ---------------------------------------------


def _ids(children: Iterable[Child]) -> list[int]:
    return [c.id for c in children]


@loader("plan")
def load_plans(children, user) -> dict[int, PlanFacts]:
    """Three queries: plans (with the latest agreement), active goals, actions."""
    ids = _ids(children)
    latest = Agreement.across_children.filter(plan=OuterRef("pk")).order_by("-agreed_on", "-id")
    plans = Plan.objects.for_children(ids).annotate(
        agreed_on=Subquery(latest.values("agreed_on")[:1]),
        agreement_comment=Subquery(latest.values("child_comment")[:1]),
        agreement_version=Subquery(latest.values("plan_version")[:1]),
    )
    by_plan: dict[int, PlanFacts] = {}
    by_child: dict[int, PlanFacts] = {}
    for plan in plans:
        facts = PlanFacts.of(plan)
        if plan.agreed_on is not None:
            facts.latest_agreement = AgreementFacts(
                plan.agreed_on, plan.agreement_comment or "", plan.agreement_version or 0
            )
        by_plan[plan.id] = by_child[plan.child_id] = facts
    # Goals and actions are selected by child (not by the plans just read), so the number of
    # queries is the same whether or not the children have plans yet.
    goals = Goal.objects.for_children(ids).filter(is_active=True).order_by("plan_id", "order", "id")
    for goal in goals.only("plan_id", "public_id", "text"):
        by_plan[goal.plan_id].goals.append(GoalFacts(goal.public_id, goal.text))
    links = PlanAction.goals.through.objects.filter(planaction_id=OuterRef("pk"))
    actions = (
        PlanAction.objects.for_children(ids)
        .select_related("pathway", "status", "contingency")
        .annotate(serves_goal=Exists(links))
        .order_by("plan_id", "due_on", "id")
    )
    for action in actions:
        by_plan[action.plan_id].actions.append(ActionFacts.of(action, action.serves_goal))
    return by_child


def _filled(name: str) -> ExpressionWrapper:
    return ExpressionWrapper(~Q(**{name: ""}), output_field=BooleanField())


@loader("voice", default=list)
def load_voice(children, user) -> dict[int, list[VoiceFacts]]:
    """One query: every conversation the person may read, newest first, without the words."""
    entries = VoiceEntry.objects.for_children(_ids(children))
    if user is not None:
        entries = policy.scope_voice_entries(entries, user)
    chosen = VoiceEntry.strengths.through.objects.filter(voiceentry_id=OuterRef("pk"))
    rows = (
        entries.annotate(
            own_strengths=_filled("strengths_in_own_words"),
            wants_to_be=_filled("who_do_you_want_to_be"),
            chosen=Exists(chosen),
        )
        .order_by("child_id", "-recorded_on", "-id")
        .values_list(
            "child_id", "recorded_on", "words_are", "own_strengths", "chosen", "wants_to_be"
        )
    )
    found: dict[int, list[VoiceFacts]] = {}
    for child_id, recorded_on, words_are, own, chosen_any, wants_to_be in rows:
        found.setdefault(child_id, []).append(
            VoiceFacts(
                recorded_on=recorded_on,
                verbatim=words_are == WordsAre.VERBATIM,
                strengths_in_own_words=bool(own),
                strengths_chosen=bool(chosen_any),
                says_who_they_want_to_be=bool(wants_to_be),
            )
        )
    return found


@loader("legal_status")
def load_legal_status(children, user) -> dict[int, StatusFacts]:
    """One query: the current legal status of each child (children.models.CURRENT_ORDER)."""
    rows = (
        LegalStatusEpisode.objects.for_children(_ids(children))
        .started_by(today())
        .order_by("child_id", *CURRENT_ORDER)
        .values_list("child_id", "status", "expected_release_on")
    )
    found: dict[int, StatusFacts] = {}
    for child_id, status, expected_release_on in rows:
        found.setdefault(child_id, StatusFacts(status, expected_release_on))
    return found


@loader("lead_count", default=int)
def load_lead_count(children, user) -> dict[int, int]:
    """One query: how many different lead practitioners each child's record has had."""
    rows = (
        Child.history.filter(id__in=_ids(children))
        .order_by()  # the history's own ordering would split the groups
        .values("id")
        .annotate(leads=Count("lead_practitioner", distinct=True))
        .values_list("id", "leads")
    )
    return dict(rows)


# ---- The check ----------------------------------------------------------------------------------


def _allowed(user: User | None, child: Child) -> set[str]:
    if user is None:
        return {READ, CONTRIBUTE, EDIT}
    allowed = {READ}
    if policy.can_contribute(user, child):
        allowed.add(CONTRIBUTE)
    if policy.can_edit_child(user, child):
        allowed.add(EDIT)
    return allowed


def five_cs_for(
    children: Iterable[Child],
    user: User | None,
    *,
    known: dict[str, dict[int, Any]] | None = None,
    on: date | None = None,
    light: bool = False,
) -> dict[int, FiveCs]:
    """The 5Cs check for each child, by child id, as `user` sees it (partners count only the
    conversations shared with them). Children must have been fetched for `user` through
    access.policy, with their lead practitioner (`select_related`, as `Child.for_caseload`).

    `known` gives loader values the caller already has ({loader: {child.id: value}}), so the plan
    page does not fetch its plan twice. `light`: the rating only, for lists (registry.evaluate)."""
    children = list(children)
    if not children:
        return {}
    known = known or {}
    on = on or today()
    values: dict[str, dict[int, Any]] = {}
    for spec in loaders():
        given = known.get(spec.name)
        if given is not None and all(c.id in given for c in children):
            values[spec.name] = given
        else:
            values[spec.name] = spec.function(children, user)
    results = {}
    for child in children:
        data = {
            spec.name: values[spec.name][child.id]
            if child.id in values[spec.name]
            else spec.default()
            for spec in loaders()
        }
        facts = Facts(child, user, on, data, light=light)
        results[child.id] = evaluate(facts, _allowed(user, child), light=light)
    return results


def five_cs(child: Child, user: User | None, **kwargs) -> FiveCs:
    return five_cs_for([child], user, **kwargs)[child.id]
