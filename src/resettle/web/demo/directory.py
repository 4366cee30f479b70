"""The demo's menu of support: about a hundred invented services across London's boroughs and
every pathway.

Every organisation, service, address and contact is invented: email addresses end in ".example",
telephone numbers are in Ofcom's range for drama (020 7946 0xxx), and postcodes are "ZZ99", which
no address has. Three services in each borough and a few for all of London; some are temporarily
closed or have an alert, and some were checked long ago, so every state shows. The step draws
from its own random numbers, so the steps before it are not changed.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import time, timedelta

from django.utils import timezone
from django.utils.text import slugify
from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.accounts.models import Organisation
from resettle.core.dates import today
from resettle.directory.boroughs import ALL_LONDON, AREA_NAMES, AREA_URIS, BOROUGHS
from resettle.directory.models import (
    Address,
    Attribute,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    to_the_millisecond,
)
from resettle.directory.taxonomy import PATHWAY, SUPPORT, ensure_taxonomy, term_id

SEED = 1212
WEEKDAYS = "MO,TU,WE,TH,FR"

# (name, description, demo partner it is in Resettle, if any)
ORGANIZATIONS = {
    "bridgeway": ("Bridgeway Housing (demo)", "Supported housing for young people.", ""),
    "open-door": ("Open Door Learning (demo)", "Education for young people out of school.", ""),
    "skills": (
        "Skills for Tomorrow College (demo)",
        "A further education college with courses for young people leaving custody.",
        "skills-for-tomorrow-college",
    ),
    "camhs": (
        "North London CAMHS (demo)",
        "Child and adolescent mental health services.",
        "north-london-camhs",
    ),
    "thames-slc": (
        "Thames Speech and Language (demo)",
        "Speech and language therapists for young people.",
        "",
    ),
    "clearwater": ("Clearwater Young People's Service (demo)", "Help with drugs and alcohol.", ""),
    "family-ties": ("Family Ties Network (demo)", "Support for families and carers.", ""),
    "moneywise": ("Moneywise Youth (demo)", "Money, benefits and ID for young people.", ""),
    "next-steps": (
        "Next Steps Transitions (demo)",
        "Help moving on to adult services at 18.",
        "",
    ),
    "second-chance": (
        "Second Chance Mentoring (demo)",
        "Volunteer mentors who have been through the system themselves.",
        "second-chance-mentoring",
    ),
    "riverside": ("Riverside Boxing Club (demo)", "A community boxing gym.", ""),
    "workstart": ("Workstart London (demo)", "Apprenticeships and first jobs.", ""),
}


@dataclass(frozen=True)
class Template:
    pathway: str
    organization: str
    name: str
    description: str
    eligibility: str
    apply: str
    ages: tuple[int | None, int | None]
    support: tuple[str, ...]
    hours: tuple[str, time, time] | None = (WEEKDAYS, time(9), time(17))
    wait: str = "Usually within two weeks"


T = Template
# Three for each pathway, in pathway order, so the boroughs get every pathway between them.
TEMPLATES = [
    T(
        "accommodation",
        "bridgeway",
        "Supported Lodgings",
        "A room with a trained host family, and a key worker, for up to two years.",
        "Young people aged 16 to 21 who need somewhere to live, including on release from custody.",
        "The case worker sends the referral form at least 20 working days before release.",
        (16, 21),
        ("structural",),
    ),
    T(
        "ete",
        "open-door",
        "Return to Learning",
        "Small-group lessons in English and maths, and help back into school or college.",
        "Children not in school, including after custody.",
        "Email the referral form; we meet the child within a week.",
        (11, 16),
        ("structural",),
    ),
    T(
        "health",
        "camhs",
        "Youth Justice Mental Health Team",
        "Assessment and therapy for children in contact with youth justice.",
        "Children open to the youth justice service.",
        "The case worker refers by email with the child's consent.",
        (10, 18),
        ("structural",),
    ),
    T(
        "substance-misuse",
        "clearwater",
        "Young People's Drug and Alcohol Service",
        "One-to-one support, harm reduction and family sessions.",
        "Anyone under 19 worried about drugs or alcohol.",
        "Refer by phone or email; children can also refer themselves.",
        (None, 18),
        ("structural", "personal"),
        (WEEKDAYS, time(10), time(18)),
    ),
    T(
        "families",
        "family-ties",
        "Family Support Service",
        "Help for parents and carers to prepare for a child coming home.",
        "Families of children in custody or on release.",
        "Phone the team to talk it through, then send the form.",
        (None, None),
        ("structural",),
    ),
    T(
        "finance",
        "moneywise",
        "Money and ID Clinic",
        "Help to get ID, a bank account and benefits before release.",
        "Young people aged 16 to 25.",
        "Book a place by email.",
        (16, 25),
        ("structural",),
        ("TU,TH", time(13), time(17)),
    ),
    T(
        "case-management",
        "next-steps",
        "Moving On at 18",
        "Planning the move to adult services "
        "with the young person, probation and the leaving care team.",
        "Young people turning 18 within six months.",
        "The case worker refers six months before the 18th birthday.",
        (17, 18),
        ("structural",),
    ),
    T(
        "accommodation",
        "bridgeway",
        "Emergency Youth Beds",
        "Short stays while a settled home is found.",
        "Young people aged 16 to 17 with nowhere to stay tonight.",
        "Phone the duty line.",
        (16, 17),
        ("structural",),
        ("MO,TU,WE,TH,FR,SA,SU", time(0), time(23, 59)),
        "Same day",
    ),
    T(
        "ete",
        "skills",
        "Motor Vehicle Skills",
        "A level 1 course in motor vehicle maintenance, with a mentor and work placements.",
        "Young people aged 16 to 19, including those leaving custody; no qualifications needed.",
        "Email the referral form with the young person's consent. Interviews are every Tuesday.",
        (16, 19),
        ("structural", "personal"),
    ),
    T(
        "health",
        "thames-slc",
        "Speech and Language Drop-in",
        "Assessment and advice on speech, language and communication needs.",
        "Children aged 10 to 18 known to youth justice.",
        "Drop in, or email to book.",
        (10, 18),
        ("structural",),
        ("WE", time(13), time(16)),
    ),
    T(
        "substance-misuse",
        "clearwater",
        "Cannabis Clinic for Young People",
        "A six-week group for young people who want to cut down.",
        "Young people aged 13 to 18.",
        "Refer by email.",
        (13, 18),
        ("structural", "personal"),
        ("TH", time(16), time(19)),
    ),
    T(
        "families",
        "family-ties",
        "Parenting Teenagers Course",
        "An eight-week course for parents and carers of teenagers.",
        "Parents and carers.",
        "Book a place by phone.",
        (None, None),
        ("structural",),
        ("MO", time(18), time(20)),
    ),
    T(
        "finance",
        "moneywise",
        "Debt Advice for Young People",
        "Free, confidential debt advice.",
        "Young people aged 16 to 25 in debt.",
        "Book by phone or email.",
        (16, 25),
        ("structural",),
    ),
    T(
        "case-management",
        "next-steps",
        "Release Day Support",
        "A worker meets the young person "
        "at the gate and goes with them to their first appointments.",
        "Children released to the borough.",
        "The case worker refers at least 10 working days before release.",
        (10, 18),
        ("structural", "personal"),
    ),
    T(
        "accommodation",
        "bridgeway",
        "Supported Housing Project",
        "Shared flats with staff on site, and help to learn to live on your own.",
        "Young people aged 16 to 21.",
        "Referral through the council's housing options team.",
        (16, 21),
        ("structural",),
        wait="Six to eight weeks",
    ),
    T(
        "ete",
        "workstart",
        "First Jobs Programme",
        "Paid work placements and apprenticeships with local employers.",
        "Young people aged 16 to 24 ready for work.",
        "Email the referral form; we call the young person within three days.",
        (16, 24),
        ("structural",),
    ),
    T(
        "health",
        "riverside",
        "Boxing for Health",
        "Boxing training twice a week with coaches who are trusted adults, and healthy food after.",
        "Young people aged 12 to 19.",
        "Just come along; a worker can come to the first session.",
        (12, 19),
        ("personal",),
        ("MO,WE", time(17), time(19)),
        "No wait",
    ),
    T(
        "substance-misuse",
        "clearwater",
        "Family Drug Support",
        "Support for families affected by a young person's drug use.",
        "Parents, carers and brothers and sisters.",
        "Phone the team.",
        (None, None),
        ("structural",),
    ),
    T(
        "families",
        "second-chance",
        "Family Mentoring",
        "A mentor for the young person and their family, for six months after release.",
        "Children and families, on release.",
        "The case worker refers before release so the mentor can visit in custody.",
        (10, 18),
        ("personal",),
    ),
    T(
        "finance",
        "moneywise",
        "Benefits Check",
        "A check of what the young person and their family can claim.",
        "Young people and families.",
        "Book by phone.",
        (None, None),
        ("structural",),
        ("FR", time(10), time(14)),
    ),
    T(
        "case-management",
        "second-chance",
        "Peer Mentors",
        "Mentors with lived experience of custody, matched to the young person's interests.",
        "Young people aged 14 to 21.",
        "Refer by email; we match a mentor within four weeks.",
        (14, 21),
        ("personal",),
        None,
        "About four weeks",
    ),
]
LONDON_WIDE = [
    T(
        "ete",
        "skills",
        "Skills for Tomorrow: Construction Pathway",
        "A construction course with a guaranteed interview for an apprenticeship.",
        "Young people aged 16 to 19 anywhere in London.",
        "Email the referral form.",
        (16, 19),
        ("structural",),
    ),
    T(
        "health",
        "camhs",
        "Forensic CAMHS Consultation Line",
        "Advice for workers about a child's mental health and risk.",
        "Workers with children in youth justice.",
        "Phone the consultation line.",
        (None, 18),
        ("structural",),
    ),
    T(
        "case-management",
        "second-chance",
        "Resettlement Mentoring London",
        "A mentor from custody to community, for a year.",
        "Children in custody from any London borough.",
        "Refer as soon as custody is likely.",
        (12, 18),
        ("personal",),
    ),
    T(
        "families",
        "family-ties",
        "Visits Support Fund",
        "Help with the cost of visiting a child in custody.",
        "Families of London children in custody.",
        "Apply online.",
        (None, None),
        ("structural",),
        None,
    ),
    T(
        "accommodation",
        "bridgeway",
        "Housing Advice Line",
        "Advice for workers on housing for children leaving custody.",
        "Workers and young people.",
        "Phone the advice line.",
        (None, 21),
        ("structural",),
    ),
    T(
        "ete",
        "workstart",
        "Creative Careers Club",
        "Music, film and design workshops leading to qualifications.",
        "Young people aged 14 to 21.",
        "Just come along, or email.",
        (14, 21),
        ("personal", "structural"),
        ("SA", time(10), time(14)),
        "No wait",
    ),
]


def _organizations() -> dict[str, Organization]:
    partners = {o.slug: o for o in Organisation.objects.filter(kind=Organisation.Kind.PARTNER)}
    made = {
        key: Organization(
            id=uuid.uuid5(uuid.NAMESPACE_URL, f"resettle:demo/organization/{key}"),
            name=name,
            description=description,
            website=f"https://{key}.example",
            email=f"hello@{key}.example",
            resettle_organisation=partners.get(partner),
        )
        for key, (name, description, partner) in ORGANIZATIONS.items()
    }
    bulk_create_with_history(list(made.values()), Organization)
    return made


@dataclass
class _Rows:
    services: list = field(default_factory=list)
    locations: list = field(default_factory=list)
    addresses: list = field(default_factory=list)
    sals: list = field(default_factory=list)
    areas: list = field(default_factory=list)
    schedules: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    phones: list = field(default_factory=list)
    attributes: list = field(default_factory=list)


def _add(rows: _Rows, number: int, template: Template, area: str, org, rng: random.Random):
    now = timezone.now()
    place = "" if area == ALL_LONDON else f"{AREA_NAMES[area]} "
    youngest, oldest = template.ages
    status, alert = "active", ""
    if number % 23 == 7:
        status, alert = "temporarily closed", "Closed for new referrals until the new year."
    elif number % 17 == 3:
        alert = "Waiting list: referrals are still taken."
    checked = today() - timedelta(days=rng.choice([3, 20, 45, 90, 200, 420]))
    service = Service(
        id=uuid.uuid4(),
        organization=org,
        name=f"{place}{template.name}",
        description=template.description,
        status=status,
        alert=alert,
        eligibility_description=template.eligibility,
        application_process=template.apply,
        minimum_age=youngest,
        maximum_age=oldest,
        wait_time=template.wait,
        fees_description="Free",
        email=f"referrals@{slugify(org.name.replace('(demo)', ''))}.example",
        url=f"https://{slugify(org.name.replace('(demo)', ''))}.example/{slugify(template.name)}",
        assured_date=checked if number % 9 else None,
        assurer_email="lead@partnership.example" if number % 9 else "",
        last_modified=to_the_millisecond(now - timedelta(days=rng.randint(0, 60))),
    )
    rows.services.append(service)
    rows.areas.append(
        ServiceArea(service=service, name=AREA_NAMES[area], uri=AREA_URIS[area], borough=area)
    )
    for code in template.support:
        rows.attributes.append(
            Attribute(service=service, taxonomy_term_id=term_id(SUPPORT, code), link_type=SUPPORT)
        )
    rows.attributes.append(
        Attribute(
            service=service,
            taxonomy_term_id=term_id(PATHWAY, template.pathway),
            link_type=PATHWAY,
        )
    )
    contact = Contact(service=service, name="Referrals team", email=service.email)
    rows.contacts.append(contact)
    rows.phones.append(Phone(service=service, number=f"020 7946 0{number:03d}", type="voice"))
    if template.hours:
        days, opens, closes = template.hours
        rows.schedules.append(
            Schedule(service=service, freq="WEEKLY", byday=days, opens_at=opens, closes_at=closes)
        )
    if area != ALL_LONDON:
        location = Location(
            location_type="physical",
            organization=org,
            name=f"{org.name.replace(' (demo)', '')}, {AREA_NAMES[area]}",
        )
        rows.locations.append(location)
        rows.addresses.append(
            Address(
                location=location,
                address_1=f"{number} {rng.choice(['Invented', 'Makebelieve', 'Storybook'])} Road",
                city="London",
                state_province="London",
                postal_code=f"ZZ99 {number % 9 + 1}ZZ",
                country="GB",
            )
        )
        rows.sals.append(ServiceAtLocation(service=service, location=location))


def load_directory(fake: Faker, rng: random.Random) -> None:
    """About a hundred services, once: nothing is added to a directory that has services."""
    if Service.objects.exists():
        return
    ensure_taxonomy()
    own = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    organizations = _organizations()
    rows = _Rows()
    number = 1
    for index, (slug, _name, _code) in enumerate(BOROUGHS):
        for offset in range(3):
            template = TEMPLATES[(index * 3 + offset) % len(TEMPLATES)]
            _add(rows, number, template, slug, organizations[template.organization], own)
            number += 1
    for template in LONDON_WIDE:
        _add(rows, number, template, ALL_LONDON, organizations[template.organization], own)
        number += 1
    for model, items in (
        (Service, rows.services),
        (Location, rows.locations),
        (Address, rows.addresses),
        (ServiceAtLocation, rows.sals),
        (ServiceArea, rows.areas),
        (Schedule, rows.schedules),
        (Contact, rows.contacts),
        (Phone, rows.phones),
        (Attribute, rows.attributes),
    ):
        bulk_create_with_history(items, model, batch_size=500)
