"""Demo plan actions linked to services in the menu of support, and referrals in every state
(docs/referrals.md). Everything is invented.

Some children's actions name a service that fits them (their borough or all of London, their age,
the action's pathway). Camden children are referred to Skills for Tomorrow's construction course,
whose college uses Resettle (its demo practitioner, partner@skills-college.example, has the
inbox): referrals sent, accepted, declined, completed and withdrawn, one with a manager's
override of the child's refusal; and two to services outside Resettle, sent by email and by phone.
"""

from __future__ import annotations

import random
from datetime import timedelta

from faker import Faker
from simple_history.utils import bulk_update_with_history

from resettle.accounts.models import User
from resettle.audit.actors import COMMAND, Actor
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.directory.boroughs import ALL_LONDON
from resettle.directory.models import Service, ServiceStatus
from resettle.directory.taxonomy import PATHWAY, term_id
from resettle.plans.models import ActionStatus, Pathway, PlanAction
from resettle.referrals import services as referrals
from resettle.referrals.models import Referral

SEED = 1214
LINKED_SHARE = 0.3  # of the actions on a pathway the directory covers
CONSTRUCTION = "Skills for Tomorrow: Construction Pathway"
# (what happens after sending, days ago it was sent)
STATES = [
    ([], 3),
    ([], 1),
    (["accept"], 12),
    (["accept"], 20),
    (["decline"], 9),
    (["accept", "complete"], 60),
    (["withdraw"], 15),
    (["accept", "withdraw"], 30),
]


def _fits(service: Service, borough: str, age: int, pathway: str) -> bool:
    areas = {area.borough for area in service.service_areas.all()}
    terms = {attribute.taxonomy_term_id for attribute in service.attributes.all()}
    return (
        (borough in areas or ALL_LONDON in areas)
        and term_id(PATHWAY, pathway) in terms
        and (service.minimum_age is None or service.minimum_age <= age)
        and (service.maximum_age is None or service.maximum_age >= age)
    )


def _link_actions(own: random.Random) -> None:
    """Some open actions name a service that fits the child."""
    services = list(
        Service.objects.filter(status=ServiceStatus.ACTIVE).prefetch_related(
            "service_areas", "attributes"
        )
    )
    # The demo spans every child, so it reads actions across children.
    actions = list(
        PlanAction.across_children.filter(service__isnull=True, status__is_closed=False)
        .select_related("plan__child__owning_service", "pathway")
        .order_by("id")
    )
    linked = []
    for action in actions:
        if own.random() >= LINKED_SHARE:
            continue
        child = action.plan.child
        fitting = [
            s
            for s in services
            if _fits(s, child.owning_service.slug, child.age, action.pathway.slug)
        ]
        if fitting:
            action.service = own.choice(fitting)
            linked.append(action)
    bulk_update_with_history(linked, PlanAction, ["service"], batch_size=500)


def _backdate(referral: Referral, days: int) -> None:
    """Spread the steps over the days since it was sent (the services date them today)."""
    sent = today() - timedelta(days=days)
    values = {"sent_on": sent, "consent_on": sent if referral.consent_on else None}
    for n, step in enumerate(("accepted", "declined", "completed", "withdrawn"), start=1):
        if getattr(referral, f"{step}_on"):
            values[f"{step}_on"] = min(today(), sent + timedelta(days=n * days // 4 + 1))
    Referral.across_children.filter(pk=referral.pk).update(**values)


def _new_action(child: Child, service: Service, description: str) -> PlanAction:
    return PlanAction.objects.create(
        plan=child.plan,
        pathway=Pathway.objects.get(slug="ete"),
        kind="structural",
        description=description,
        owner_organisation=service.organization.resettle_organisation,
        owner_name="" if service.organization.resettle_organisation else service.organization.name,
        status=ActionStatus.objects.filter(is_closed=False, needs_reason=False).first(),
        service=service,
    )


def _refer(actor, child, action, own, **values) -> Referral:
    base = {
        "purpose": own.choice(
            [
                "Wants to work in construction: a place on the course, starting next term.",
                "A practical course near home, with support to turn up on time.",
                "Wants to earn money legally and learn a trade; likes working with his hands.",
            ]
        ),
        "shared": ["plan"] if own.random() < 0.6 else ["plan", "voice"],
        "consent": "given",
        "consent_on": today(),
    }
    base.update(values)
    return referrals.refer(actor, child, action, **base)


def load_referrals(fake: Faker, rng: random.Random) -> None:
    """Once: nothing is added when referrals exist."""
    if Referral.across_children.exists():
        return
    own = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    _link_actions(own)
    construction = Service.objects.filter(name=CONSTRUCTION).first()
    worker = User.objects.filter(email="caseworker@camden.example").first()
    manager = User.objects.filter(email="manager@camden.example").first()
    partner = User.objects.filter(email="partner@skills-college.example").first()
    if not (construction and worker and manager and partner):
        return
    camden = list(
        Child.objects.filter(
            owning_service__slug="camden", plan__isnull=False, restriction__isnull=True
        )
        .select_related("owning_service", "plan")
        .order_by("id")
    )
    camden.sort(key=lambda child: not (16 <= child.age <= 19))  # the course's ages first
    if not camden:
        return
    by = {"worker": Actor(worker, via=COMMAND), "manager": Actor(manager, via=COMMAND)}
    answer = Actor(partner, via=COMMAND)
    steps = {
        "accept": lambda r: referrals.accept(answer, r),
        "decline": lambda r: referrals.decline(answer, r, reason="The course is full this term."),
        "complete": lambda r: referrals.complete(answer, r, note="Finished the first module."),
        "withdraw": lambda r: referrals.withdraw(
            by["worker"], r, reason="He chose a different course nearer home."
        ),
    }
    for n, (then, days) in enumerate(STATES):
        child = camden[n % len(camden)]
        action = _new_action(child, construction, "Start the construction course")
        override = n == 1  # one child said no; the manager decided it goes ahead
        referral = _refer(
            by["manager" if override else "worker"],
            child,
            action,
            own,
            **(
                {
                    "consent": "refused",
                    "consent_on": today(),
                    "override_reason": "He agreed to the course but not to sharing; the court "
                    "order requires education, and the college needs the plan.",
                }
                if override
                else {}
            ),
        )
        for step in then:
            steps[step](referral)
        _backdate(referral, days)
    # Two services outside Resettle: the case worker records how it was sent, and the answer.
    outside = list(
        Service.objects.filter(
            status=ServiceStatus.ACTIVE, organization__resettle_organisation__isnull=True
        )
        .filter(service_areas__borough__in=["camden", ALL_LONDON])
        .distinct()
        .order_by("name")[:2]
    )
    for n, (service, sent_by) in enumerate(zip(outside, ["email", "phone"], strict=False)):
        child = camden[(n + 1) % len(camden)]
        action = _new_action(child, service, f"Referral to {service.name}")
        referral = _refer(by["worker"], child, action, own, sent_by=sent_by)
        if n == 0:
            referrals.accept(by["worker"], referral)  # they said yes on the phone
        _backdate(referral, 5 + n)
