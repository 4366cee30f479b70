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

from .models import ReleasePlan
from .queries import due_for_release

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
        LegalStatusEpisode.objects.create(
            child=child,
            status=LegalStatus.SENTENCED_CUSTODY,
            sentence_type=SentenceType.DTO,
            establishment=feltham,
            starts_on=now - timedelta(days=rng.randint(60, 150)),
            expected_release_on=now + timedelta(days=days),
        )


def load_release(fake: Faker, rng: random.Random) -> None:
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
            plan.contingencies_told_on = now - timedelta(days=rng.randint(1, 10))
        plans.append(plan)
    ReleasePlan.objects.bulk_create(plans)
