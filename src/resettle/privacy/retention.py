"""Applying each service's retention policy to children whose order ended long enough ago."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from resettle.accounts.models import Organisation
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.core.dates import today, years_ago

from .export import record_ids
from .models import DEFAULT_RETENTION_YEARS, RetentionPolicy

ANONYMISED = "Anonymised"


@dataclass(frozen=True)
class Due:
    child: Child
    action: str
    order_ended_on: date
    service: Organisation


def due(on: date | None = None) -> list[Due]:
    """Children past their service's retention period, with what will happen to each."""
    on = on or today()
    policies = {p.organisation_id: p for p in RetentionPolicy.objects.all()}
    result = []
    services = Organisation.objects.filter(kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE)
    for service in services:
        policy = policies.get(service.id)
        years = policy.years_after_order_ends if policy else DEFAULT_RETENTION_YEARS
        action = policy.action if policy else RetentionPolicy.Action.ANONYMISE
        cutoff = years_ago(years, on)
        children = (
            Child.objects.filter(owning_service=service, order_ended_on__lt=cutoff)
            .exclude(preferred_name=ANONYMISED, legal_name=ANONYMISED)
            .order_by("order_ended_on", "id")
        )
        result += [Due(c, action, c.order_ended_on, service) for c in children]
    return result


# Anonymising keeps these rows, so the partnership's counts stay right, with these fields blanked.
# Every other row in the child's record (found by walking the models, as the subject access export
# does) is deleted, so a new kind of record is removed by default rather than kept by mistake.
KEEP_WHEN_ANONYMISED: dict[str, list[str]] = {
    "children.legalstatusepisode": ["notes"],
    # Derived from the episodes kept above (children/current.py): codes and dates, no free text.
    "children.currentstatus": [],
    "journey.touchpoint": [],
    # Derived from the touchpoints kept above (journey/open_touchpoints.py): ids and dates only.
    "journey.opentouchpoint": [],
}
NEVER_TOUCHED = {"audit.auditevent"}  # append-only: the trail outlives the record


@transaction.atomic
def anonymise(child: Child) -> None:
    """Keep the child's row and counted facts; remove everything that says who the child is."""
    rows = record_ids(child)
    for label, (model, pks) in reversed(list(rows.items())):
        if label in NEVER_TOUCHED or model is Child:
            continue
        if label in KEEP_WHEN_ANONYMISED:
            blanks = dict.fromkeys(KEEP_WHEN_ANONYMISED[label], "")
            if blanks:
                model._default_manager.filter(pk__in=pks).update(**blanks)
            continue
        model._default_manager.filter(pk__in=pks).delete()  # history rows of kept models too
    _purge_history(rows)
    child.preferred_name = ANONYMISED
    child.legal_name = ANONYMISED
    child.date_of_birth = child.date_of_birth.replace(month=1, day=1)
    child.first_language = ""
    child.communication_needs = ""
    child.local_reference = ""
    child.lead_practitioner = None
    child.save()
    child.history.all().delete()  # including the version just written, which is harmless now
    record(Actor.system(), "child.anonymised", child=child)


def _purge_history(rows: dict) -> None:
    """Delete the change history of every row in `rows`, including the "deleted" versions that
    deleting writes, which still hold the old text."""
    for label, (model, pks) in rows.items():
        history = getattr(model, "history", None)
        if label not in NEVER_TOUCHED and history is not None and hasattr(history, "model"):
            history.model._default_manager.filter(id__in=pks).delete()


@transaction.atomic
def delete(child: Child) -> None:
    rows = record_ids(child)
    record(Actor.system(), "child.deleted", child=child)
    child.delete()
    _purge_history(rows)


def apply(items: list[Due]) -> dict[str, int]:
    counts = {"anonymise": 0, "delete": 0}
    for item in items:
        if item.action == RetentionPolicy.Action.DELETE:
            delete(item.child)
        else:
            anonymise(item.child)
        counts[item.action] += 1
    return counts
