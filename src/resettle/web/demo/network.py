"""Synthetic demo networks: the people, places and professionals around most demo children.

Most children get two to six people of varied influence (a few undermining), a place or activity
or two, and one to three professionals from the demo partner organisations. A few children with a
plan get an action that leans on someone flagged as undermining, so the plan's warning shows in
the demo. Every name is invented; bulk writes keep the number of queries fixed.
"""

from __future__ import annotations

import random

from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.accounts.models import Organisation
from resettle.children.models import Child
from resettle.network.models import (
    Influence,
    Person,
    PlaceOrActivity,
    Professional,
    Relationship,
    Safety,
)
from resettle.plans import open_actions
from resettle.plans.models import ActionKind, ActionStatus, Pathway, Plan, PlanAction

from .people import DEMO_PARTNERS

R, INF, SAFE, K = Relationship, Influence, Safety, PlaceOrActivity.Kind

# (name or None for a Faker first name, relationship, detail, influence, role in the plan)
PEOPLE = [
    ("Mum", R.PARENT, "", INF.SUPPORTIVE, "Weekly phone call; comes to planning meetings"),
    ("Dad", R.PARENT, "", INF.MIXED, ""),
    ("Nan", R.OTHER_FAMILY, "Nan", INF.POSITIVE, "Has said he can stay with her after release"),
    ("Aunt Grace", R.OTHER_FAMILY, "Aunt", INF.POSITIVE, "Cooks Sunday dinner with him each week"),
    ("Uncle Dwayne", R.OTHER_FAMILY, "Uncle", INF.POSITIVE, "Takes him on site to see the work"),
    ("Tyrone", R.SIBLING, "Big brother", INF.SUPPORTIVE, "Visits and meets him at the gate"),
    ("Coach Marcus", R.COACH, "Boxing coach", INF.POSITIVE, "Boxing club twice a week"),
    ("Shanice", R.YOUTH_WORKER, "Youth club lead", INF.POSITIVE, "Volunteering on Wednesdays"),
    ("Pastor Ade", R.FAITH_LEADER, "", INF.SUPPORTIVE, ""),
    ("Ms Rahman", R.TEACHER, "Form tutor", INF.POSITIVE, "Helps with the college application"),
    (None, R.FRIEND, "Best friend from school", INF.SUPPORTIVE, ""),
    (None, R.PARTNER, "Girlfriend", INF.MIXED, ""),
    (None, R.FRIEND, "Older friend from the estate", INF.UNDERMINING, ""),
    ("Tyler", R.FRIEND, "Older friend", INF.UNDERMINING, ""),
    (None, R.OTHER_FAMILY, "Cousin", INF.UNKNOWN, ""),
]
UNDERMINING_NOTES = [
    "Linked to the offence. The child says he wants to keep away but finds it hard.",
    "Has offered him 'work' before. Talk through how to say no.",
    "Older; the child owes him money.",
]
PLACES = [
    ("Camden Boxing Club", K.ACTIVITY, SAFE.SAFE, "Tuesdays, Thursdays"),
    ("Youth club on the high road", K.PLACE, SAFE.SAFE, ""),
    ("Sunday league football", K.ACTIVITY, SAFE.SAFE, ""),
    ("Music studio at the youth centre", K.ACTIVITY, SAFE.SAFE, ""),
    ("Nan's flat", K.PLACEMENT, SAFE.SAFE, "Possible release address"),
    ("Foster placement in Enfield", K.PLACEMENT, SAFE.MIXED, ""),
    ("The estate car park", K.PLACE, SAFE.UNSAFE, "Where the group meets"),
    ("Chicken shop on the corner", K.PLACE, SAFE.UNSAFE, ""),
]
ROLES = {
    "social_care": ["Social worker", "Personal adviser", "Independent reviewing officer"],
    "health": ["CAMHS nurse", "Speech and language therapist", "Clinical psychologist"],
    "housing": ["Housing officer", "Supported lodgings coordinator"],
    "education": ["College tutor", "SENCO", "Careers adviser"],
    "voluntary": ["Mentor", "Mentoring coordinator"],
}
# An action that leans on Tyler, for a few children whose network has him as undermining.
TYLER_ACTION = "Lifts to college on Mondays with Tyler"


def _person(child, fake: Faker, rng: random.Random, template) -> Person:
    name, relationship, detail, influence, role = template
    return Person(
        child=child,
        name=name or fake.first_name(),
        relationship=relationship,
        relationship_detail=detail,
        influence=influence,
        role_in_plan=role,
        contact_details=f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.7 else "",
        notes=rng.choice(UNDERMINING_NOTES) if influence == INF.UNDERMINING else "",
    )


def load_network(fake: Faker, rng: random.Random) -> None:
    """Give most demo children a network. A fixed number of queries for any number of children."""
    partners = list(
        Organisation.objects.filter(slug__in=[slug for slug, *_ in DEMO_PARTNERS]).order_by("slug")
    )
    children = list(Child.objects.filter(network_people__isnull=True).order_by("id"))
    people: list[Person] = []
    places: list[PlaceOrActivity] = []
    professionals: list[Professional] = []
    with_tyler: list[Child] = []
    for child in children:
        if rng.random() < 0.1:
            continue  # a few children have no network recorded yet
        chosen = rng.sample(PEOPLE, rng.randint(2, 6))
        if rng.random() < 0.12 and not any(t[0] == "Tyler" for t in chosen):
            chosen.append(next(t for t in PEOPLE if t[0] == "Tyler"))
        if any(t[0] == "Tyler" for t in chosen):
            with_tyler.append(child)
        people.extend(_person(child, fake, rng, template) for template in chosen)
        for name, kind, influence, notes in rng.sample(PLACES, rng.randint(1, 2)):
            places.append(
                PlaceOrActivity(child=child, name=name, kind=kind, influence=influence, notes=notes)
            )
        for org in rng.sample(partners, min(len(partners), rng.randint(1, 3))):
            first, last = fake.first_name(), fake.last_name()
            professionals.append(
                Professional(
                    child=child,
                    name=f"{first} {last}",
                    role=rng.choice(ROLES.get(org.subtype, ["Key worker"])),
                    organisation=org,
                    contact_details=f"{first}.{last}@{org.slug}.example".lower(),
                    is_active=rng.random() < 0.9,
                )
            )
    bulk_create_with_history(people, Person, batch_size=500)
    bulk_create_with_history(places, PlaceOrActivity, batch_size=500)
    bulk_create_with_history(professionals, Professional, batch_size=500)
    _lean_on_tyler(with_tyler, rng)


def _lean_on_tyler(children: list[Child], rng: random.Random) -> None:
    """For up to three of them with a plan that has actions, an action that relies on Tyler."""

    pathway = Pathway.objects.filter(slug="ete").first()
    status = ActionStatus.objects.filter(slug="not-started").first()
    if pathway is None or status is None or not children:
        return
    plans = list(
        Plan.across_children.filter(child__in=children, actions__isnull=False)
        .distinct()
        .order_by("id")[:3]
    )
    actions = [
        PlanAction(
            plan=plan,
            pathway=pathway,
            kind=ActionKind.PERSONAL,
            description=TYLER_ACTION,
            owner_name="Tyler",
            status=status,
            created_by=plan.created_by,
            changed_by=plan.created_by,
        )
        for plan in plans
    ]
    bulk_create_with_history(actions, PlanAction, batch_size=500)
    open_actions.refresh(a.pk for a in actions)  # inserted in bulk: no signals
