"""Fixtures for the child's own plan: Jay's words, plan, helpers and dates (all synthetic)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resettle.children.models import LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey.defaults import ensure_defaults as ensure_touchpoint_rules
from resettle.journey.models import Touchpoint, TouchpointRule
from resettle.network.models import Professional
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Contingency, Goal, Pathway, Plan, PlanAction
from resettle.release.models import ReleasePlan
from resettle.voice.models import Conversation, Strength, VoiceEntry, WordsAre

STRENGTHS = ["Good with my hands", "Kind to others", "Funny", "Sporty"]


@pytest.fixture(autouse=True)
def configuration(db):
    """Pathways, statuses and touchpoint rules (a flushed database may not have them)."""
    ensure_defaults()
    ensure_touchpoint_rules()


@pytest.fixture
def strengths(db) -> dict[str, Strength]:
    found = {}
    for order, name in enumerate(STRENGTHS):
        found[name], _ = Strength.objects.get_or_create(name=name, defaults={"order": order})
    return found


@pytest.fixture
def jays_words(camden_child, amara, strengths) -> VoiceEntry:
    entry = VoiceEntry.objects.create(
        child=camden_child,
        recorded_by=amara,
        recorded_on=today() - timedelta(days=3),
        conversation=Conversation.CUSTODY_VISIT,
        words_are=WordsAre.VERBATIM,
        share_with_partners=False,
        who_are_you="I'm a good big brother",
        who_do_you_want_to_be="A mechanic like my uncle",
        strengths_in_own_words="I can fix bikes",
        how_to_get_there="Go to college and keep my head down",
    )
    entry.strengths.set([strengths["Good with my hands"], strengths["Funny"]])
    return entry


def _action(plan, slug, description, *, status="in-progress", goals=(), **fields) -> PlanAction:
    action = PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug=slug),
        kind=fields.pop("kind", "structural"),
        description=description,
        status=ActionStatus.objects.get(slug=status),
        **fields,
    )
    if goals:
        action.goals.set(goals)
    return action


@pytest.fixture
def jays_plan(camden_child, amara, camden):
    """Jay's plan: a vision and two goals, actions on three pathways (one dropped), a plan B."""
    plan = Plan.objects.create(child=camden_child, vision="Work in a garage", created_by=amara)
    mechanic = Goal.objects.create(plan=plan, text="Get on the motor vehicle course", order=1)
    Goal.objects.create(plan=plan, text="Stay close to my sister", order=2)
    college = _action(
        plan,
        "ete",
        "Enrol on motor vehicle level 1 at Skills for Tomorrow College",
        goals=[mechanic],
        owner_person=amara,
        due_on=today() + timedelta(days=20),
    )
    home = _action(
        plan,
        "accommodation",
        "Find a room at Hope House supported lodgings",
        status="not-started",
        owner_organisation=camden,
    )
    _action(plan, "families", "Visits with Aunt Grace every Sunday", owner_name="Aunt Grace")
    _action(plan, "finance", "Open a bank account at the high street bank", status="dropped")
    Contingency.objects.create(
        action=home, plan_b="Stay with Aunt Grace for two weeks", child_told_on=today()
    )
    Contingency.objects.create(action=college, plan_b="Start the Princes Trust course instead")
    return plan


@pytest.fixture
def jays_dates(camden_child, feltham):
    """Jay is in custody, due out in six weeks, with a review meeting due and a release plan."""
    release_on = today() + timedelta(days=42)
    LegalStatusEpisode.objects.create(
        child=camden_child,
        status="sentenced_custody",
        establishment=feltham,
        starts_on=today() - timedelta(days=30),
        expected_release_on=release_on,
    )
    Touchpoint.objects.create(
        child=camden_child,
        rule=TouchpointRule.objects.get(name="Review meeting"),
        name="Review meeting",
        due_on=today() + timedelta(days=10),
    )
    ReleasePlan.objects.create(
        child=camden_child,
        who_meets="Amara and Aunt Grace",
        transport="Amara drives you home",
        first_appointment="Camden YJS, 2pm on the day you leave",
    )
    Professional.objects.create(child=camden_child, name="Sam Mensah", role="Social worker")
    return release_on
