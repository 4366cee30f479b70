"""Is the child ready to be released? The checklist and its red, amber or green status.

The rule, as the user reads it (RAG_RULE) and as the code applies it (`rag`):
  red    the address is not confirmed and release is 10 working days away or fewer (docs/domain.md,
         sections 3 and 5: accommodation is confirmed at least 10 working days before release,
         and no child is released without a confirmed address);
  amber  anything else on the checklist is not done yet (including an unconfirmed address while
         release is more than 10 working days away);
  green  everything on the checklist is done.
Working days skip weekends and England and Wales bank holidays (`core.working_days`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from resettle.children.models import LegalStatus
from resettle.core.working_days import working_days_between
from resettle.plans.facts import PlansB

from .models import ReleasePlan

# Latest legal status that means the child is in custody and will be released.
CUSTODIAL = (LegalStatus.REMAND_YDA, LegalStatus.SENTENCED_CUSTODY, LegalStatus.RECALL)
# "Due for release": an expected release date within the next 12 weeks.
HORIZON_DAYS = 84
# The address must be confirmed at least this many working days before release.
ACCOMMODATION_WORKING_DAYS = 10

RAG_RULE = [
    _("Red: the address is not confirmed and release is %(days)s working days away or fewer.")
    % {"days": ACCOMMODATION_WORKING_DAYS},
    _("Amber: something on the checklist is not done yet."),
    _("Green: everything on the checklist is done."),
]


class Rag(models.TextChoices):
    RED = "red", _("Red: no confirmed address")
    AMBER = "amber", _("Amber: not ready yet")
    GREEN = "green", _("Green: ready")

    @property
    def short(self) -> str:
        return {"red": _("Red"), "amber": _("Amber"), "green": _("Green")}[self.value]

    @property
    def tag(self) -> str:
        """The GOV.UK tag colour. The tag always carries the words too, never colour alone."""
        return {"red": "red", "amber": "orange", "green": "green"}[self.value]


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    done: bool
    detail: str = ""


@dataclass(frozen=True)
class Readiness:
    release_on: date | None
    items: list[Item]
    rag: Rag
    working_days_left: int | None

    @property
    def missing(self) -> list[Item]:
        return [item for item in self.items if not item.done]


def checklist(plan: ReleasePlan | None, plans_b: PlansB | None = None) -> list[Item]:
    """The items, each read from the record that holds its fact (docs/domain.md, section 8): the
    checklist for accommodation, ETE, health and release day; the plan's plans B (each told to the
    child or not) for "plans B told"."""
    p = plan or ReleasePlan()
    release_day = [p.who_meets.strip(), p.transport.strip(), p.first_appointment.strip()]
    return [
        Item(
            "accommodation",
            _("Accommodation confirmed"),
            p.accommodation_confirmed_on is not None,
            p.accommodation_address_note,
        ),
        Item(
            "ete",
            _("Education, training or work from day one"),
            p.ete_confirmed_on is not None,
            p.ete_detail,
        ),
        Item("health", _("Health handover"), p.health_handover_on is not None),
        Item(
            "release_day",
            _("Release-day plan: who meets the child, transport, first appointment"),
            all(release_day),
        ),
        Item(
            "contingencies",
            _("Plans B for accommodation and education, training or work, told to the child"),
            plans_b is not None and plans_b.all_told,
        ),
    ]


def rag(items: list[Item], release_on: date | None, on: date) -> tuple[Rag, int | None]:
    """The status and the working days left until release (None without a release date)."""
    left = working_days_between(on, release_on) if release_on else None
    accommodation = next(item for item in items if item.key == "accommodation")
    if not accommodation.done and left is not None and left <= ACCOMMODATION_WORKING_DAYS:
        return Rag.RED, left
    if all(item.done for item in items):
        return Rag.GREEN, left
    return Rag.AMBER, left


def readiness(
    plan: ReleasePlan | None, release_on: date | None, on: date, plans_b: PlansB | None = None
) -> Readiness:
    items = checklist(plan, plans_b)
    status, left = rag(items, release_on, on)
    return Readiness(release_on, items, status, left)
