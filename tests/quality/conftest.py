"""Fixtures for the 5Cs: the plan's configuration, and a way to write a plan and conversations
straight to the database (the pages and loaders under test read them back)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resettle.core.dates import today
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import (
    ActionKind,
    ActionStatus,
    Agreement,
    AgreementMethod,
    Contingency,
    Goal,
    Pathway,
    Plan,
    PlanAction,
)
from resettle.voice.models import Conversation, Strength, VoiceEntry, WordsAre


@pytest.fixture
def plan_configuration(db):
    """Pathways and statuses (the data migration loads them; a flushed database may not have)."""
    ensure_defaults()


@pytest.fixture
def make_plan(plan_configuration):
    """A plan for `child` with `goals` (texts) and `actions` (dicts of PlanAction fields plus
    `pathway`, `status` (slugs), `serves` (goal indexes) and `plan_b`/`told`)."""

    def make(child, *, goals=(), actions=(), agreed_days_ago=None, comment="", **fields):
        plan = Plan.objects.create(child=child, **fields)
        made_goals = [
            Goal.objects.create(plan=plan, text=text, order=n) for n, text in enumerate(goals)
        ]
        for spec in actions:
            spec = dict(spec)
            serves = spec.pop("serves", ())
            plan_b = spec.pop("plan_b", "")
            told = spec.pop("told", None)
            action = PlanAction.objects.create(
                plan=plan,
                pathway=Pathway.objects.get(slug=spec.pop("pathway", "ete")),
                status=ActionStatus.objects.get(slug=spec.pop("status", "not-started")),
                kind=spec.pop("kind", ActionKind.STRUCTURAL),
                description=spec.pop("description", "Enrol at college"),
                **spec,
            )
            action.goals.set([made_goals[n] for n in serves])
            if plan_b:
                Contingency.objects.create(
                    action=action,
                    plan_b=plan_b,
                    child_told_on=today() - timedelta(days=told) if told is not None else None,
                )
        if agreed_days_ago is not None:
            Agreement.objects.create(
                plan=plan,
                agreed_on=today() - timedelta(days=agreed_days_ago),
                how=AgreementMethod.MEETING,
                child_comment=comment,
            )
        return plan

    return make


@pytest.fixture
def make_entry(db):
    def make(child, recorded_by, *, days_ago=0, strengths=(), **fields) -> VoiceEntry:
        values = {
            "recorded_on": today() - timedelta(days=days_ago),
            "conversation": Conversation.MEETING,
            "words_are": WordsAre.VERBATIM,
            "share_with_partners": True,
            "who_are_you": "Someone who looks after my brother",
        }
        values.update(fields)
        entry = VoiceEntry.objects.create(child=child, recorded_by=recorded_by, **values)
        if strengths:
            entry.strengths.set(
                [Strength.objects.get_or_create(name=name)[0] for name in strengths]
            )
        return entry

    return make
