"""An accessibility sweep: every page of the service, full of demo data, checked with axe-core.

The journeys in the other browser tests prove that things work; this one proves that every page
a person can reach, filled the way the demo fills it, has no axe violations.
"""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import Count
from django.urls import reverse

from resettle.accounts.models import Organisation, User
from resettle.children.models import Child
from resettle.journey.models import TouchpointRule
from resettle.network.models import Person, Professional
from resettle.plans.defaults import ensure_defaults
from resettle.voice.models import Strength, VoiceEntry
from resettle.web.demo import load_demo

REFERENCE_DATA = [
    (Organisation, "resettle.accounts.migrations.0002_load_organisations"),
    (Strength, "resettle.voice.migrations.0002_default_strengths"),
    (TouchpointRule, "resettle.journey.migrations.0002_default_rules"),
]


def reload_reference_data() -> None:
    """The data migrations' rows, which a transactional test's flush removes."""
    for model, migration in REFERENCE_DATA:
        if not model.objects.exists() or model is Organisation:
            importlib.import_module(migration).load(apps, None)
    ensure_defaults()


@pytest.fixture
def demo(transactional_db):
    reload_reference_data()
    load_demo(children=18, seed=7)


def sign_in_as(browsing, page, email: str) -> User:
    user = User.objects.get(email=email)
    browsing.sign_in(page, user, password=settings.DEMO_PASSWORD)
    return user


def child_pages(child: Child) -> list[str]:
    kw = {"public_id": child.public_id}
    names = [
        "children:detail",
        "children:edit",
        "children:history",
        "children:legal-status-add",
        "voice:overview",
        "voice:add",
        "plans:plan",
        "plans:vision",
        "plans:goal-add",
        "plans:need-add",
        "plans:action-add",
        "plans:agreement-add",
        "plans:history",
        "childview:my-plan",
        "quality:child",
        "journey:journey",
        "journey:meeting-add",
        "journey:event-add",
        "network:network",
        "network:person-add",
        "network:place-add",
        "network:professional-add",
        "notes:notes",
        "release:checklist",
        "release:checklist-edit",
        "access:sharing",
        "access:share-add",
        "access:transfer-request",
    ]
    urls = [reverse(name, kwargs=kw) for name in names]
    plan = getattr(child, "plan", None)
    action = plan.actions.first() if plan else None
    if action:
        urls += [
            reverse("plans:action-edit", kwargs={**kw, "action_id": action.public_id}),
            reverse("plans:contingency", kwargs={**kw, "action_id": action.public_id}),
        ]
    person = Person.across_children.filter(child=child).first()
    if person:
        urls.append(reverse("network:person-edit", kwargs={**kw, "entry_id": person.public_id}))
    professional = Professional.across_children.filter(child=child).first()
    if professional:
        urls.append(
            reverse(
                "network:professional-edit",
                kwargs={**kw, "entry_id": professional.public_id},
            )
        )
    return urls


def fullest_camden_child() -> Child:
    """The Camden child whose pages have the most on them (plan actions, words, people)."""
    return (
        Child.objects.filter(owning_service__slug="camden")
        .annotate(
            fullness=Count("plan__actions", distinct=True)
            + Count("voice_entries", distinct=True)
            + Count("network_people", distinct=True)
        )
        .order_by("-fullness", "id")
        .first()
    )


def test_every_page_a_case_worker_reaches_has_no_axe_violations(browsing, page, demo):
    sign_in_as(browsing, page, "caseworker@camden.example")
    for path in [
        reverse("children:caseload"),
        reverse("children:caseload") + "?scope=service",
        reverse("children:add"),
        reverse("release:my-week"),
        reverse("release:my-week") + "?scope=service",
        # One kind, in pages, and a page past the end (the last page).
        reverse("release:my-week") + "?scope=service&kind=not-seen&when=next-week&page=9",
        reverse("release:upcoming"),
        reverse("release:upcoming") + "?scope=service&page=2",
        reverse("access:transfers"),
        reverse("accounts:account"),
        reverse("accounts:mfa-setup"),
        *child_pages(fullest_camden_child()),
    ]:
        browsing.goto(page, path)


def test_every_page_a_manager_and_an_administrator_reach_has_no_axe_violations(
    browsing, page, demo
):
    sign_in_as(browsing, page, "manager@camden.example")
    child = fullest_camden_child()
    kw = {"public_id": child.public_id}
    for name in (
        "children:access-log",
        "access:restriction",
        "privacy:subject-access",
        "quality:audit-add",
    ):
        browsing.goto(page, reverse(name, kwargs=kw))
    # Managers correct anyone's entry.
    entry = VoiceEntry.across_children.filter(child__owning_service__slug="camden").first()
    browsing.goto(
        page,
        reverse(
            "voice:edit",
            kwargs={"public_id": entry.child.public_id, "entry_id": entry.public_id},
        ),
    )

    admin_page = browsing.new_page()
    admin = sign_in_as(browsing, admin_page, "admin@resettle.example")
    browsing.goto(admin_page, reverse("audit:search"))
    browsing.goto(admin_page, reverse("audit:search") + "?action=child.viewed")
    browsing.goto(
        admin_page, reverse("accounts:user-sessions", kwargs={"public_id": admin.public_id})
    )


def test_shared_and_partnership_views_have_no_axe_violations(browsing, page, demo):
    sign_in_as(browsing, page, "practitioner@feltham.example")  # lands on the shared caseload
    lead_page = browsing.new_page()
    sign_in_as(browsing, lead_page, "lead@partnership.example")  # lands on home
