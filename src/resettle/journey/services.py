"""Touchpoints, meetings, snakes and ladders: `verb(actor, child, ...)`, atomic, rule-checked,
audited (PermissionDenied when not allowed, DomainError by field when not valid)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.core.signals import announce
from resettle.core.working_days import add_working_days
from resettle.plans import services as plans
from resettle.voice.services import record_voice

from . import open_touchpoints, touchpoints
from .models import (
    Anchor,
    EventKind,
    JourneyEvent,
    Meeting,
    MeetingKind,
    MetBy,
    SetbackResponse,
    Touchpoint,
    TouchpointRule,
)

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child, LegalStatusEpisode


# ---- Touchpoints --------------------------------------------------------------------------------


def due_date(rule: TouchpointRule, episode: LegalStatusEpisode) -> date | None:
    """When the rule's touchpoint falls due for this episode; None if it cannot be worked out."""
    if rule.anchor == Anchor.BEFORE_RELEASE:
        if episode.expected_release_on is None:
            return None
        return add_working_days(episode.expected_release_on, -rule.working_days)
    return add_working_days(episode.starts_on, rule.working_days)


def touchpoints_for(
    episode: LegalStatusEpisode, rules: Iterable[TouchpointRule], by: User | None = None
) -> list[Touchpoint]:
    """The touchpoints a newly recorded legal status starts (not saved)."""
    made = []
    for rule in rules:
        if not rule.is_active or episode.status not in rule.triggers:
            continue
        due_on = due_date(rule, episode)
        if due_on is None:
            continue
        release = episode.expected_release_on
        if rule.anchor == Anchor.AFTER_START and release and due_on > release:
            continue  # falls after release: the release's own touchpoints take its place
        made.append(
            Touchpoint(
                child_id=episode.child_id,
                rule=rule,
                name=rule.name,
                due_on=due_on,
                episode=episode,
                created_by=by,
                changed_by=by,
            )
        )
    return made


@transaction.atomic
def legal_status_recorded(episode: LegalStatusEpisode, by: User | None = None) -> list[Touchpoint]:
    """A new legal status ends the stage of earlier statuses' touchpoints and starts its own; then
    every touchpoint of the child is brought into line with the record (touchpoints.refresh)."""
    Touchpoint.objects.for_child(episode.child_id).filter(
        superseded_on__isnull=True,
        episode__starts_on__lte=episode.starts_on,
    ).exclude(episode=episode).update(superseded_on=episode.starts_on, changed_by=by)
    made = Touchpoint.objects.bulk_create(
        touchpoints_for(episode, TouchpointRule.objects.filter(is_active=True), by)
    )
    # Changed in bulk: keep the lists' rows (journey/open_touchpoints.py).
    open_touchpoints.refresh_children([episode.child_id])
    touchpoints.refresh([episode.child_id], by)
    return made


def complete_for_meeting(meeting: Meeting, by: User | None) -> Touchpoint | None:
    """Bring the child's touchpoints into line after a meeting; the one it met, if any."""
    touchpoints.refresh([meeting.child_id], by)
    return (
        Touchpoint.objects.for_child(meeting.child_id).filter(completed_by_meeting=meeting).first()
    )


@transaction.atomic
def complete_touchpoint(actor: Actor, child: Child, touchpoint: Touchpoint, done_on: date) -> None:
    policy.require(policy.can_contribute(actor.user, child))
    if touchpoint.child_id != child.id:
        raise DomainError(_("This touchpoint is not on this child's journey"))
    if touchpoint.met_by != MetBy.BY_HAND:
        raise DomainError(
            {
                None: _(
                    "Only touchpoints met by hand are marked as done here. This one is met by "
                    "itself when what it needs is recorded in the child's record."
                )
            }
        )
    if not touchpoint.is_open:
        raise DomainError({None: _("This touchpoint is already closed")})
    if done_on > today():
        raise DomainError({"done_on": _("The date must be today or in the past")})
    touchpoint.completed_on = done_on
    touchpoint.met_by_kind = MetBy.BY_HAND
    touchpoint.changed_by = actor.user
    touchpoint.save(update_fields=["completed_on", "met_by_kind", "changed_by"])
    record(
        actor,
        "journey.touchpoint_completed",
        child=child,
        touchpoint=str(touchpoint.public_id),
    )


# ---- Meetings -----------------------------------------------------------------------------------

# The kind of conversation a meeting is, for the child's voice.
VOICE_CONVERSATION = {
    MeetingKind.CUSTODY_VISIT: "custody_visit",
    MeetingKind.CALL: "call",
    MeetingKind.VIDEO: "video",
    MeetingKind.RELEASE_DAY: "other",
    MeetingKind.SUPERVISION: "other",
}
VOICE_FIELD_TO_MEETING_FIELD = {"recorded_on": "held_on"}


def _record_voice(actor: Actor, child: Child, held_on: date, kind: str, answers: dict):
    try:
        return record_voice(
            actor,
            child,
            recorded_on=held_on,
            conversation=VOICE_CONVERSATION.get(kind, "meeting"),
            **answers,
        )
    except DomainError as exc:
        raise exc.renamed(VOICE_FIELD_TO_MEETING_FIELD) from exc


def _add_plan_action(actor: Actor, child: Child, action: dict):
    try:
        return plans.add_action(actor, child, **action)
    except DomainError as exc:
        raise exc.prefixed("action_") from exc


@transaction.atomic
def record_meeting(
    actor: Actor,
    child: Child,
    *,
    kind: str,
    held_on: date,
    people: Iterable = (),
    organisations: Iterable = (),
    child_attended: bool = False,
    family_attended: bool = False,
    other_attendees: str = "",
    decisions: str = "",
    four_questions: dict | None = None,
    plan_action: dict | None = None,
) -> Meeting:
    """Record a meeting, complete the touchpoint it meets, and, if given, record the child's
    answers to the four questions (through the voice service) and add an action to the plan
    (through the plans service), all or nothing.

    `four_questions` holds the voice service's answers (`who_are_you`, ..., `words_are`);
    `plan_action` the plans service's action fields (`pathway`, `kind`, `description`, ...).
    """
    user = actor.user
    policy.require(policy.can_contribute(user, child))
    errors: dict[str | None, str] = {}
    if kind not in MeetingKind.values:
        errors["kind"] = _("Select the kind of meeting")
    if held_on > today():
        errors["held_on"] = _("The date of the meeting must be today or in the past")
    if errors:
        raise DomainError(errors)
    meeting = Meeting.objects.create(
        child=child,
        kind=kind,
        held_on=held_on,
        child_attended=child_attended,
        family_attended=family_attended,
        other_attendees=other_attendees.strip(),
        decisions=decisions.strip(),
        four_questions_revisited=four_questions is not None,
        created_by=user,
        changed_by=user,
    )
    meeting.people.set(people)
    meeting.organisations.set(organisations)
    if four_questions is not None:
        meeting.voice_entry = _record_voice(actor, child, held_on, kind, four_questions)
        meeting.save(update_fields=["voice_entry"])
    if plan_action is not None:
        meeting.actions.add(_add_plan_action(actor, child, plan_action))
    announce(Meeting, child, "meeting")  # the touchpoint it meets is met (journey.receivers)
    touchpoint = Touchpoint.objects.for_child(child).filter(completed_by_meeting=meeting).first()
    record(
        actor,
        "journey.meeting_recorded",
        child=child,
        meeting=str(meeting.public_id),
        kind=kind,
        touchpoint=str(touchpoint.public_id) if touchpoint else None,
        four_questions_revisited=meeting.four_questions_revisited,
    )
    return meeting


# ---- Snakes and ladders -------------------------------------------------------------------------


@transaction.atomic
def record_event(
    actor: Actor,
    child: Child,
    *,
    kind: str,
    happened_on: date,
    what_happened: str,
    childs_view: str = "",
    pathway=None,
) -> JourneyEvent:
    policy.require(policy.can_contribute(actor.user, child))
    errors: dict[str | None, str] = {}
    if kind not in EventKind.values:
        errors["kind"] = _("Say whether this is progress or a setback")
    if happened_on > today():
        errors["happened_on"] = _("The date must be today or in the past")
    if not what_happened.strip():
        errors["what_happened"] = _("Say what happened")
    if errors:
        raise DomainError(errors)
    event = JourneyEvent.objects.create(
        child=child,
        kind=kind,
        happened_on=happened_on,
        pathway=pathway,
        what_happened=what_happened.strip(),
        childs_view=childs_view.strip(),
        created_by=actor.user,
        changed_by=actor.user,
    )
    record(actor, "journey.event_recorded", child=child, event=str(event.public_id), kind=kind)
    announce(JourneyEvent, child, "event")
    return event


@transaction.atomic
def respond_to_setback(
    actor: Actor,
    child: Child,
    event: JourneyEvent,
    *,
    what_led_to_it: str,
    plan_changes: str,
    talked_through_as_temporary: str,
    talked_on: date | None = None,
) -> SetbackResponse:
    """Record (or change) the response to a setback."""
    policy.require(policy.can_contribute(actor.user, child))
    if event.child_id != child.id:
        raise DomainError(_("This setback is not on this child's journey"))
    values = {
        "what_led_to_it": what_led_to_it.strip(),
        "plan_changes": plan_changes.strip(),
        "talked_through_as_temporary": talked_through_as_temporary.strip(),
        "talked_on": talked_on,
    }
    errors: dict[str | None, str] = {}
    if not event.is_snake:
        errors[None] = _("Only a setback gets a response")
    if not values["what_led_to_it"]:
        errors["what_led_to_it"] = _("Say what led to the setback")
    if not values["plan_changes"]:
        errors["plan_changes"] = _("Say what changes in the plan, or that nothing changes and why")
    if not values["talked_through_as_temporary"]:
        errors["talked_through_as_temporary"] = _(
            "Say how the setback was talked through with the child as temporary"
        )
    if talked_on is not None and (talked_on > today() or talked_on < event.happened_on):
        errors["talked_on"] = _("The date must be between the setback and today")
    if errors:
        raise DomainError(errors)
    response = SetbackResponse.objects.for_child(child).filter(event=event).first()
    created = response is None
    if created:
        response = SetbackResponse(event=event, created_by=actor.user)
    for name, value in values.items():
        setattr(response, name, value)
    response.changed_by = actor.user
    response.save()
    record(
        actor,
        "journey.setback_responded",
        child=child,
        event=str(event.public_id),
        changed=not created,
    )
    return response
