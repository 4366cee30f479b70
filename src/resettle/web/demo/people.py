"""The demo's organisations, people and children. Every name is invented; no real child's
details, ever."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.accounts.models import Organisation, Role, User
from resettle.children.models import CareStatus, Child, Ethnicity, Gender
from resettle.core.dates import today

DEMO_DOMAIN = ".example"


@dataclass(frozen=True)
class DemoSignIn:
    email: str
    full_name: str
    role: str
    organisation_slug: str


DEMO_SIGN_INS = [
    DemoSignIn("caseworker@camden.example", "Amara Okafor", Role.CASE_WORKER, "camden"),
    DemoSignIn("manager@camden.example", "Priya Shah", Role.YJS_MANAGER, "camden"),
    DemoSignIn("caseworker@hackney.example", "Ben Carter", Role.CASE_WORKER, "hackney"),
    DemoSignIn(
        "practitioner@feltham.example", "Chloe Williams", Role.SECURE_PRACTITIONER, "feltham"
    ),
    DemoSignIn(
        "partner@camden-social-care.example",
        "Sam Mensah",
        Role.PARTNER_PRACTITIONER,
        "camden-childrens-social-care",
    ),
    DemoSignIn(
        "partner@skills-college.example",
        "Jordan Blake",
        Role.PARTNER_PRACTITIONER,
        "skills-for-tomorrow-college",
    ),
    DemoSignIn(
        "lead@partnership.example",
        "Dev Patel",
        Role.PARTNERSHIP_LEAD,
        "london-resettlement-partnership",
    ),
    DemoSignIn(
        "admin@resettle.example",
        "Alex Morgan",
        Role.ADMINISTRATOR,
        "london-resettlement-partnership",
    ),
]

DEMO_PARTNERS = [
    ("camden-childrens-social-care", "Camden Children's Social Care", "social_care", "Camden"),
    ("hackney-childrens-social-care", "Hackney Children's Social Care", "social_care", "Hackney"),
    ("north-london-camhs", "North London CAMHS", "health", "Camden and Islington"),
    ("camden-housing-options", "Camden Housing Options", "housing", "Camden"),
    ("skills-for-tomorrow-college", "Skills for Tomorrow College", "education", "London"),
    ("second-chance-mentoring", "Second Chance Mentoring", "voluntary", "London"),
]

LANGUAGES = ["English"] * 12 + [
    "Somali",
    "Bengali",
    "Polish",
    "Turkish",
    "Portuguese",
    "Arabic",
    "Tigrinya",
    "British Sign Language",
]
COMMUNICATION_NEEDS = [
    "",
    "",
    "",
    "Speech, language and communication needs: use short sentences and check understanding.",
    "Dyslexia: prefers to talk rather than read long letters.",
    "ADHD: short meetings with breaks work best.",
    "Needs an interpreter for family meetings.",
    "Has an education, health and care plan (EHCP).",
]


class DemoRefused(RuntimeError):
    pass


def _require_demo() -> None:
    if not settings.DEMO:
        raise DemoRefused(
            "Demo data is only loaded in demo mode (RESETTLE_DEMO=1), "
            "never under production settings."
        )


def load_organisations() -> None:
    for slug, name, subtype, area in DEMO_PARTNERS:
        Organisation.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": "partner", "subtype": subtype, "area": area}
        )


def load_users(fake: Faker, password: str) -> dict[str, list[User]]:
    """The named demo sign-ins, plus a few synthetic colleagues per service who cannot sign in."""
    orgs = {o.slug: o for o in Organisation.objects.all()}
    for sign_in in DEMO_SIGN_INS:
        user, created = User.objects.get_or_create(
            email=sign_in.email,
            defaults={
                "full_name": sign_in.full_name,
                "role": sign_in.role,
                "organisation": orgs[sign_in.organisation_slug],
                "is_staff": sign_in.role == Role.ADMINISTRATOR,
                "is_superuser": sign_in.role == Role.ADMINISTRATOR,
            },
        )
        user.set_password(password)
        user.save(update_fields=["password"])

    workers: dict[str, list[User]] = {}
    for org in Organisation.objects.filter(kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE):
        staff = list(User.objects.filter(organisation=org, role=Role.CASE_WORKER))
        while len(staff) < 3:
            first, last = fake.first_name(), fake.last_name()
            email = f"{first}.{last}.{fake.unique.random_int(1, 99999)}@{org.slug}{DEMO_DOMAIN}"
            colleague = User(
                email=email.lower(),
                full_name=f"{first} {last}",
                role=Role.CASE_WORKER,
                organisation=org,
            )
            colleague.set_unusable_password()
            colleague.save()
            staff.append(colleague)
        workers[org.slug] = staff
    return workers


def _date_of_birth(rng: random.Random, now: date) -> date:
    age_days = rng.randint(12 * 365 + 10, 18 * 365 - 10)
    return now - timedelta(days=age_days)


def load_children(
    fake: Faker, rng: random.Random, count: int, workers: dict[str, list[User]]
) -> int:
    now = today()
    services = list(Organisation.objects.filter(kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE))
    by_slug = {s.slug: s for s in services}
    amara = User.objects.get(email="caseworker@camden.example")
    ben = User.objects.get(email="caseworker@hackney.example")
    genders = [Gender.BOY] * 8 + [Gender.GIRL] * 2 + [Gender.NON_BINARY, Gender.NOT_KNOWN]
    care = [CareStatus.NEITHER] * 6 + [CareStatus.LOOKED_AFTER] * 3 + [CareStatus.CARE_LEAVER]
    children = []
    for i in range(count):
        # A third of the demo children are Camden's and a sixth Hackney's, so the demo is rich.
        if i % 6 in (0, 1):
            service = by_slug["camden"]
        elif i % 6 == 2:
            service = by_slug["hackney"]
        else:
            service = rng.choice(services)
        if service.slug == "camden" and i % 4 == 0:
            lead = amara
        elif service.slug == "hackney" and i % 4 == 2:
            lead = ben
        elif rng.random() < 0.08:
            lead = None
        else:
            lead = rng.choice(workers[service.slug])
        gender = rng.choice(genders)
        first = fake.first_name_female() if gender == Gender.GIRL else fake.first_name_male()
        last = fake.last_name()
        children.append(
            Child(
                preferred_name=first,
                legal_name=f"{first} {fake.first_name()} {last}"
                if rng.random() < 0.4
                else f"{first} {last}",
                date_of_birth=_date_of_birth(rng, now),
                gender=gender,
                ethnicity=rng.choice(Ethnicity.values),
                first_language=rng.choice(LANGUAGES),
                care_status=rng.choice(care),
                communication_needs=rng.choice(COMMUNICATION_NEEDS),
                owning_service=service,
                lead_practitioner=lead,
                local_reference=f"{service.slug[:3].upper()}-{rng.randint(10000, 99999)}",
            )
        )
    bulk_create_with_history(children, Child, batch_size=500)
    return len(children)
