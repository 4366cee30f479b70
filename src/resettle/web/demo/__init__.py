"""Synthetic demo data: `load_demo`, run by `manage.py load_demo_data` (and `make run`).

Every name is invented; no real child's details, ever. The demo is built in a fixed order, each
step reading what the steps before it made: organisations, people and children; their words; their
plans; their journeys (legal statuses, touchpoints, meetings); their networks; case notes; release
plans; the knowledge hub (questions, training, what's new); the menu of support (a directory
of invented services); and practice varied by service for the partnership's figures.
"""

from __future__ import annotations

import random

from django.conf import settings
from django.db import transaction
from faker import Faker

from resettle.children.models import Child

from .directory import load_directory
from .estate import load_estate
from .figures import load_figures
from .journey import load_journeys
from .knowledge import load_knowledge
from .network import load_network
from .notes import load_notes
from .people import (
    DEMO_PARTNERS,
    DEMO_SIGN_INS,
    DemoRefused,
    _require_demo,
    load_children,
    load_organisations,
    load_users,
)
from .plans import load_plans
from .referrals import load_referrals
from .release import load_release
from .voice import load_voice

__all__ = ["DEMO_PARTNERS", "DEMO_SIGN_INS", "DEMO_STEPS", "DemoRefused", "load_demo"]

# The order the steps always ran in (the random numbers each step draws depend on it).
DEMO_STEPS = [
    load_voice,
    load_plans,
    load_journeys,
    load_notes,
    load_release,
    load_network,
    load_knowledge,
    load_directory,  # the menu of support: its own random numbers, so it changes none above
    load_estate,  # the secure estate (issue 15): its own random numbers too
    load_referrals,  # actions linked to services, and referrals (issue 12): its own numbers
    load_figures,  # practice for the partnership's figures (issue 11): its own random numbers
]


@transaction.atomic
def load_demo(*, children: int, seed: int = 2021, reset: bool = False) -> dict[str, int]:
    _require_demo()
    if reset:
        Child.objects.all().delete()
        Child.history.all().delete()
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
    load_organisations()
    workers = load_users(fake, settings.DEMO_PASSWORD)
    created = 0
    if not Child.objects.exists():
        created = load_children(fake, rng, children, workers)
        for step in DEMO_STEPS:
            step(fake, rng)
    return {"children_created": created, "children_total": Child.objects.count()}
