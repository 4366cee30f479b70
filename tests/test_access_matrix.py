"""The permission matrix: every URL pattern × every role × every kind of child → expected status.

When a new URL pattern is added, `test_every_url_pattern_is_in_the_matrix` fails until the pattern
is given a rule here. Rules describe *what kind of page* a URL is; the truth table of which
person may see which child is written out by hand below, so the test does not lean on the policy
it checks.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from resettle.access.models import Restriction, Share, Transfer
from resettle.accounts.models import Role
from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.knowledge.models import Article, Question, TrainingModule
from resettle.voice.models import VoiceEntry

from .directory import matrix as directory
from .factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["amara", "priya", "ben", "hana", "chloe", "sam", "dev", "alex"]
CHILDREN = ["own", "other", "shared", "expired", "restricted", "referred"]

# Who may see which child (hand-written truth table).
#   own: Camden child; other: Hackney child; shared: Camden child shared with Feltham and Camden
#   social care; expired: Camden child whose Feltham share has ended; restricted: Camden child
#   restricted to Priya; referred: Camden child referred to a service of Camden social care, which
#   accepted: a referral share of the plan only (see REFERRAL_SHARES).
VISIBLE = {
    "amara": {"own", "shared", "expired", "referred"},
    "priya": {"own", "shared", "expired", "restricted", "referred"},
    "ben": {"other"},
    "hana": {"other"},
    "chloe": {"shared"},
    "sam": {"shared", "referred"},
    "dev": set(),
    "alex": set(),
}
# Who owns (may change) which child: staff of the owning service.
OWNS = {
    "amara": {"own", "shared", "expired", "referred"},
    "priya": {"own", "shared", "expired", "restricted", "referred"},
    "ben": {"other"},
    "hana": {"other"},
}
MANAGES = {"priya": {"own", "shared", "expired", "restricted", "referred"}, "hana": {"other"}}
# Referral shares: who sees a child only through a referral's share, and the sections of the
# record it reaches (read-only). Every other section is refused (403), in the pages and the API.
REFERRAL_SHARES = {("sam", "referred"): {"summary", "plan", "my-plan"}}
YJS_STAFF = {"amara", "priya", "ben", "hana"}
CHILD_ROLES = YJS_STAFF | {"chloe", "sam"}
ADMINS = {"alex"}
MANAGERS = {"priya", "hana"}


@dataclass
class World:
    people: dict
    children: dict
    share: Share
    transfer: Transfer


@pytest.fixture
def world(camden, hackney, feltham, camden_social_care, partnership) -> World:
    people = {
        "amara": UserFactory(email="amara@camden.test", organisation=camden, role=Role.CASE_WORKER),
        "priya": UserFactory(email="priya@camden.test", organisation=camden, role=Role.YJS_MANAGER),
        "ben": UserFactory(email="ben@hackney.test", organisation=hackney, role=Role.CASE_WORKER),
        "hana": UserFactory(email="hana@hackney.test", organisation=hackney, role=Role.YJS_MANAGER),
        "chloe": UserFactory(
            email="chloe@feltham.test", organisation=feltham, role=Role.SECURE_PRACTITIONER
        ),
        "sam": UserFactory(
            email="sam@care.test", organisation=camden_social_care, role=Role.PARTNER_PRACTITIONER
        ),
        "dev": UserFactory(
            email="dev@lrp.test", organisation=partnership, role=Role.PARTNERSHIP_LEAD
        ),
        "alex": UserFactory(
            email="alex@admin.test",
            organisation=partnership,
            role=Role.ADMINISTRATOR,
            is_staff=True,
            is_superuser=True,
        ),
    }
    children = {
        "own": ChildFactory(owning_service=camden, lead_practitioner=people["amara"]),
        "other": ChildFactory(owning_service=hackney, lead_practitioner=people["ben"]),
        "shared": ChildFactory(owning_service=camden),
        "expired": ChildFactory(owning_service=camden),
        "restricted": ChildFactory(owning_service=camden),
        "referred": ChildFactory(owning_service=camden),
    }
    soon = today() + timedelta(days=30)
    share = Share.objects.create(
        child=children["shared"], organisation=feltham, purpose="x", ends_on=soon
    )
    Share.objects.create(
        child=children["shared"], organisation=camden_social_care, purpose="x", ends_on=soon
    )
    Share.objects.create(
        child=children["expired"],
        organisation=feltham,
        purpose="x",
        starts_on=today() - timedelta(days=40),
        ends_on=today() - timedelta(days=1),
    )
    Share.objects.create(  # as accepting a referral of the plan makes it (resettle.referrals)
        child=children["referred"],
        organisation=camden_social_care,
        purpose="Referral",
        ends_on=soon,
        sections="plan,my-plan",
    )
    restriction = Restriction.objects.create(child=children["restricted"], reason="x")
    restriction.allowed_users.set([people["priya"]])
    transfer = Transfer.objects.create(
        child=children["own"], from_service=camden, to_service=hackney, reason="Moving"
    )
    return World(people, children, share, transfer)


# ---- Rules: what kind of page each URL is -------------------------------------------------------


def child_read(person, child):
    return 200 if child in VISIBLE[person] else 404


def child_write(person, child):
    if child not in VISIBLE[person]:
        return 404
    return 200 if child in OWNS.get(person, set()) else 403


# Who adds to a child's voice, plan and meetings: the owning service's staff, and the secure
# estate and partner practitioners the child is shared with (while the share is active).
CONTRIBUTES = {**OWNS, "chloe": {"shared"}, "sam": {"shared"}}


def child_contribute(person, child):
    if child not in VISIBLE[person]:
        return 404
    return 200 if child in CONTRIBUTES.get(person, set()) else 403


def child_manage(person, child):
    if child not in VISIBLE[person]:
        return 404
    return 200 if child in MANAGES.get(person, set()) else 403


def share_revoke(person, child):
    """The share in the URL belongs to the shared child; with any other child it is not found."""
    status = child_write(person, child)
    return 404 if status == 200 and child != "shared" else status


def _section_of(url: str) -> str | None:
    """The section of the child's record a page (child_page) or API route belongs to."""
    from resettle.api.base import SECTIONS as API_SECTIONS

    view = resolve(url).func
    if hasattr(view, "child_page"):
        return view.child_page[0]
    route = getattr(getattr(view, "cls", None), "section", None)
    return API_SECTIONS.get(route.removeprefix("api-"), "api") if route is not None else None


def limited(person, child, url: str, expected: int) -> int:
    """What a referral share changes: a section it does not reach is a 403."""
    sections = REFERRAL_SHARES.get((person, child))
    if sections is None or expected != 200:
        return expected
    section = _section_of(url)
    return expected if section is None or section in sections else 403


def referral_kwargs(world, child):
    """A referral of the referred child to a service of Camden social care (Sam's), accepted."""
    from resettle.referrals.models import Referral
    from tests.directory.helpers import make_service, organization

    found = world.__dict__.get("referral")
    if found is None:
        provider = organization("Matrix Partner Trust")
        provider.resettle_organisation = world.people["sam"].organisation
        provider.save()
        service = make_service(world.people["dev"], provider)
        _, action = _plan_parts(world, "referred")
        found = world.__dict__["referral"] = Referral.objects.create(
            child=world.children["referred"],
            action=action,
            service=service,
            organisation=provider.resettle_organisation,
            purpose="x",
            shared="plan",
            consent="given",
            consent_on=today(),
            sent_by="resettle",
            sent_on=today(),
            status="accepted",
            accepted_on=today(),
        )
    return {"referral_id": found.public_id}


def refer_kwargs(world, child):
    """The child's action, linked to a service (one outside Resettle) so it may be referred."""
    _, action = _plan_parts(world, child)
    if action.service_id is None:
        action.service = directory._service(world)
        action.save()
    return plan_action_kwargs(world, child)


def child_post_only(person, child):
    return 405  # GET is refused before anything is looked up, so nothing leaks


@dataclass(frozen=True)
class Rule:
    expect: object  # function(person, child) for child URLs, or function(person) otherwise
    child_url: bool = False
    anonymous: int = 302  # what a signed-out visitor gets
    build: object = None  # function(world, child) -> kwargs, for URLs with other ids


def everyone(status):
    return lambda person: status


def only(people, status=200, otherwise=403):
    return lambda person: status if person in people else otherwise


def share_kwargs(world, child):
    return {"public_id": world.children[child].public_id, "share_id": world.share.public_id}


def transfer_kwargs(world, child):
    return {"transfer_id": world.transfer.public_id}


def voice_recorder(child):
    """Who recorded the voice entry of each child: the child's own service's case worker."""
    return "ben" if child == "other" else "amara"


def voice_entry_kwargs(world, child):
    """An entry (shared with partners) for the child, made once per test and reused."""
    entries = world.__dict__.setdefault("voice_entries", {})
    if child not in entries:
        entries[child] = VoiceEntry.objects.create(
            child=world.children[child],
            recorded_on=today(),
            recorded_by=world.people[voice_recorder(child)],
            conversation="meeting",
            who_are_you="x",
            share_with_partners=True,
        )
    return {"public_id": world.children[child].public_id, "entry_id": entries[child].public_id}


def voice_edit(person, child):
    """The person who recorded the entry, or a manager of the owning service, corrects it."""
    if child not in VISIBLE[person]:
        return 404
    may = person == voice_recorder(child) or child in MANAGES.get(person, set())
    return 200 if may else 403


def password_link_kwargs(world, child):
    return {"purpose": "reset", "uid": "bm90LWEtdXNlcg", "token": "abc-0123456789abcdef"}


def token_kwargs(world, child):
    return {"token_id": uuid.uuid4()}


def person_kwargs(world, child):
    return {"public_id": world.people["amara"].public_id}


def _plan_parts(world, child):
    """A plan with a goal and an action for the child, made once per test and reused."""
    from resettle.plans.defaults import ensure_defaults
    from resettle.plans.models import ActionStatus, Goal, Pathway, Plan, PlanAction

    parts = world.__dict__.setdefault("plan_parts", {})
    if child not in parts:
        ensure_defaults()
        plan, _ = Plan.objects.get_or_create(child=world.children[child])
        goal = Goal.objects.create(plan=plan, text="Be a mechanic")
        action = PlanAction.objects.create(
            plan=plan,
            pathway=Pathway.objects.get(slug="ete"),
            kind="structural",
            description="Enrol at college",
            owner_name="Aunt Grace",
            status=ActionStatus.objects.get(slug="not-started"),
        )
        parts[child] = (goal, action)
    return parts[child]


def plan_goal_kwargs(world, child):
    goal, _ = _plan_parts(world, child)
    return {"public_id": world.children[child].public_id, "goal_id": goal.public_id}


def plan_action_kwargs(world, child):
    _, action = _plan_parts(world, child)
    return {"public_id": world.children[child].public_id, "action_id": action.public_id}


def progress_kwargs(world, child):
    """Progress in custody for the child, made once per test and reused."""
    from resettle.plans.models import CustodyProgress

    made = world.__dict__.setdefault("progress", {})
    if child not in made:
        made[child] = CustodyProgress.objects.create(
            child=world.children[child], kind="course", what="Barbering", started_on=today()
        )
    return {"public_id": world.children[child].public_id, "progress_id": made[child].public_id}


def setback_kwargs(world, child):
    """A setback on the child's journey, made once per test and reused."""
    from resettle.journey.models import JourneyEvent

    events = world.__dict__.setdefault("setbacks", {})
    if child not in events:
        events[child] = JourneyEvent.objects.create(
            child=world.children[child], kind="snake", happened_on=today(), what_happened="x"
        )
    return {"public_id": world.children[child].public_id, "event_id": events[child].public_id}


def touchpoint_kwargs(world, child):
    """An open touchpoint on the child's journey, made once per test and reused."""
    from resettle.journey.models import Touchpoint

    made = world.__dict__.setdefault("touchpoints", {})
    if child not in made:
        made[child] = Touchpoint.objects.create(
            child=world.children[child], name="Accommodation confirmed", due_on=today()
        )
    return {"public_id": world.children[child].public_id, "touchpoint_id": made[child].public_id}


def _network_entry_kwargs(kind):
    """A person, place or professional in the child's network, made once per test and reused."""

    def build(world, child):
        from resettle.network.models import Person, PlaceOrActivity, Professional

        entries = world.__dict__.setdefault("network_entries", {})
        if (kind, child) not in entries:
            target = world.children[child]
            entries[kind, child] = {
                "person": lambda: Person.objects.create(
                    child=target, name="Aunt Grace", relationship="other_family"
                ),
                "place": lambda: PlaceOrActivity.objects.create(
                    child=target, name="Boxing club", kind="activity"
                ),
                "professional": lambda: Professional.objects.create(
                    child=target, name="Sam Social", role="Social worker"
                ),
            }[kind]()
        entry = entries[kind, child]
        return {"public_id": world.children[child].public_id, "entry_id": entry.public_id}

    return build


# The knowledge hub: partnership leads and administrators write guidance; partnership leads answer
# questions (the world names no experts); practitioners ask.
AUTHORS = {"dev", "alex"}
ANSWERERS = {"dev"}


def article_kwargs(world, child):
    """A published article (the starter guidance may have been emptied by an earlier test)."""
    found = world.__dict__.get("article")
    if found is None:
        found = world.__dict__["article"] = Article.objects.create(
            slug="matrix-article", title="Matrix", summary="x", body="x", status="published"
        )
    return {"slug": found.slug}


def article_version_kwargs(world, child):
    slug = article_kwargs(world, child)["slug"]
    version = Article.objects.get(slug=slug).history.first()
    return {"slug": slug, "history_id": version.history_id}


def question_kwargs(world, child):
    """Amara's question, answered by Dev and not yet published: hers and the answerers' only."""
    found = world.__dict__.get("question")
    if found is None:
        found = world.__dict__["question"] = Question.objects.create(
            text="How soon should the first meeting be?",
            asked_by=world.people["amara"],
            status="answered",
            answer="Within 10 working days.",
            answered_by=world.people["dev"],
        )
    return {"question_id": found.public_id}


def training_module_kwargs(world, child):
    found = world.__dict__.get("module")
    if found is None:
        found = world.__dict__["module"] = TrainingModule.objects.create(
            name="Constructive resettlement basics", provider="x", covers="x"
        )
    return {"module_id": found.public_id}


def question_answerer(person):
    """A page for answerers about Amara's question: others who see it 403, the rest 404."""
    return 200 if person in ANSWERERS else 403 if person == "amara" else 404


def insight_measure_kwargs(world, child):
    return {"slug": "four-questions"}


def insight_download_kwargs(world, child):
    return {"table": "services", "fmt": "csv"}


MATRIX: dict[str, Rule] = {
    # The service as a whole
    # To the caseload; the partnership lead to London's figures
    "core:home": Rule(only(CHILD_ROLES | {"dev"}, status=302, otherwise=200)),
    "core:accessibility": Rule(everyone(200), anonymous=200),
    "core:privacy": Rule(everyone(200), anonymous=200),
    "core:healthz": Rule(everyone(200), anonymous=200),
    "core:readyz": Rule(everyone(200), anonymous=200),
    "accounts:sign-in": Rule(everyone(302), anonymous=200),  # signed-in users go home
    "accounts:sign-out": Rule(everyone(405), anonymous=405),  # POST only
    "accounts:signed-out": Rule(everyone(200), anonymous=200),
    "accounts:signed-out-inactive": Rule(everyone(200), anonymous=200),
    "accounts:signed-out-expired": Rule(everyone(200), anonymous=200),
    # Resetting a password with an emailed link: open to anyone; a link that is not valid (as
    # here) and the choose-a-password page without one both say the link has expired
    "accounts:password-reset": Rule(everyone(200), anonymous=200),
    "accounts:password-reset-sent": Rule(everyone(200), anonymous=200),
    "accounts:password-link": Rule(everyone(200), anonymous=200, build=password_link_kwargs),
    "accounts:password-choose": Rule(everyone(200), anonymous=200),
    # The administration pages' sign-in is the service's; their sign-out is a POST
    "accounts:admin-sign-in": Rule(only(ADMINS, status=302)),  # signed-out: to sign in
    "accounts:admin-sign-out": Rule(everyone(405), anonymous=405),
    # Your account and two-factor sign-in (people here have no authenticator app and signed in
    # without typing a password, so changes first send them to confirm it is them)
    "accounts:account": Rule(everyone(200)),
    "accounts:reauthenticate": Rule(everyone(200)),
    "accounts:password-change": Rule(everyone(302)),  # to confirm it is you
    "accounts:mfa-setup": Rule(everyone(302)),  # to confirm it is you
    "accounts:mfa-verify": Rule(everyone(302)),  # no app yet: to set one up
    "accounts:mfa-recovery": Rule(everyone(302)),  # no app yet: to set one up
    "accounts:mfa-recovery-codes": Rule(everyone(302)),  # no codes waiting: to your account
    "accounts:mfa-new-recovery-codes": Rule(everyone(302)),  # to confirm it is you
    # Administrators: a person's signed-in sessions
    "accounts:user-sessions": Rule(only(ADMINS), build=person_kwargs),
    "accounts:user-sessions-end": Rule(only(ADMINS), build=person_kwargs),
    # Children
    "children:caseload": Rule(only(CHILD_ROLES)),
    "children:add": Rule(only(YJS_STAFF)),
    "children:detail": Rule(child_read, child_url=True),
    "children:edit": Rule(child_write, child_url=True),
    "children:history": Rule(child_read, child_url=True),
    "children:legal-status-add": Rule(child_write, child_url=True),
    "children:end-of-order": Rule(child_write, child_url=True),
    # Sharing, restriction, transfer
    "access:sharing": Rule(child_read, child_url=True),
    "access:share-add": Rule(child_write, child_url=True),
    "access:share-revoke": Rule(share_revoke, child_url=True, build=share_kwargs),
    "access:restriction": Rule(child_manage, child_url=True),
    "access:restriction-remove": Rule(child_post_only, child_url=True),
    "access:transfer-request": Rule(child_write, child_url=True),
    "access:transfers": Rule(only(YJS_STAFF)),
    # The open transfer goes from Camden to Hackney: Hana (Hackney manager) decides; other
    # Camden/Hackney staff see it exists but may not decide; everyone else gets 404.
    "access:transfer-decide": Rule(
        lambda p: 200 if p == "hana" else 403 if p in YJS_STAFF else 404,
        build=transfer_kwargs,
    ),
    "access:transfer-cancel": Rule(everyone(405), build=transfer_kwargs),
    # The child's rights
    "privacy:subject-access": Rule(child_manage, child_url=True),
    "privacy:subject-access-json": Rule(child_manage, child_url=True),
    # The child's voice
    "voice:overview": Rule(child_read, child_url=True),
    "voice:add": Rule(child_contribute, child_url=True),
    "voice:edit": Rule(voice_edit, child_url=True, build=voice_entry_kwargs),
    # The child's plan: everyone who sees the child reads it; contributors change it
    "plans:plan": Rule(child_read, child_url=True),
    "plans:history": Rule(child_read, child_url=True),
    "plans:vision": Rule(child_contribute, child_url=True),
    "plans:goal-add": Rule(child_contribute, child_url=True),
    "plans:goal-edit": Rule(child_contribute, child_url=True, build=plan_goal_kwargs),
    "plans:need-add": Rule(child_contribute, child_url=True),
    "plans:action-add": Rule(child_contribute, child_url=True),
    "plans:action-edit": Rule(child_contribute, child_url=True, build=plan_action_kwargs),
    "plans:contingency": Rule(child_contribute, child_url=True, build=plan_action_kwargs),
    "plans:agreement-add": Rule(child_contribute, child_url=True),
    # Progress in custody (issue 15): contributors record and change it, the establishment's
    # practitioner on a share as readily as the child's case worker
    "plans:progress-add": Rule(child_contribute, child_url=True),
    "plans:progress-edit": Rule(child_contribute, child_url=True, build=progress_kwargs),
    # The 5Cs: everyone who sees the child reads the check and audits; managers of the owning
    # service record an audit
    "quality:child": Rule(child_read, child_url=True),
    "quality:audit-add": Rule(child_manage, child_url=True),
    # The child's journey: everyone who sees the child reads it; contributors add meetings,
    # progress and setbacks, responses and touchpoints done
    "journey:journey": Rule(child_read, child_url=True),
    "journey:meeting-add": Rule(child_contribute, child_url=True),
    "journey:event-add": Rule(child_contribute, child_url=True),
    "journey:setback-respond": Rule(child_contribute, child_url=True, build=setback_kwargs),
    "journey:touchpoint-done": Rule(child_contribute, child_url=True, build=touchpoint_kwargs),
    # The child's network: everyone who sees the child reads it; contributors change it
    "network:network": Rule(child_read, child_url=True),
    "network:person-add": Rule(child_contribute, child_url=True),
    "network:person-edit": Rule(
        child_contribute, child_url=True, build=_network_entry_kwargs("person")
    ),
    "network:place-add": Rule(child_contribute, child_url=True),
    "network:place-edit": Rule(
        child_contribute, child_url=True, build=_network_entry_kwargs("place")
    ),
    "network:professional-add": Rule(child_contribute, child_url=True),
    "network:professional-edit": Rule(
        child_contribute, child_url=True, build=_network_entry_kwargs("professional")
    ),
    # The audit trail: managers see who accessed their service's children; administrators search
    "children:access-log": Rule(child_manage, child_url=True),
    "audit:search": Rule(only(ADMINS)),
    "audit:export": Rule(only(ADMINS)),
    # Case notes: everyone who sees the child reads them (adding is a POST, in tests/notes)
    "notes:notes": Rule(child_read, child_url=True),
    # Release readiness: everyone who sees the child reads the checklist; contributors change it;
    # the lists (releases coming up, My week) are for youth justice service staff
    "release:checklist": Rule(child_read, child_url=True),
    "release:checklist-edit": Rule(child_contribute, child_url=True),
    "release:upcoming": Rule(only(YJS_STAFF)),
    "release:my-week": Rule(only(YJS_STAFF)),
    # The secure establishment's workspace (issue 15): its own staff only
    "estate:workspace": Rule(only({"chloe"})),
    "estate:shared": Rule(only({"chloe"})),
    "estate:movements": Rule(only({"chloe"})),
    "estate:week": Rule(only({"chloe"})),
    # For the child: everyone who sees the child reads and prints My plan; starting child mode is
    # a POST (contributors only, in tests/childview); the child-mode pages send anyone whose
    # session is not in child mode home
    "childview:my-plan": Rule(child_read, child_url=True),
    "childview:my-plan-pdf": Rule(child_read, child_url=True),
    "childview:child-mode-start": Rule(child_post_only, child_url=True),
    "childview:child-mode": Rule(everyone(302)),
    "childview:child-mode-answers": Rule(everyone(302)),
    "childview:child-mode-leave": Rule(everyone(302)),
    # The knowledge hub: everyone signed in reads published guidance and the FAQ and keeps their
    # own training; only authors write; a question is its asker's and the answerers' until it is
    # published; managers see their team's training, the partnership lead every service's
    "knowledge:index": Rule(everyone(200)),
    "knowledge:article": Rule(everyone(200), build=article_kwargs),
    "knowledge:manage": Rule(only(AUTHORS)),
    "knowledge:article-new": Rule(only(AUTHORS)),
    "knowledge:article-edit": Rule(only(AUTHORS), build=article_kwargs),
    "knowledge:article-move": Rule(everyone(405), build=article_kwargs),  # POST only
    "knowledge:article-history": Rule(only(AUTHORS), build=article_kwargs),
    "knowledge:article-version": Rule(only(AUTHORS), build=article_version_kwargs),
    "knowledge:faq": Rule(everyone(200)),
    "knowledge:ask": Rule(only(CHILD_ROLES)),
    "knowledge:your-questions": Rule(everyone(200)),
    "knowledge:queue": Rule(only(ANSWERERS)),
    "knowledge:experts": Rule(only({"dev"})),
    "knowledge:question": Rule(
        lambda p: 200 if p in ANSWERERS | {"amara"} else 404, build=question_kwargs
    ),
    "knowledge:answer": Rule(question_answerer, build=question_kwargs),
    "knowledge:redact": Rule(question_answerer, build=question_kwargs),
    "knowledge:publish": Rule(question_answerer, build=question_kwargs),
    "knowledge:assign": Rule(everyone(405), build=question_kwargs),  # POST only
    "knowledge:training": Rule(everyone(200)),
    "knowledge:training-record": Rule(everyone(200)),
    "knowledge:training-team": Rule(only({"priya", "hana"})),
    "knowledge:training-services": Rule(only({"dev"})),
    "knowledge:training-modules": Rule(only(AUTHORS)),
    "knowledge:training-module-new": Rule(only(AUTHORS)),
    "knowledge:training-module-edit": Rule(only(AUTHORS), build=training_module_kwargs),
    "knowledge:whats-new": Rule(everyone(200)),
    "knowledge:whats-new-add": Rule(only(AUTHORS)),
    # The menu of support: no personal data. Everyone reads it and its HSDS API; the partnership
    # lead and administrators curate it; managers propose changes to their borough's services
    # (the service here covers Camden) and see their own proposals
    "directory:search": Rule(everyone(200)),
    "directory:service": Rule(everyone(200), build=directory.service_kwargs),
    "directory:service-history": Rule(everyone(200), build=directory.service_kwargs),
    "directory:export": Rule(everyone(200)),
    "directory:service-add": Rule(only(directory.CURATORS)),
    "directory:organization-add": Rule(only(directory.CURATORS)),
    "directory:service-edit": Rule(only(directory.CURATORS), build=directory.service_kwargs),
    "directory:service-propose": Rule(only(directory.PROPOSERS), build=directory.service_kwargs),
    "directory:proposals": Rule(only(directory.CURATORS | directory.MANAGERS)),
    "directory:proposal": Rule(
        only(directory.CURATORS | directory.PROPOSERS), build=directory.proposal_kwargs
    ),
    "hsds:root": Rule(everyone(200)),
    "hsds:services": Rule(everyone(200)),
    "hsds:service": Rule(everyone(200), build=directory.service_kwargs),
    "hsds:taxonomy-terms": Rule(everyone(200)),
    # Personal access tokens (for the API): the people who work with children's records; making
    # one first asks them to confirm it is them; revoking is a POST
    "integrations:tokens": Rule(only(CHILD_ROLES)),
    "integrations:token-add": Rule(only(CHILD_ROLES, status=302)),
    "integrations:token-revoke": Rule(everyone(405), build=token_kwargs),
    # Import from a case management system and export: managers of a youth justice service (the
    # check, the rejected rows: back to the upload page when nothing has been uploaded)
    "integrations:import": Rule(only(MANAGERS)),
    "integrations:import-check": Rule(only(MANAGERS, status=302)),
    "integrations:import-rejected": Rule(only(MANAGERS, status=302)),
    "integrations:import-cancel": Rule(everyone(405)),
    "integrations:export": Rule(only(MANAGERS)),
    # The partnership's figures (issue 11): counts only, small numbers suppressed. London's for
    # the partnership lead and managers; a manager's own service by worker, with the children
    # behind a number; the establishment's for its practitioners; the definitions for everyone
    "insight:overview": Rule(only(MANAGERS | {"dev"})),
    "insight:services": Rule(only(MANAGERS | {"dev"})),
    "insight:measure": Rule(only(MANAGERS | {"dev"}), build=insight_measure_kwargs),
    "insight:definitions": Rule(everyone(200)),
    "insight:service": Rule(only(MANAGERS)),
    "insight:children": Rule(only(MANAGERS)),
    "insight:establishment": Rule(only({"chloe"})),
    "insight:download": Rule(only(MANAGERS | {"dev"}), build=insight_download_kwargs),
    # Referrals (issue 12): the receiving organisation's practitioners have an inbox; a referral
    # is seen by them and by the staff of the child's service, and by nobody else (404); a
    # referral is made by the child's service, from an action of the plan
    "referrals:inbox": Rule(only({"chloe", "sam"})),
    "referrals:referral": Rule(
        lambda p: 200 if p in {"amara", "priya", "sam"} else 404, build=referral_kwargs
    ),
    "referrals:refer": Rule(child_write, child_url=True, build=refer_kwargs),
}
# URL namespaces outside the matrix, and why.
EXEMPT_NAMESPACES = {
    "admin": "Django admin: staff-only by Django's own checks (tested in test_admin_is_staff_only)",
    "api": "The REST API takes tokens, not sessions: API_MATRIX below, with each person's token",
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = entry.namespace
            if namespace in EXEMPT_NAMESPACES:
                continue
            yield from _walk(entry.url_patterns, f"{prefix}{namespace}:" if namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{prefix}{entry.name}"
        elif isinstance(entry, URLPattern):
            yield f"{prefix}<unnamed {entry.pattern}>"


def all_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def test_every_url_pattern_is_in_the_matrix():
    missing = sorted(all_url_names() - set(MATRIX))
    assert not missing, f"Add these URL patterns to MATRIX in {__name__}: {missing}"
    stale = sorted(set(MATRIX) - all_url_names())
    assert not stale, f"MATRIX names URL patterns that no longer exist: {stale}"


def _url(name: str, rule: Rule, world: World, child: str | None) -> str:
    if rule.build:
        return reverse(name, kwargs=rule.build(world, child or "own"))
    if rule.child_url:
        return reverse(name, kwargs={"public_id": world.children[child].public_id})
    return reverse(name)


def _audited_about(child, last_before: int) -> bool:
    """Showing a page about a child writes an audit entry about that child (a view, or what
    the page does: a print, an export)."""
    return AuditEvent.objects.filter(id__gt=last_before, child=child).exists()


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_url_answers_each_person_as_the_matrix_says(name, world):
    rule = MATRIX[name]
    problems = []
    cases = (
        [(p, c) for p in PEOPLE for c in CHILDREN]
        if rule.child_url
        else [(p, None) for p in PEOPLE]
    )
    clients = {}
    for person, child in cases:
        client = clients.setdefault(person, Client())
        client.force_login(world.people[person])
        expected = rule.expect(person, child) if rule.child_url else rule.expect(person)
        url = _url(name, rule, world, child)
        expected = limited(person, child, url, expected) if child else expected
        written = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
        got = client.get(url).status_code
        if got != expected:
            problems.append(f"{person} / {child or '-'}: expected {expected}, got {got}")
        elif child and got == 200 and not _audited_about(world.children[child], written):
            problems.append(f"{person} / {child}: the page was shown but nothing was audited")
    anonymous = Client().get(_url(name, rule, world, "own")).status_code
    if anonymous != rule.anonymous:
        problems.append(f"signed out: expected {rule.anonymous}, got {anonymous}")
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize(
    "name", [n for n, r in MATRIX.items() if r.child_url and r.expect is not child_post_only]
)
def test_unknown_child_is_404(name, world):
    rule = MATRIX[name]
    kwargs = {"public_id": uuid.uuid4()}
    if rule.build:
        kwargs = {**rule.build(world, "own"), **kwargs}
    client = Client()
    client.force_login(world.people["priya"])
    assert client.get(reverse(name, kwargs=kwargs)).status_code == 404


def test_post_only_child_urls_follow_the_matrix_on_post(world):
    """Removing a restriction: the manager may; others who see the child 403; the rest 404."""
    for person in PEOPLE:
        client = Client()
        client.force_login(world.people[person])
        url = reverse(
            "access:restriction-remove",
            kwargs={"public_id": world.children["restricted"].public_id},
        )
        expected = 302 if person == "priya" else 404
        assert client.post(url).status_code == expected, person
    client = Client()
    client.force_login(world.people["amara"])
    url = reverse(
        "access:restriction-remove", kwargs={"public_id": world.children["own"].public_id}
    )
    assert client.post(url).status_code == 403


def test_admin_is_staff_only(world):
    for person in PEOPLE:
        client = Client()
        client.force_login(world.people[person])
        status = client.get("/admin/").status_code
        assert status == (200 if person in ADMINS else 302), person


# ---- Beyond the pages: lists, notifications, the 5Cs loaders, the PDF, subject access ----------


@pytest.fixture
def busy_world(world, feltham):
    """The world's children each with a release coming up, an overdue touchpoint, an action due
    and owned by someone, and a conversation: so each appears on every list it can appear on."""
    from resettle.children.models import LegalStatusEpisode
    from resettle.journey.models import Touchpoint
    from resettle.plans.models import PlanAction

    for key, child in world.children.items():
        child.preferred_name = f"Zed{key.capitalize()}"
        child.legal_name = f"Zed{key.capitalize()} Matrixchild"
        child.save()
        LegalStatusEpisode.objects.create(
            child=child,
            status="sentenced_custody",
            sentence_type="dto",
            establishment=feltham,
            starts_on=today() - timedelta(days=100),
            expected_release_on=today() + timedelta(days=20),
        )
        Touchpoint.objects.create(child=child, name="Review", due_on=today() - timedelta(days=3))
        _goal, action = _plan_parts(world, key)
        action.owner_person = world.people["amara" if key != "other" else "ben"]
        action.due_on = today()
        action.save()
        VoiceEntry.objects.create(
            child=child,
            recorded_on=today(),
            recorded_by=world.people["amara" if key != "other" else "ben"],
            conversation="meeting",
            who_are_you=f"I am {child.preferred_name}",
            share_with_partners=key != "shared",
        )
    assert PlanAction.across_children.count() == len(world.children)
    return world


def _hidden(person, world) -> list[str]:
    return [c.preferred_name for k, c in world.children.items() if k not in VISIBLE[person]]


def test_lists_never_show_a_child_the_person_may_not_see(busy_world):
    pages = [
        reverse("children:caseload") + "?scope=service",
        reverse("release:my-week") + "?scope=service",
        reverse("release:upcoming") + "?scope=service",
        reverse("estate:workspace"),
        reverse("estate:shared"),
        reverse("estate:movements"),
        reverse("estate:week"),
    ]  # (the transfers list names a child to the service receiving them: tests/access)
    shown_somewhere = set()
    for person in PEOPLE:
        client = Client()
        client.force_login(busy_world.people[person])
        for url in pages:
            response = client.get(url)
            if response.status_code != 200:
                continue
            html = response.content.decode()
            for name in _hidden(person, busy_world):
                assert name not in html, f"{person} sees {name} on {url}"
            shown_somewhere |= {
                c.preferred_name for c in busy_world.children.values() if c.preferred_name in html
            }
    # The check is not empty: every child appears somewhere for someone who may see them.
    assert shown_somewhere == {c.preferred_name for c in busy_world.children.values()}


def test_notifications_go_only_to_people_who_may_see_the_child(busy_world):
    from resettle.web.notifications import pending

    people = {user.pk: name for name, user in busy_world.people.items()}
    children = {child.pk: key for key, child in busy_world.children.items()}
    emails = list(pending("https://resettle.example"))
    assert emails, "the world has actions given to people and overdue touchpoints"
    for email in emails:
        person, child = people[email.recipient.pk], children[email.child.pk]
        assert child in VISIBLE[person], f"{person} would be told about {child}"
    # Actions owned by Amara on the expired-share and restricted children are not all hers to see:
    told = {(people[e.recipient.pk], children[e.child.pk]) for e in emails}
    assert ("amara", "restricted") not in told


def test_the_5cs_loaders_read_only_what_the_person_may_read(busy_world):
    from resettle.children.models import Child
    from resettle.quality.queries import five_cs_for, load_voice

    for person in PEOPLE:
        user = busy_world.people[person]
        visible = list(Child.objects.visible_to(user))
        assert {c.pk for c in visible} == {busy_world.children[k].pk for k in VISIBLE[person]}
        assert set(five_cs_for(visible, user)) == {c.pk for c in visible}
    # Partners read only the conversations the child agreed to share with them.
    sam = busy_world.people["sam"]
    shared = busy_world.children["shared"]
    assert load_voice([shared], sam) == {}
    assert len(load_voice([shared], busy_world.people["chloe"])[shared.pk]) == 1


def test_the_printable_plan_and_the_export_hold_only_their_own_child(busy_world):
    import io

    from pypdf import PdfReader

    from resettle.privacy.export import as_json

    own = busy_world.children["own"]
    others = [c for k, c in busy_world.children.items() if k != "own"]
    client = Client()
    client.force_login(busy_world.people["priya"])
    pdf = client.get(reverse("childview:my-plan-pdf", args=[own.public_id]))
    assert pdf.status_code == 200
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert own.preferred_name in text
    exported = str(as_json(own))
    assert own.legal_name in exported
    for other in others:
        assert other.preferred_name not in text
        assert other.legal_name not in exported
        assert str(other.public_id) not in exported


# ---- The REST API: every route × every person's token × every kind of child ----------------------
#
# The same truth tables as the pages. Each route is called with GET and, where it writes, with a
# body that breaks a rule (an empty one) or a stale If-Match, so no call changes anything: whoever
# may write gets 400 (or 412), whoever may only read 403, and whoever may not see the child 404.


def _api_token(user) -> str:
    """A read-and-write token for `user`, made directly: the partnership lead and the
    administrator cannot make one themselves, but a token of theirs must still reach nothing."""
    from resettle.api.models import AccessToken
    from resettle.api.services import digest_of

    raw = f"rst_{user.pk:010d}_matrix-secret"
    AccessToken.objects.create(
        user=user,
        name="Matrix",
        scope="read_write",
        prefix=f"{user.pk:010d}",
        digest=digest_of(raw),
        expires_at=timezone.now() + timedelta(days=1),
    )
    return raw


def api_read(person, child):
    return child_read(person, child) if person in CHILD_ROLES else 403


def _writes(rule, allowed_status):
    def expect(person, child):
        if person not in CHILD_ROLES:
            return 403  # a role without children's records: refused before anything is looked up
        status = rule(person, child)
        return allowed_status if status == 200 else status

    return expect


@dataclass(frozen=True)
class ApiRule:
    read: object  # (person, child) -> status of a GET
    write: object = None  # (person, child) -> status of the write below, or None
    method: str = "post"
    child_url: bool = True
    build: object = None
    anonymous: int = 401


def api_child_kwargs(world, child):
    return {"child_id": world.children[child].public_id}


def api_action_kwargs(world, child):
    _, action = _plan_parts(world, child)
    return {"child_id": world.children[child].public_id, "action_id": action.public_id}


def api_touchpoint_kwargs(world, child):
    kwargs = touchpoint_kwargs(world, child)
    return {"child_id": kwargs["public_id"], "touchpoint_id": kwargs["touchpoint_id"]}


def site(status_for_child_roles=200):
    return lambda person, child: status_for_child_roles if person in CHILD_ROLES else 403


API_MATRIX: dict[str, ApiRule] = {
    "api:schema": ApiRule(lambda p, c: 200, child_url=False, anonymous=200),
    "api:docs": ApiRule(lambda p, c: 200, child_url=False, anonymous=200),
    "api:not-found": ApiRule(
        lambda p, c: 404,
        lambda p, c: 404,
        child_url=False,
        anonymous=404,
        build=lambda world, child: {"rest": "v1/no-such-thing/"},
    ),
    "api:pathways": ApiRule(site(), child_url=False),
    "api:action-statuses": ApiRule(site(), child_url=False),
    "api:children": ApiRule(
        site(),
        lambda p, c: 400 if p in YJS_STAFF else 403,  # only the youth justice service adds
        child_url=False,
    ),
    "api:child": ApiRule(api_read, _writes(child_write, 412), method="patch"),
    "api:legal-statuses": ApiRule(api_read, _writes(child_write, 400)),
    "api:plan-actions": ApiRule(api_read, _writes(child_contribute, 400)),
    "api:plan-action": ApiRule(
        api_read, _writes(child_contribute, 412), method="patch", build=api_action_kwargs
    ),
    "api:touchpoints": ApiRule(api_read),
    # Marking as done is a POST: a GET is refused once the token is checked
    "api:touchpoint-done": ApiRule(
        site(405), _writes(child_contribute, 400), build=api_touchpoint_kwargs
    ),
    "api:meetings": ApiRule(api_read, _writes(child_contribute, 400)),
    "api:notes": ApiRule(api_read, _writes(child_contribute, 400)),
    "api:voice": ApiRule(api_read, _writes(child_contribute, 400)),
}


def _walk_all():
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "api":
            for pattern in entry.url_patterns:
                if isinstance(pattern, URLResolver):
                    yield from (f"api:{p.name}" for p in pattern.url_patterns)
                else:
                    yield f"api:{pattern.name}"


def test_every_api_route_is_in_the_api_matrix():
    names = set(_walk_all())
    assert names, "no API routes found: the walk above is out of date"
    assert not names - set(API_MATRIX), f"Add to API_MATRIX: {sorted(names - set(API_MATRIX))}"
    assert not set(API_MATRIX) - names, f"Stale in API_MATRIX: {sorted(set(API_MATRIX) - names)}"


def _api_url(name, rule, world, child):
    if rule.build:
        return reverse(name, kwargs=rule.build(world, child or "own"))
    if rule.child_url:
        return reverse(name, kwargs=api_child_kwargs(world, child))
    return reverse(name)


@pytest.mark.parametrize("name", sorted(API_MATRIX))
def test_api_route_answers_each_persons_token_as_the_matrix_says(name, world):
    from django.core.cache import cache

    rule = API_MATRIX[name]
    cases = [(p, c) for p in PEOPLE for c in (CHILDREN if rule.child_url else [None])]
    headers = {p: {"Authorization": f"Bearer {_api_token(world.people[p])}"} for p in PEOPLE}
    problems = []
    client = Client()
    for person, child in cases:
        cache.clear()  # the rate limit is not what this test is about
        url = _api_url(name, rule, world, child)
        got = client.get(url, headers=headers[person]).status_code
        reads = (
            limited(person, child, url, rule.read(person, child))
            if child
            else rule.read(person, child)
        )
        if got != reads:
            problems.append(f"GET {person} / {child or '-'}: expected {reads}, got {got}")
        if rule.write is None:
            continue
        call = getattr(client, rule.method)
        got = call(
            url,
            "{}",
            content_type="application/json",
            headers={**headers[person], "If-Match": '"stale"'},
        ).status_code
        writes = (
            limited(person, child, url, rule.write(person, child))
            if child
            else rule.write(person, child)
        )
        if got != writes:
            problems.append(
                f"{rule.method.upper()} {person} / {child or '-'}: expected {writes}, got {got}"
            )
    anonymous = client.get(_api_url(name, rule, world, "own")).status_code
    if anonymous != rule.anonymous:
        problems.append(f"no token: expected {rule.anonymous}, got {anonymous}")
    assert not problems, f"{name}:\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("name", [n for n, r in API_MATRIX.items() if r.child_url])
def test_api_unknown_child_is_404(name, world):
    rule = API_MATRIX[name]
    kwargs = rule.build(world, "own") if rule.build else {}
    kwargs["child_id"] = uuid.uuid4()
    token = _api_token(world.people["priya"])
    headers = {"Authorization": f"Bearer {token}", "If-Match": '"stale"'}
    url = reverse(name, kwargs=kwargs)
    if rule.write is not None:
        write = getattr(Client(), rule.method)
        assert write(url, "{}", content_type="application/json", headers=headers).status_code == 404
    if rule.read("priya", "own") == 200:
        assert Client().get(url, headers=headers).status_code == 404
