"""Adding and changing a child and their legal status: `verb(actor, [child,] **values)`.

Each operation checks the access policy (PermissionDenied), the rules in `rules.py` (DomainError,
nothing saved), saves in one transaction and writes the audit entry.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.access.services import end_placement_shares
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.errors import DomainError
from resettle.core.signals import announce

from .models import AtEndOfOrder, Child, LegalStatus, LegalStatusEpisode
from .rules import child_problems, clean_name, legal_status_problems
from .signals import legal_status_recorded

CHILD_FIELDS = (
    "preferred_name",
    "legal_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "first_language",
    "care_status",
    "communication_needs",
    "lead_practitioner",
    "local_reference",
)
LEGAL_STATUS_FIELDS = (
    "status",
    "sentence_type",
    "establishment",
    "starts_on",
    "expected_release_on",
    "notes",
)


def _only(values: dict[str, Any], allowed: tuple[str, ...], what: str) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise TypeError(f"{what} got unexpected fields: {sorted(unknown)}")


def _clean_child(values: dict[str, Any]) -> dict[str, Any]:
    for name in ("preferred_name", "legal_name"):
        values[name] = clean_name(values.get(name))
    for name in ("first_language", "communication_needs", "local_reference"):
        values[name] = str(values.get(name) or "").strip()
    return values


@transaction.atomic
def add_child(actor: Actor, **values: Any) -> Child:
    """Add a child to the actor's own youth justice service."""
    user = actor.user
    policy.require(policy.can_add_child(user), _("Your role cannot add children."))
    _only(values, CHILD_FIELDS, "add_child()")
    values = _clean_child({name: values.get(name) for name in CHILD_FIELDS})
    DomainError.raise_if(child_problems(values, policy.lead_practitioner_choices(user)))
    child = Child(**values, owning_service_id=user.organisation_id, created_by=user)
    child.changed_by = user
    child.save()
    record(actor, "child.created", child=child)
    return child


@transaction.atomic
def change_child(actor: Actor, child: Child, **changes: Any) -> list[str]:
    """Change the child's details; returns the names of the fields that changed."""
    user = actor.user
    policy.require(policy.can_edit_child(user, child))
    _only(changes, CHILD_FIELDS, "change_child()")
    values = _clean_child({name: changes.get(name, getattr(child, name)) for name in CHILD_FIELDS})
    choices = policy.lead_practitioner_choices(user, child.owning_service_id)
    DomainError.raise_if(child_problems(values, choices))
    changed = [name for name, value in values.items() if getattr(child, name) != value]
    for name in changed:
        setattr(child, name, values[name])
    child.changed_by = user
    child.save()
    record(actor, "child.changed", child=child, fields=sorted(changed))
    return changed


@transaction.atomic
def record_legal_status(actor: Actor, child: Child, **values: Any) -> LegalStatusEpisode:
    """Record a new period of the child's legal status (the owning service's staff)."""
    user = actor.user
    policy.require(policy.can_edit_child(user, child))
    _only(values, LEGAL_STATUS_FIELDS, "record_legal_status()")
    values = {name: values.get(name) for name in LEGAL_STATUS_FIELDS}
    values["notes"] = str(values["notes"] or "").strip()
    if values["status"] != LegalStatus.SENTENCED_CUSTODY:
        values["sentence_type"] = ""
    values["sentence_type"] = values["sentence_type"] or ""
    DomainError.raise_if(legal_status_problems(values))
    episode = LegalStatusEpisode(child=child, **values)
    episode.created_by = episode.changed_by = user
    episode.save()
    latest = child.legal_statuses.order_by("-starts_on", "-id").first()
    ended_on = latest.starts_on if latest.status == LegalStatus.ORDER_ENDED else None
    if child.order_ended_on != ended_on:
        child.order_ended_on = ended_on
        child.changed_by = user
        child.save()
    record(actor, "child.legal_status_recorded", child=child, status=episode.status)
    episode.shares_ending = end_placement_shares(actor, child, episode)
    legal_status_recorded.send(sender=LegalStatusEpisode, episode=episode, actor=actor)
    announce(LegalStatusEpisode, child, "legal_status")
    return episode


END_OF_ORDER_FIELDS = ("end_accommodation", "end_ete")


@transaction.atomic
def record_end_of_order(actor: Actor, child: Child, **values: Any) -> list[str]:
    """Record whether the child's accommodation and their education, training or employment were
    suitable when their order ended (the YJB's key performance indicators 1 and 2); blank is "not
    recorded". Returns the names of the fields that changed."""
    policy.require(policy.can_edit_child(actor.user, child))
    _only(values, END_OF_ORDER_FIELDS, "record_end_of_order()")
    allowed = {"", *AtEndOfOrder.values}
    cleaned = {name: str(values.get(name) or "") for name in END_OF_ORDER_FIELDS}
    DomainError.raise_if(
        {name: _("Select one of the options") for name, v in cleaned.items() if v not in allowed}
    )
    changed = [name for name, value in cleaned.items() if getattr(child, name) != value]
    for name in changed:
        setattr(child, name, cleaned[name])
    if changed:
        child.changed_by = actor.user
        child.save()
    record(actor, "child.changed", child=child, fields=sorted(changed))
    return changed


# Who saved and when is shown in its own columns, not as a change to the child's details.
BOOKKEEPING_FIELDS = ["created_at", "created_by", "changed_by"]


def change_history(child: Child, limit: int = 50) -> list[dict]:
    """Who changed which fields and when, newest first, with labels a person can read."""
    records = list(
        child.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    labels = {
        f.name: str(f.verbose_name).capitalize()
        for f in Child._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(changes) == limit:
            break
        if older is None:
            fields: list[str] = []
        else:
            diff = newer.diff_against(older, excluded_fields=BOOKKEEPING_FIELDS)
            fields = [labels.get(c.field, c.field) for c in diff.changes]
        changes.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "kind": newer.get_history_type_display(),
                "created": newer.history_type == "+",
                "fields": fields,
            }
        )
    return changes
