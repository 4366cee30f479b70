"""Synthetic demo release plans in every state (red, amber, green, not started).

Release plans need children in custody with an expected release date. The journey's demo step
records legal statuses with release dates and runs first (see apps.py); if there are too few such
children (no journey demo, or a small demo), this step records a few custodial statuses itself, on
children with no legal status yet. Everything is invented.
"""

from __future__ import annotations

import random
from datetime import timedelta

from faker import Faker

from resettle.accounts.models import Organisation
from resettle.children.models import Child, LegalStatus, LegalStatusEpisode, SentenceType
from resettle.core.dates import today
from resettle.journey.services import legal_status_recorded
from resettle.plans.models import ActionStatus, Contingency, Pathway, Plan, PlanAction
from resettle.release.models import ReleasePlan
from resettle.release.queries import due_for_release

from .shares import placement_share

WANTED = 10
# Days until release for the statuses this step records itself.
RELEASE_IN_DAYS = [4, 9, 13, 20, 28, 35, 47, 56, 70, 81]
PLACES = [
    "With mum and her partner, in the family home",
    "Supported lodgings found by Camden Housing Options",
    "With grandmother",
    "Residential children's home (placement agreed by children's social care)",
]
ETE = [
    "Skills for Tomorrow College, motor vehicle level 1, starts the Monday after release",
    "Back to school: year 11 place confirmed, starts on the day after release",
    "Construction skills course with a paid work trial",
]


def _record_custody(rng: random.Random, needed: int) -> None:
    feltham = Organisation.objects.filter(slug="feltham").first()
    candidates = list(
        Child.objects.filter(
            owning_service__slug__in=["camden", "hackney"], legal_statuses__isnull=True
        ).order_by("lead_practitioner_id", "id")[: needed * 2]
    )
    rng.shuffle(candidates)
    now = today()
    for child, days in zip(candidates[:needed], RELEASE_IN_DAYS, strict=False):
        episode = LegalStatusEpisode.objects.create(
            child=child,
            status=LegalStatus.SENTENCED_CUSTODY,
            sentence_type=SentenceType.DTO,
            establishment=feltham,
            starts_on=now - timedelta(days=rng.randint(60, 150)),
            expected_release_on=now + timedelta(days=days),
        )
        placement_share(episode).save()


def _give_the_demo_case_worker_releases(rng: random.Random, wanted: int = 3) -> None:
    """The demo's first sign-in (Amara, Camden) should see releases coming up on her own
    caseload: sentence a few of her children who are in the community, with release dates ahead."""

    amara = Child.objects.filter(lead_practitioner__email="caseworker@camden.example")
    have = due_for_release(amara).count()
    if have >= wanted:
        return
    feltham = Organisation.objects.filter(slug="feltham").first()
    custodial = [LegalStatus.REMAND_YDA, LegalStatus.SENTENCED_CUSTODY, LegalStatus.RECALL]
    candidates = list(
        amara.exclude(legal_statuses__status__in=custodial)
        .exclude(order_ended_on__isnull=False)
        .order_by("id")[: wanted - have]
    )
    now = today()
    for child, days in zip(candidates, (6, 24, 52), strict=False):
        starts = now - timedelta(days=rng.randint(30, 90))
        latest = child.legal_statuses.order_by("-starts_on").first()
        if latest is not None:  # the sentence must be the child's latest status
            starts = min(max(starts, latest.starts_on + timedelta(days=1)), now)
        episode = LegalStatusEpisode.objects.create(
            child=child,
            status=LegalStatus.SENTENCED_CUSTODY,
            sentence_type=SentenceType.DTO,
            establishment=feltham,
            starts_on=starts,
            expected_release_on=now + timedelta(days=days),
        )
        legal_status_recorded(episode)
        placement_share(episode).save()


def load_release(fake: Faker, rng: random.Random) -> None:
    _give_the_demo_case_worker_releases(rng)
    due = list(due_for_release(Child.objects.all()))
    if len(due) < WANTED:
        _record_custody(rng, WANTED - len(due))
        due = list(due_for_release(Child.objects.all()))
    now = today()
    plans = []
    for index, child in enumerate(due):
        # Soonest first: nothing done yet (red when release is near), everything done, part
        # done, and no checklist at all; then round again.
        state = (2, 0, 1, 3)[index % 4]
        if state == 3 or hasattr(child, "release_plan"):
            continue
        plan = ReleasePlan(child=child, created_by=child.lead_practitioner)
        if state in (0, 1):
            plan.accommodation_confirmed_on = now - timedelta(days=rng.randint(1, 20))
            plan.accommodation_address_note = rng.choice(PLACES)
            plan.ete_confirmed_on = now - timedelta(days=rng.randint(1, 20))
            plan.ete_detail = rng.choice(ETE)
            plan.who_meets = "Case worker and mum, at the gate"
        if state == 0:
            plan.health_handover_on = now - timedelta(days=rng.randint(1, 10))
            plan.transport = "Case worker drives; mum comes too"
            plan.first_appointment = "Youth justice service office, 2pm on the day of release"
            _plans_b_told(child, now - timedelta(days=rng.randint(1, 10)))
        plans.append(plan)
    ReleasePlan.objects.bulk_create(plans)


def _plans_b_told(child: Child, told_on) -> None:
    """Ready to go: the child's accommodation and ETE arrangements each have a plan B they were
    told (plans B belong to the plan: plans.facts.key_plans_b)."""
    plan, _ = Plan.objects.get_or_create(child=child)
    status = ActionStatus.objects.get(slug="in-progress")
    for slug, description, plan_b in (
        ("accommodation", "Confirm the address for release", "A supported lodging placement"),
        ("ete", "Start the college course from day one", "A short taster course first"),
    ):
        actions = list(
            PlanAction.objects.for_child(child)
            .filter(pathway__slug=slug)
            .select_related("contingency")
        )
        if not actions:
            actions = [
                PlanAction.objects.create(
                    plan=plan,
                    pathway=Pathway.objects.get(slug=slug),
                    kind="structural",
                    description=description,
                    owner_person=child.lead_practitioner,
                    due_on=told_on,
                    status=status,
                )
            ]
        for action in actions:
            contingency = getattr(action, "contingency", None) or Contingency(
                action=action, plan_b=plan_b
            )
            contingency.child_told_on = told_on
            contingency.save()
