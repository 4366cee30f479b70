"""Changing the menu of support: `verb(actor, **values)`, each checking its own rule, atomic,
audited, and kept in history.

Curators (the partnership lead and administrators) add and change services and provider
organisations. A youth justice service manager proposes a change to a service that covers their
borough; a curator accepts it (the change is made, as the curator, naming the proposal) or
rejects it with a reason. Each change to a service writes one history record of the service whose
reason says what changed (`history_reason`), read by the service's history page.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import values as v
from .boroughs import AREA_NAMES, AREA_URIS
from .models import (
    Address,
    Attribute,
    Contact,
    Location,
    LocationType,
    Organization,
    Phone,
    Proposal,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    to_the_millisecond,
)
from .queries import service_detail
from .taxonomy import PATHWAY, SUPPORT, ensure_taxonomy, term_id, terms_by_code

CURATORS_ONLY = gettext_lazy(
    "Only the partnership lead and administrators change the menu of support."
)
REASON_NEEDED = gettext_lazy("Say why the service should change, and how you know")
MAX_REASON = 1000

# How a change was made, as the service's history names it.
ADDED, CHANGED, ACCEPTED, IMPORTED = "added", "changed", "proposal", "import"


def history_reason(via: str, changes: dict[str, Any], **more: Any) -> str:
    return json.dumps({"via": via, "changes": changes, **more}, sort_keys=True, default=str)


def _require_curator(actor: Actor) -> None:
    policy.require(policy.can_curate_directory(actor.user), CURATORS_ONLY)


def _organization_ids(values: dict[str, Any]) -> set[str]:
    """The given organisation's id, if it exists (check() asks for the ids that exist)."""
    try:
        wanted = uuid.UUID(str(values.get("organization") or ""))
    except ValueError:
        return set()
    return {str(wanted)} if Organization.objects.filter(id=wanted).exists() else set()


def problems(values: dict[str, Any], current: dict[str, Any] | None = None) -> dict[str, str]:
    """What is wrong with `values` (over the service's `current` ones), changing nothing: for a
    form that could not be read in full, so the page shows every problem at once."""
    clean = v.normalise({**(current or {}), **values})
    return v.check(clean, _organization_ids(clean))


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    clean = v.normalise(values)
    DomainError.raise_if(v.check(clean, _organization_ids(clean)))
    return clean


# ---- Curating -----------------------------------------------------------------------------------


@transaction.atomic
def add_organization(
    actor: Actor, *, name: str, description: str, website: str = "", email: str = ""
) -> Organization:
    _require_curator(actor)
    name, description = " ".join((name or "").split()), (description or "").strip()
    errors = {}
    if not name:
        errors["name"] = _("Enter the organisation's name")
    elif len(name) > 200:
        errors["name"] = _("The name must be 200 characters or fewer")
    if not description:
        errors["description"] = _("Say what the organisation does")
    elif len(description) > 2000:
        errors["description"] = _("The description must be 2000 characters or fewer")
    DomainError.raise_if(errors)
    organization = Organization(
        name=name, description=description, website=website.strip(), email=email.strip()
    )
    Stamp(actor.user, history_reason(ADDED, {})).save(organization)
    record(actor, "directory.organization_added", organization=str(organization.id))
    return organization


@transaction.atomic
def add_service(actor: Actor, *, assured: bool = False, **values: Any) -> Service:
    """A new service in the menu of support."""
    _require_curator(actor)
    clean = _checked(values)
    service = Service(organization_id=clean["organization"])
    _save(service, clean, {}, actor, reason=history_reason(ADDED, {}), assured=assured)
    record(actor, "directory.service_added", service=str(service.id))
    return service


@transaction.atomic
def change_service(actor: Actor, service: Service, *, assured: bool = False, **values: Any):
    """Change a service. Nothing changed and not marked as checked: DomainError."""
    _require_curator(actor)
    before = v.values_of(service)
    clean = _checked({**before, **values})
    changes = _changes(before, clean)
    DomainError.raise_if({} if changes or assured else {None: _("You have not changed anything")})
    _save(service, clean, before, actor, reason=history_reason(CHANGED, changes), assured=assured)
    record(actor, "directory.service_changed", service=str(service.id), fields=sorted(changes))
    return service


def _changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after[k]] for k in v.KEYS if before.get(k) != after[k]}


# ---- Proposals ----------------------------------------------------------------------------------


@transaction.atomic
def propose_change(actor: Actor, service: Service, *, reason: str, **values: Any) -> Proposal:
    """A manager proposes a change to a service that covers their borough."""
    user = actor.user
    policy.require(
        policy.can_propose_service_change(user, service),
        _("Managers propose changes to the services that cover their own borough."),
    )
    before = v.values_of(service)
    values.pop("organization", None)  # who provides the service is the curators' to change
    clean = _checked({**before, **values})
    changes = _changes(before, clean)
    reason = (reason or "").strip()
    errors = {}
    if not changes:
        errors[None] = _("You have not changed anything: change a value, then send the proposal")
    if not reason:
        errors["reason"] = REASON_NEEDED
    elif len(reason) > MAX_REASON:
        errors["reason"] = _("The reason must be %(limit)s characters or fewer") % {
            "limit": MAX_REASON
        }
    DomainError.raise_if(errors)
    proposal = Proposal.objects.create(
        service=service,
        proposed_by=user,
        organisation_id=user.organisation_id,
        reason=reason,
        changes={k: after for k, (_b, after) in changes.items()},
        before={k: b for k, (b, _a) in changes.items()},
    )
    record(
        actor,
        "directory.change_proposed",
        service=str(service.id),
        proposal=str(proposal.public_id),
        fields=sorted(changes),
    )
    return proposal


def _require_open(proposal: Proposal) -> None:
    if not proposal.is_open:
        raise DomainError(_("This proposal has already been decided"))


@transaction.atomic
def accept_proposal(actor: Actor, proposal: Proposal, *, note: str = "") -> Service:
    """Make the proposed change (only the values it changes), as the curator accepting it."""
    _require_curator(actor)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_open(proposal)
    note = _decision_note(note, required=False)
    service = service_detail(proposal.service_id)
    before = v.values_of(service)
    try:
        clean = _checked({**before, **proposal.changes})
    except DomainError as exc:  # the service changed since: say so, at the top of the form
        problem = "; ".join(exc.errors.values())
        raise DomainError(
            _("This proposal no longer fits the service (%(problem)s): reject it instead")
            % {"problem": problem}
        ) from exc
    changes = _changes(before, clean)
    reason = history_reason(ACCEPTED, changes, proposal=str(proposal.public_id))
    _save(service, clean, before, actor, reason=reason, assured=False)
    _decide(proposal, actor, Proposal.Status.ACCEPTED, note)
    record(
        actor,
        "directory.proposal_accepted",
        service=str(service.id),
        proposal=str(proposal.public_id),
        fields=sorted(changes),
    )
    return service


@transaction.atomic
def reject_proposal(actor: Actor, proposal: Proposal, *, note: str) -> Proposal:
    _require_curator(actor)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_open(proposal)
    _decide(proposal, actor, Proposal.Status.REJECTED, _decision_note(note, required=True))
    record(
        actor,
        "directory.proposal_rejected",
        service=str(proposal.service_id),
        proposal=str(proposal.public_id),
    )
    return proposal


def _decision_note(note: str, *, required: bool) -> str:
    note = (note or "").strip()
    if required and not note:
        raise DomainError(_("Say why the proposal is rejected"), field="note")
    if len(note) > MAX_REASON:
        raise DomainError(
            _("The note must be %(limit)s characters or fewer") % {"limit": MAX_REASON},
            field="note",
        )
    return note


def _decide(proposal: Proposal, actor: Actor, status: str, note: str) -> None:
    proposal.status = status
    proposal.decided_by = actor.user
    proposal.decided_at = timezone.now()
    proposal.decision_note = note
    proposal.save()


# ---- Writing a service's values -----------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """Who made a change and why, for every history record it writes."""

    user: Any
    reason: str

    def save(self, instance) -> None:
        instance._change_reason = self.reason
        instance._history_user = self.user
        instance.save()

    def delete(self, instance) -> None:
        instance._change_reason = self.reason
        instance._history_user = self.user
        instance.delete()


def _save(
    service: Service,
    clean: dict[str, Any],
    before: dict[str, Any],
    actor: Actor,
    *,
    reason: str,
    assured: bool,
) -> None:
    stamp = Stamp(actor.user, reason)
    for key in v.SERVICE_FIELDS:
        setattr(service, key, clean[key])
    service.organization_id = clean["organization"]
    service.last_modified = to_the_millisecond(timezone.now())
    if assured:
        service.assured_date = today()
        service.assurer_email = actor.user.email if actor.user else ""
    stamp.save(service)
    ensure_taxonomy()
    parts = v.parts_of(service) if before else None
    _set_terms(service, PATHWAY, clean["pathways"], stamp)
    _set_terms(service, SUPPORT, clean["support"], stamp)
    _set_areas(service, clean["areas"], stamp)
    _set_contact(service, parts and parts.contact, clean["contact_name"], stamp)
    _set_phone(service, parts and parts.phone, clean["phone"], stamp)
    _set_address(service, parts, clean, stamp)
    _set_hours(service, parts and parts.schedule, clean, stamp)


def _set_terms(service: Service, branch: str, codes: list[str], stamp: Stamp) -> None:
    wanted = {term_id(branch, code) for code in codes}
    branch_ids = set(terms_by_code(branch).values())
    existing = {a.taxonomy_term_id: a for a in service.attributes.all()}
    for term, attribute in existing.items():
        if term in branch_ids and term not in wanted:
            stamp.delete(attribute)
    for term in wanted - set(existing):
        stamp.save(Attribute(service=service, taxonomy_term_id=term, link_type=branch))


def _set_areas(service: Service, areas: list[str], stamp: Stamp) -> None:
    existing = {a.borough: a for a in service.service_areas.all() if a.borough}
    for borough, area in existing.items():
        if borough not in areas:
            stamp.delete(area)
    for borough in areas:
        if borough not in existing:
            stamp.save(
                ServiceArea(
                    service=service,
                    name=AREA_NAMES[borough],
                    uri=AREA_URIS[borough],
                    borough=borough,
                )
            )


def _set_contact(service: Service, contact: Contact | None, name: str, stamp: Stamp) -> None:
    if contact is None and name:
        stamp.save(Contact(service=service, name=name))
    elif contact is not None and name != contact.name:
        if name or contact.email or contact.title or contact.phones.exists():
            contact.name = name
            stamp.save(contact)
        else:
            stamp.delete(contact)


def _set_phone(service: Service, phone: Phone | None, number: str, stamp: Stamp) -> None:
    if phone is None and number:
        stamp.save(Phone(service=service, number=number, type="voice"))
    elif phone is not None and not number:
        stamp.delete(phone)
    elif phone is not None and number != phone.number:
        phone.number = number
        stamp.save(phone)


def _set_address(service: Service, parts, clean: dict[str, Any], stamp: Stamp) -> None:
    address = parts.address if parts else None
    wanted = {k: clean[k] for k in ("address_1", "city", "postal_code")}
    if address is None and not clean["address_1"]:
        return
    if address is not None and not clean["address_1"]:
        stamp.delete(address)
        return
    if address is None:
        location = parts.location if parts and parts.location else None
        if location is None:
            location = Location(
                location_type=LocationType.PHYSICAL,
                organization_id=service.organization_id,
                name=service.name,
            )
            stamp.save(location)
            stamp.save(ServiceAtLocation(service=service, location=location))
        address = Address(location=location, state_province="London", country="GB")
    if address._state.adding or any(getattr(address, k) != x for k, x in wanted.items()):
        for key, value in wanted.items():
            setattr(address, key, value)
        stamp.save(address)


def _set_hours(service: Service, schedule: Schedule | None, clean: dict[str, Any], stamp: Stamp):
    if not clean["days"]:
        if schedule is not None:
            stamp.delete(schedule)
        return
    schedule = schedule or Schedule(service=service, freq=Schedule.Freq.WEEKLY)
    schedule.byday = ",".join(clean["days"])
    schedule.opens_at = v.parse_time(clean["opens_at"])
    schedule.closes_at = v.parse_time(clean["closes_at"])
    stamp.save(schedule)
