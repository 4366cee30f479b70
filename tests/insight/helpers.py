"""Hand-built records for the measures' tests: a few lines each, with fixed dates."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from resettle.children.models import LegalStatusEpisode
from resettle.journey.models import JourneyEvent, SetbackResponse, Touchpoint
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Agreement, Goal, Pathway, Plan, PlanAction
from resettle.release.models import ReleasePlan
from resettle.voice.models import VoiceEntry


def status(child, status: str, on: date, **extra) -> LegalStatusEpisode:
    return LegalStatusEpisode.objects.create(child=child, status=status, starts_on=on, **extra)


def words(child, on: date, by) -> VoiceEntry:
    return VoiceEntry.objects.create(
        child=child, recorded_on=on, recorded_by=by, conversation="meeting", who_are_you="x"
    )


def plan_of(child) -> Plan:
    plan, _ = Plan.objects.get_or_create(child=child)
    return plan


def agreed(child, on: date) -> Agreement:
    return Agreement.objects.create(plan=plan_of(child), agreed_on=on, how="meeting")


def checklist(child, accommodation: date | None = None, ete: date | None = None) -> ReleasePlan:
    return ReleasePlan.objects.create(
        child=child, accommodation_confirmed_on=accommodation, ete_confirmed_on=ete
    )


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


def personal_action(child, added_on: date, *, linked: bool = True, kind: str = "personal"):
    ensure_defaults()
    plan = plan_of(child)
    action = PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="ete"),
        kind=kind,
        description="Boxing club with a mentor",
        owner_name="Mentor",
        status=ActionStatus.objects.get(slug="not-started"),
    )
    if linked:
        action.goals.add(Goal.objects.create(plan=plan, text="Be a coach"))
    PlanAction.objects.for_child(child).filter(pk=action.pk).update(created_at=_at(added_on))
    return action


def touchpoint(child, due: date, *, done: date | None = None, superseded: date | None = None,
               episode=None, episode_id=None) -> Touchpoint:  # fmt: skip
    return Touchpoint.objects.create(
        child=child,
        name="Review",
        due_on=due,
        completed_on=done,
        superseded_on=superseded,
        episode=episode,
        episode_id=episode_id if episode is None else episode.pk,
    )


def setback(child, on: date, *, talked: date | None = None, recorded: date | None = None):
    event = JourneyEvent.objects.create(
        child=child, kind="snake", happened_on=on, what_happened="x"
    )
    if talked or recorded:
        response = SetbackResponse.objects.create(
            event=event,
            what_led_to_it="x",
            plan_changes="x",
            talked_through_as_temporary="x",
            talked_on=talked,
        )
        if recorded:
            SetbackResponse.objects.for_child(child).filter(pk=response.pk).update(
                created_at=_at(recorded)
            )
    return event
