"""The rules for a child's details and legal status, written once.

Forms call them to put messages beside fields; services call them again, so an API call or a
command gets the same checks as a page.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from resettle.core.dates import today, years_ago

from .models import (
    IN_SECURE_ESTABLISHMENT,
    CareStatus,
    Ethnicity,
    Gender,
    LegalStatus,
    SentenceType,
)

MIN_AGE = 10
MAX_AGE = 25
# A legal status may be recorded up to a month ahead (a known court date, a known order end).
MAX_DAYS_AHEAD = 31


def clean_name(value: Any) -> str:
    """Spaces folded: "  Jay   Smith " is "Jay Smith"."""
    return " ".join(str(value or "").split())


def date_of_birth_problem(dob: date | None) -> str | None:
    if dob is None:
        return _("Enter date of birth")
    now = today()
    if dob > now:
        return _("Date of birth must be in the past")
    if dob > years_ago(MIN_AGE, now):
        return _("The child must be at least %(age)s years old: check the date of birth") % {
            "age": MIN_AGE
        }
    if dob <= years_ago(MAX_AGE + 1, now):
        return _("Resettle is for people aged up to %(age)s: check the date of birth") % {
            "age": MAX_AGE
        }
    return None


def child_problems(values: dict[str, Any], lead_choices) -> dict[str | None, str]:
    """What is wrong with a child's details, by field. `lead_choices`: who may lead the case."""
    found: dict[str | None, str] = {}
    if not values.get("preferred_name"):
        found["preferred_name"] = _("Enter the child's preferred name")
    if not values.get("legal_name"):
        found["legal_name"] = _("Enter the child's legal name")
    if problem := date_of_birth_problem(values.get("date_of_birth")):
        found["date_of_birth"] = problem
    if values.get("gender") not in Gender.values:
        found["gender"] = _("Select the child's gender, or 'Not known'")
    if values.get("ethnicity") not in Ethnicity.values:
        found["ethnicity"] = _("Select the child's ethnicity, or 'Not stated'")
    if values.get("care_status") not in CareStatus.values:
        found["care_status"] = _("Select the child's care status")
    lead = values.get("lead_practitioner")
    if lead is not None and not lead_choices.filter(pk=lead.pk).exists():
        found["lead_practitioner"] = _("Choose a lead practitioner from the child's service")
    return found


def legal_status_problems(values: dict[str, Any]) -> dict[str | None, str]:
    """What is wrong with a legal status, by field."""
    found: dict[str | None, str] = {}
    status = values.get("status")
    if status not in LegalStatus.values:
        found["status"] = _("Select the child's legal status")
    establishment = values.get("establishment")
    if status in IN_SECURE_ESTABLISHMENT and not establishment:
        found["establishment"] = _("Choose the secure establishment")
    if establishment is not None and status not in IN_SECURE_ESTABLISHMENT:
        found["establishment"] = _(
            "Only choose an establishment when the child is remanded, sentenced or recalled"
        )
    if establishment is not None and establishment.kind != "secure":
        found["establishment"] = _("Choose the secure establishment")
    if status == LegalStatus.SENTENCED_CUSTODY:
        if not values.get("sentence_type"):
            found["sentence_type"] = _("Select the sentence")
        if not values.get("expected_release_on"):
            found["expected_release_on"] = _("Enter the expected release date")
    if values.get("sentence_type") and values["sentence_type"] not in SentenceType.values:
        found["sentence_type"] = _("Select the sentence")
    starts, release = values.get("starts_on"), values.get("expected_release_on")
    if starts is None:
        found["starts_on"] = _("Enter the start date")
    elif starts > today() + timedelta(days=MAX_DAYS_AHEAD):
        found["starts_on"] = _("The start date must be no more than a month ahead")
    if starts and release and release < starts:
        found["expected_release_on"] = _("The expected release date must be after the start date")
    return found
