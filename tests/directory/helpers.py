"""Making services for tests, through the services a curator would use. Everything is invented."""

from __future__ import annotations

from resettle.audit.actors import WEB, Actor
from resettle.directory import services
from resettle.directory.models import Organization, Service
from resettle.directory.taxonomy import ensure_taxonomy


def organization(name: str = "Northbank Youth Trust (test)") -> Organization:
    return Organization.objects.create(name=name, description="An invented youth charity.")


def service_values(org: Organization, **overrides) -> dict:
    values = {
        "organization": str(org.id),
        "name": "Second Start Motor Skills",
        "description": "A college course in motor vehicle skills, with a mentor.",
        "status": "active",
        "alert": "",
        "pathways": ["ete"],
        "support": ["structural", "personal"],
        "areas": ["camden"],
        "eligibility_description": "Young people leaving custody who want to work with cars.",
        "minimum_age": 15,
        "maximum_age": 18,
        "application_process": "Email the referral form with the young person's consent.",
        "wait_time": "About two weeks",
        "fees_description": "Free",
        "url": "https://second-start.example",
        "email": "referrals@second-start.example",
        "contact_name": "Referrals team",
        "phone": "020 7946 0001",
        "address_1": "1 Invented Road",
        "city": "London",
        "postal_code": "ZZ99 1AA",
        "days": ["MO", "TU", "WE", "TH", "FR"],
        "opens_at": "09:00",
        "closes_at": "17:00",
    }
    values.update(overrides)
    return values


def make_service(curator, org: Organization | None = None, **overrides) -> Service:
    ensure_taxonomy()
    org = org or organization()
    return services.add_service(Actor(curator, via=WEB), **service_values(org, **overrides))
