"""The secure estate's demo (issue 15): every establishment gets its population. Children placed
in an establishment now are shared with it for the placement (whatever their service); actions the
plans give "the establishment" go to the one the child is in; children in custody have progress
(courses, work, family contact) linked to their goals; the demo's workers have a work phone for
the children to call. Its own random numbers, so it changes nothing the steps before it drew.
Everything is invented.
"""

from __future__ import annotations

import random
from datetime import timedelta

from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.access.models import Share
from resettle.accounts.models import Organisation, Role, User
from resettle.children.models import IN_SECURE_ESTABLISHMENT, Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.plans import open_actions
from resettle.plans.models import CustodyProgress, Goal, PlanAction, ProgressKind

from .shares import placement_share

SEED = 15
K = ProgressKind
# (kind, what, hours, outcome when finished, a certificate when finished)
PROGRESS = [
    (K.COURSE, "Motor vehicle level 1 in the workshop", 60, "All units done", True),
    (K.EDUCATION, "English and maths in the education unit", 120, "Working at level 1", False),
    (K.QUALIFICATION, "Food hygiene level 2", 12, "Passed", True),
    (K.TRAINING, "Barbering taster in the salon", 20, "Cut hair for six people", False),
    (K.WORK, "Servery job on the wing", 80, "Trusted with the servery keys", False),
    (K.ENRICHMENT, "Music production in the studio", 30, "Made two tracks", False),
    (K.ENRICHMENT, "Football on the astro every week", 40, "", False),
    (K.FAMILY_CONTACT, "Video calls with Mum and little sister", None, "", False),
    (K.QUALIFICATION, "Construction health and safety course", 15, "Passed", True),
    (K.COURSE, "Painting and decorating in the workshop", 45, "", False),
]
# Learning and work build towards the child's goals; these words find the right one.
GOAL_WORDS = ("course", "college", "card", "certificate", "level", "job", "work", "gcse")


def _current_placements() -> dict[int, LegalStatusEpisode]:
    """Each child's current legal status, where it places them in an establishment."""
    current: dict[int, LegalStatusEpisode] = {}
    # The demo spans every child: the only such reading here (core.scoping: across_children).
    for episode in LegalStatusEpisode.across_children.started_by().order_by(
        "child_id", "starts_on", "id"
    ):
        current[episode.child_id] = episode
    return {
        child_id: episode
        for child_id, episode in current.items()
        if episode.establishment_id and episode.status in IN_SECURE_ESTABLISHMENT
    }


def _share_placements(placed: dict[int, LegalStatusEpisode]) -> None:
    shared = set(
        Share.across_children.active()
        .filter(child_id__in=list(placed))
        .values_list("child_id", "organisation_id")
    )
    children = Child.objects.in_bulk(list(placed))
    shares = []
    for child_id, episode in placed.items():
        if (child_id, episode.establishment_id) in shared:
            continue
        episode.child = children[child_id]
        shares.append(placement_share(episode))
    bulk_create_with_history(shares, Share, batch_size=500)


def _actions_to_their_establishment(placed: dict[int, LegalStatusEpisode]) -> None:
    """The demo plans give establishment actions to Feltham; give each to the child's own."""
    feltham = Organisation.objects.filter(slug="feltham").values_list("id", flat=True).first()
    actions = list(
        PlanAction.across_children.filter(owner_organisation_id=feltham).select_related("plan")
    )
    moved = []
    for action in actions:
        episode = placed.get(action.plan.child_id)
        if episode is not None and episode.establishment_id != feltham:
            action.owner_organisation_id = episode.establishment_id
            moved.append(action)
    PlanAction.across_children.bulk_update(moved, ["owner_organisation"], batch_size=500)
    open_actions.refresh(a.pk for a in moved)  # changed in bulk: no signals


def _progress(placed: dict[int, LegalStatusEpisode], rng: random.Random) -> None:
    now = today()
    goals: dict[int, list[Goal]] = {}
    for goal in Goal.across_children.filter(
        plan__child_id__in=list(placed), is_active=True
    ).select_related("plan"):
        goals.setdefault(goal.plan.child_id, []).append(goal)
    rows = []
    for child_id, episode in sorted(placed.items()):
        days_here = max((now - episode.starts_on).days, 1)
        mine = goals.get(child_id, [])
        for kind, what, hours, outcome, certificate in rng.sample(PROGRESS, rng.randint(1, 4)):
            started = now - timedelta(days=rng.randint(0, min(days_here, 120)))
            finished = None
            if rng.random() < 0.45 and (now - started).days > 7:
                finished = started + timedelta(days=rng.randint(7, (now - started).days))
            learning = [g for g in mine if any(w in g.text.lower() for w in GOAL_WORDS)]
            goal = None
            if kind != K.FAMILY_CONTACT and (learning or mine) and rng.random() < 0.85:
                goal = rng.choice(learning or mine)
            elif kind == K.FAMILY_CONTACT and mine:
                family = [g for g in mine if "mum" in g.text.lower() or "family" in g.text.lower()]
                goal = family[0] if family else None
            rows.append(
                CustodyProgress(
                    child_id=child_id,
                    kind=kind,
                    what=what,
                    started_on=started,
                    finished_on=finished,
                    hours=hours if hours and finished else (hours // 2 if hours else None),
                    outcome=outcome if finished else "",
                    certificate=certificate and finished is not None,
                    goal=goal,
                    organisation_id=episode.establishment_id,
                )
            )
    bulk_create_with_history(rows, CustodyProgress, batch_size=500)


def _work_phones(rng: random.Random) -> None:
    """Numbers in the range set aside for drama (020 7946 0000 to 0999): never a real line."""
    people = list(
        User.objects.filter(
            role__in=[Role.CASE_WORKER, Role.YJS_MANAGER, Role.SECURE_PRACTITIONER], work_phone=""
        ).order_by("id")
    )
    for person in people:
        person.work_phone = f"020 7946 0{rng.randint(0, 999):03d}"
    User.objects.bulk_update(people, ["work_phone"], batch_size=500)


def load_estate(fake: Faker, rng: random.Random) -> None:
    rng = random.Random(SEED)  # noqa: S311 - synthetic data; its own, so earlier steps keep theirs
    placed = _current_placements()
    _share_placements(placed)
    _actions_to_their_establishment(placed)
    _progress(placed, rng)
    _work_phones(rng)
