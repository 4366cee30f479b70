"""Synthetic demo practice for the partnership's figures (issue 11): some services strong, some
weak, remanded children getting less, over the last two years, so every measure has something to
show. Run last, with its own random numbers, so it changes nothing the steps before it drew.

Each service has a strength (the chance a thing is done well and on time); remanded children get
less of it. Past custody (before each child's first legal status) is added for many children, so
the eight quarters of the trend have entries and releases; then conversations within (or after)
10 working days, personal support linked to a goal, release checklists and agreements before (or
after) release, responses to setbacks, and the end of the order are recorded by that strength.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.accounts.models import Organisation, Role, User
from resettle.children import current
from resettle.children.models import AtEndOfOrder, Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey import open_touchpoints
from resettle.journey.models import SetbackResponse, Touchpoint
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Agreement, Goal, Pathway, Plan, PlanAction
from resettle.release.models import ReleasePlan
from resettle.voice.models import VoiceEntry

SEED = 2032
HISTORY_DAYS = 730  # two years: the trend's eight quarters
CUSTODY = {"remand_yda", "sentenced_custody", "recall"}
CLOCK = {"custody_likely", "remand_yda", "remand_la", "sentenced_custody"}
REMAND = {"remand_yda", "remand_la"}
REMAND_PENALTY = 0.3
# Named services' strengths, so the demo tells a story; the rest are drawn.
STRENGTHS = {"camden": 0.85, "hackney": 0.4}

WORDS = [
    ("Someone who keeps getting back up.", "A mechanic with my own garage."),
    ("A good brother to my little sisters.", "Someone my mum is proud of."),
    ("Funny, loyal, good with my hands.", "A football coach for the under-12s."),
]


def _strength(slug: str) -> float:
    if slug in STRENGTHS:
        return STRENGTHS[slug]
    return round(random.Random(slug).uniform(0.3, 0.95), 2)  # noqa: S311 - synthetic data


def _chance(strength: float, status: str) -> float:
    return max(0.05, strength - (REMAND_PENALTY if status in REMAND else 0))


def _add_past_custody(children, rng: random.Random, now: date) -> None:
    """A custody episode and its release before each chosen child's first legal status."""
    first: dict[int, date] = {}
    for child_id, starts_on in LegalStatusEpisode.across_children.order_by(  # the demo: all
        "child_id", "starts_on"
    ).values_list("child_id", "starts_on"):
        first.setdefault(child_id, starts_on)
    added = []
    for child in children:
        if rng.random() < 0.4:
            continue
        before = first.get(child.id, now)
        release = before - timedelta(days=rng.randint(20, 200))
        start = release - timedelta(days=rng.randint(30, 160))
        if start < now - timedelta(days=HISTORY_DAYS):
            continue
        remanded = rng.random() < 0.4
        if rng.random() < 0.5:
            added.append(
                LegalStatusEpisode(
                    child_id=child.id,
                    status="custody_likely",
                    starts_on=start - timedelta(days=rng.randint(14, 40)),
                )
            )
        added.append(
            LegalStatusEpisode(
                child_id=child.id,
                status="remand_yda" if remanded else "sentenced_custody",
                sentence_type="" if remanded else "dto",
                starts_on=start,
                expected_release_on=None if remanded else release,
            )
        )
        added.append(
            LegalStatusEpisode(
                child_id=child.id,
                status="community_order" if remanded else "released_licence",
                starts_on=release,
            )
        )
    bulk_create_with_history(added, LegalStatusEpisode, batch_size=500)
    current.refresh(e.child_id for e in added)  # inserted in bulk: no signals


def load_figures(fake: Faker, rng: random.Random) -> None:
    rng = random.Random(SEED)  # noqa: S311 - its own numbers: the steps before are unchanged
    now = today()
    ensure_defaults()
    children = list(Child.objects.select_related("owning_service").order_by("id"))
    if not children:
        return
    _add_past_custody(children, rng, now)
    strength = {c.id: _strength(c.owning_service.slug) for c in children}
    staff: dict[int, User] = {}
    for user in User.objects.filter(
        role__in=[Role.CASE_WORKER, Role.YJS_MANAGER],
        organisation__kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE,
    ).order_by("id"):
        staff.setdefault(user.organisation_id, user)
    episodes: dict[int, list[LegalStatusEpisode]] = {}
    for episode in LegalStatusEpisode.across_children.order_by("child_id", "starts_on", "id"):
        episodes.setdefault(episode.child_id, []).append(episode)

    entries: list[VoiceEntry] = []
    agreements: list[tuple[int, date]] = []
    checklists: dict[int, tuple[date | None, date | None]] = {}
    support: list[tuple[Child, date]] = []
    for child in children:
        s = strength[child.id]
        recorder = child.lead_practitioner or staff.get(child.owning_service_id)
        history = episodes.get(child.id, [])
        for i, episode in enumerate(history):
            if episode.starts_on > now - timedelta(days=21):
                continue
            chance = _chance(s, episode.status)
            if episode.status in CLOCK and recorder is not None:
                if rng.random() < chance:
                    on = episode.starts_on + timedelta(days=rng.randint(0, 11))
                else:
                    on = episode.starts_on + timedelta(days=rng.randint(21, 60))
                if on <= now and rng.random() < 0.9:
                    who, wants = rng.choice(WORDS)
                    entries.append(
                        VoiceEntry(
                            child=child,
                            recorded_on=on,
                            recorded_by=recorder,
                            conversation="custody_visit",
                            who_are_you=who,
                            who_do_you_want_to_be=wants,
                        )
                    )
            if episode.status in CUSTODY and rng.random() < chance:
                support.append((child, episode.starts_on + timedelta(days=rng.randint(3, 30))))
            following = history[i + 1] if i + 1 < len(history) else None
            released = (
                episode.status in CUSTODY
                and following is not None
                and following.status not in CUSTODY
                and following.starts_on <= now
            )
            if released:
                release = following.starts_on
                good = rng.random() < chance
                accommodation = release - timedelta(
                    days=rng.randint(15, 45) if good else rng.randint(0, 13)
                )
                ete = (
                    release - timedelta(days=rng.randint(0, 20)) if rng.random() < chance else None
                )
                checklists[child.id] = (accommodation, ete)  # the latest release's
                if rng.random() < chance:
                    agreements.append((child.id, release - timedelta(days=rng.randint(1, 30))))
    VoiceEntry.objects.bulk_create(entries, batch_size=500)
    _release_checklists(checklists)
    _agreements(agreements, now)
    _personal_support(support, now)
    _setback_responses(strength, rng)
    _late_touchpoints(strength, rng, now)
    _end_of_order(children, strength, episodes, rng)


def _release_checklists(checklists: dict[int, tuple[date | None, date | None]]) -> None:
    existing = {
        plan.child_id: plan
        for plan in ReleasePlan.across_children.filter(child_id__in=list(checklists))
    }
    new = []
    for child_id, (accommodation, ete) in checklists.items():
        plan = existing.get(child_id)
        if plan is None:
            new.append(
                ReleasePlan(
                    child_id=child_id,
                    accommodation_confirmed_on=accommodation,
                    accommodation_address_note="With his aunt, in a spare room.",
                    ete_confirmed_on=ete,
                )
            )
    ReleasePlan.objects.bulk_create(new, batch_size=500)


def _plan(child_id: int) -> Plan:
    plan, _created = Plan.objects.get_or_create(child_id=child_id)
    return plan


# A child agrees to a plan that says who they want to be: a plan this step agrees gets words.
AGREED_VISIONS = [
    "I want to work with cars and have my own place",
    "Be a good big brother and get my CSCS card",
    "Get back into college and cook for a living",
]


def _agreements(agreements: list[tuple[int, date]], now: date) -> None:
    """The child agrees to a plan with something in it: who they want to be, a goal and an action
    that serves it (an empty plan from earlier steps gets them first)."""
    ete = Pathway.objects.get(slug="ete")
    started = ActionStatus.objects.get(slug="in-progress")
    agreed = []
    for number, (child_id, on) in enumerate(agreements):
        plan = _plan(child_id)
        if not plan.vision:
            plan.vision = AGREED_VISIONS[number % len(AGREED_VISIONS)]
            plan.save(update_fields=["vision"])
        goal = Goal.objects.filter(plan=plan).first() or Goal.objects.create(
            plan=plan, text=plan.vision, said_on=min(on, now)
        )
        if not PlanAction.objects.filter(plan=plan, goals__isnull=False).exists():
            action = PlanAction.objects.create(
                plan=plan,
                pathway=ete,
                kind="structural",
                description="Enrol on a college course that starts after release.",
                owner_name="Skills for Tomorrow College",
                status=started,
            )
            action.goals.add(goal)
        agreed.append(Agreement(plan=plan, agreed_on=min(on, now), how="custody_visit"))
    Agreement.objects.bulk_create(agreed, batch_size=500)


def _personal_support(support: list[tuple[Child, date]], now: date) -> None:
    pathway = Pathway.objects.get(slug="families")
    status = ActionStatus.objects.get(slug="in-progress")
    for child, on in support:
        plan = _plan(child.id)
        goal = Goal.objects.filter(plan=plan, is_active=True).first() or Goal.objects.create(
            plan=plan, text="Be someone my family can rely on", said_on=min(on, now)
        )
        action = PlanAction.objects.create(
            plan=plan,
            pathway=pathway,
            kind="personal",
            description="Meets a mentor who grew up nearby, every week, to plan the next step.",
            owner_name="Second Chance Mentoring",
            status=status,
        )
        action.goals.add(goal)
        PlanAction.across_children.filter(pk=action.pk).update(  # the demo: any child
            created_at=action.created_at.replace(year=on.year, month=on.month, day=on.day)
        )


def _setback_responses(strength: dict[int, float], rng: random.Random) -> None:
    responses = list(SetbackResponse.across_children.select_related("event"))  # the demo
    for response in responses:
        good = rng.random() < strength.get(response.event.child_id, 0.5)
        response.talked_on = response.event.happened_on + timedelta(
            days=rng.randint(0, 4) if good else rng.randint(9, 25)
        )
    SetbackResponse.objects.bulk_update(responses, ["talked_on"], batch_size=500)


def _late_touchpoints(strength: dict[int, float], rng: random.Random, now: date) -> None:
    """Weaker services meet more of their touchpoints late."""
    done = list(Touchpoint.across_children.filter(completed_on__isnull=False))  # the demo
    late = []
    for touchpoint in done:
        if rng.random() > strength.get(touchpoint.child_id, 0.5):
            on = touchpoint.due_on + timedelta(days=rng.randint(2, 15))
            if on <= now:
                touchpoint.completed_on = on
                late.append(touchpoint)
    Touchpoint.objects.bulk_update(late, ["completed_on"], batch_size=500)
    open_touchpoints.refresh_children({t.child_id for t in late})  # changed in bulk: no signals


def _end_of_order(children, strength, episodes, rng: random.Random) -> None:
    ended = []
    for child in children:
        if child.order_ended_on is None:
            continue
        had_custody = any(e.status in CUSTODY for e in episodes.get(child.id, []))
        s = strength[child.id] - (0.15 if had_custody else 0)
        child.end_accommodation = (
            AtEndOfOrder.SUITABLE if rng.random() < s + 0.1 else AtEndOfOrder.NOT_SUITABLE
        )
        child.end_ete = AtEndOfOrder.SUITABLE if rng.random() < s - 0.1 else ""
        ended.append(child)
    Child.objects.bulk_update(ended, ["end_accommodation", "end_ete"], batch_size=500)
