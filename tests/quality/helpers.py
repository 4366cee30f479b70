"""Building the facts the 5Cs indicators read, in memory, for unit tests (no database)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from resettle.accounts.models import User
from resettle.children.models import CareStatus, Child, Ethnicity, Gender
from resettle.plans.models import ActionKind
from resettle.quality.queries import (
    ActionFacts,
    AgreementFacts,
    GoalFacts,
    PlanFacts,
    StatusFacts,
    VoiceFacts,
)
from resettle.quality.registry import Facts, loaders

TODAY = date(2026, 3, 4)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def child(**fields) -> Child:
    """Jay, with a full needs profile and Amara Okafor as lead practitioner (not saved)."""
    values = {
        "preferred_name": "Jay",
        "legal_name": "Jayden Testperson",
        "date_of_birth": date(2010, 5, 17),
        "gender": Gender.BOY,
        "ethnicity": Ethnicity.BLACK_CARIBBEAN,
        "first_language": "English",
        "care_status": CareStatus.LOOKED_AFTER,
        "communication_needs": "Short sentences; check understanding",
        "lead_practitioner": User(pk=1, full_name="Amara Okafor"),
    }
    values.update(fields)
    return Child(pk=7, **values)


def goal(text: str) -> GoalFacts:
    return GoalFacts(uuid.uuid4(), text)


def action(description: str = "Enrol at college", **fields) -> ActionFacts:
    values = {
        "public_id": uuid.uuid4(),
        "description": description,
        "kind": ActionKind.STRUCTURAL,
        "pathway_slug": "ete",
        "has_owner": True,
        "due_on": TODAY + timedelta(days=14),
        "is_closed": False,
        "is_dropped": False,
        "serves_goal": True,
        "specific_service": "Skills for Tomorrow College: motor vehicle level 1",
        "has_plan_b": False,
        "plan_b_told_on": None,
    }
    values.update(fields)
    return ActionFacts(**values)


def plan(*, goals=(), actions=(), agreement=None, **fields) -> PlanFacts:
    values = {
        "public_id": uuid.uuid4(),
        "vision": "",
        "adjustments": "",
        "family_involved": "",
        "family_not_involved_reason": "",
    }
    values.update(fields)
    facts = PlanFacts(**values)
    facts.goals = [goal(g) if isinstance(g, str) else g for g in goals]
    facts.actions = list(actions)
    facts.latest_agreement = agreement
    return facts


def agreed(days: int = 3, comment: str = "") -> AgreementFacts:
    return AgreementFacts(days_ago(days), comment)


def voice(days: int = 0, **fields) -> VoiceFacts:
    values = {
        "recorded_on": days_ago(days),
        "verbatim": True,
        "strengths_in_own_words": False,
        "strengths_chosen": False,
        "says_who_they_want_to_be": False,
    }
    values.update(fields)
    return VoiceFacts(**values)


def in_custody(release_in_days: int | None, status: str = "sentenced_custody") -> StatusFacts:
    release = TODAY + timedelta(days=release_in_days) if release_in_days is not None else None
    return StatusFacts(status, release)


def facts(
    *,
    plan_facts: PlanFacts | None = None,
    entries=(),
    status: StatusFacts | None = None,
    lead_count: int = 1,
    the_child: Child | None = None,
    record=None,
) -> Facts:
    """What the indicators see; entries newest first, as the loader gives them. Loaders other
    apps register (meetings, touchpoints...) give their defaults: nothing recorded."""
    entries = sorted(entries, key=lambda v: v.recorded_on, reverse=True)
    return Facts(
        the_child or child(),
        None,
        TODAY,
        {
            **{spec.name: spec.default() for spec in loaders()},
            "plan": plan_facts,
            "voice": entries,
            "legal_status": status,
            "lead_count": lead_count,
            **({"record": record} if record is not None else {}),
        },
    )
