"""Making and changing the child's plan: `verb(actor, child, ...)`, atomic, rule-checked, audited.

Every function checks that the person may contribute to the child's plan (PermissionDenied),
applies the plan's rules (DomainError, with a message for each field and nothing saved), starts
the child's one plan if they have none yet, saves, and writes an audit entry naming what changed
but not what it says.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.accounts.models import Organisation, User
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.children.models import LegalStatus
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.core.signals import announce
from resettle.directory import queries as directory_queries
from resettle.directory.models import OPEN_STATUSES, Service
from resettle.voice.models import VoiceEntry

from .models import (
    CARRIED_ON_RELEASE,
    CHILD_WORDS_MAX,
    ActionKind,
    ActionStatus,
    Agreement,
    AgreementMethod,
    Contingency,
    CustodyProgress,
    FamilyInvolved,
    Goal,
    Need,
    Pathway,
    Plan,
    PlanAction,
    ProgressKind,
    action_history,
)

if TYPE_CHECKING:
    from resettle.children.models import Child


# ---- Who and what may be chosen -----------------------------------------------------------------


def owner_people(child: Child, also: int | None = None):
    """People who may own an action (access.policy.people_working_with)."""
    return policy.people_working_with(child, also)


def owner_organisations():
    """Organisations that may own an action: services, the secure estate and partners."""
    return Organisation.objects.filter(is_active=True).exclude(kind=Organisation.Kind.PARTNERSHIP)


def suggested_services(child: Child, pathway: Pathway | None = None, also=None):
    """Services from the menu of support for one of the child's actions: in the child's borough
    (their youth justice service's) and for their age, those on the pathway first."""
    return directory_queries.suggested_services(
        pathway=pathway.slug if pathway else "",
        area=child.owning_service.slug,
        age=child.age,
        also=also,
    )


def active_pathways():
    return Pathway.objects.filter(is_active=True)


def active_statuses():
    return ActionStatus.objects.filter(is_active=True)


def default_status() -> ActionStatus:
    status = active_statuses().filter(is_closed=False, needs_reason=False).first()
    if status is None:
        raise DomainError({"status": _("Ask an administrator to set up action statuses")})
    return status


# ---- Helpers ------------------------------------------------------------------------------------


def _require_contribute(actor: Actor, child: Child) -> None:
    policy.require(policy.can_contribute(actor.user, child))


def _stamp(instance, user: User, *, new: bool) -> None:
    if new:
        instance.created_by = user
    instance.changed_by = user
    instance._history_user = user


_raise_if = DomainError.raise_if


def _part_of(child: Child, thing, plan_of=lambda thing: thing.plan) -> Plan:
    """The plan a goal or action belongs to, which must be `child`'s."""
    plan = plan_of(thing)
    if plan.child_id != child.id:
        raise DomainError(_("This is not part of this child's plan"))
    plan.child = child
    return plan


def _plan_changed(actor: Actor, child: Child, plan: Plan, *, content: bool = True) -> None:
    """After a change to the plan: a new version when what the plan says changed (an agreement is
    for a version: docs/domain.md, section 8), and the news for apps that derive facts from it."""
    if content:
        Plan.objects.for_child(child).filter(pk=plan.pk).update(version=F("version") + 1)
        plan.version += 1
    announce(Plan, child, "plan")


def _changed(instance, values: dict) -> list[str]:
    """Set `values` on `instance`; return the names of the fields whose value changed."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


# ---- The plan -----------------------------------------------------------------------------------


def get_or_start_plan(child: Child, by: User | None = None) -> Plan:
    """The child's one plan, started if they have none. A plan is never restarted: it is carried
    from custody to community, whatever the child's legal status."""
    plan, _created = Plan.objects.get_or_create(
        child=child, defaults={"created_by": by, "changed_by": by}
    )
    plan.child = child  # the caller's instance, with anything it already loaded
    return plan


@transaction.atomic
def set_vision(
    actor: Actor,
    child: Child,
    *,
    vision: str,
    vision_said_on: date | None = None,
    adjustments: str = "",
    family_involved: str = "",
    family_not_involved_reason: str = "",
) -> Plan:
    _require_contribute(actor, child)
    vision, adjustments = vision.strip(), adjustments.strip()
    reason = family_not_involved_reason.strip()
    errors: dict[str | None, str] = {}
    if family_involved and family_involved not in FamilyInvolved.values:
        errors["family_involved"] = _("Say whether the child's family is involved")
    if family_involved in (FamilyInvolved.NO, FamilyInvolved.NOT_APPROPRIATE) and not reason:
        errors["family_not_involved_reason"] = _("Say why the family is not involved")
    if vision_said_on is not None and vision_said_on > today():
        errors["vision_said_on"] = _("The date the child said it must be today or in the past")
    _raise_if(errors)
    if family_involved == FamilyInvolved.YES:
        reason = ""
    plan = get_or_start_plan(child, by=actor.user)
    entry = latest_words(child)
    # The child's own words from a conversation keep pointing at it (and follow newer answers);
    # words typed here keep the date the child said them.
    follows = bool(vision) and entry is not None and entry.who_do_you_want_to_be.strip() == vision
    said_on = entry.recorded_on if follows else (vision_said_on if vision else None)
    changed = _changed(
        plan,
        {
            "vision": vision,
            "vision_entry": entry if follows else None,
            "vision_said_on": said_on,
            "adjustments": adjustments,
            "family_involved": family_involved,
            "family_not_involved_reason": reason,
        },
    )
    if changed:
        _stamp(plan, actor.user, new=False)
        plan.save()
        _plan_changed(actor, child, plan)
    record(actor, "plan.changed", child=child, plan=str(plan.public_id), fields=sorted(changed))
    return plan


# ---- Goals and needs ----------------------------------------------------------------------------


@transaction.atomic
def add_goal(actor: Actor, child: Child, *, text: str, said_on: date | None = None) -> Goal:
    _require_contribute(actor, child)
    text = text.strip()
    errors: dict[str | None, str] = {}
    if not text:
        errors["text"] = _("Write the goal in the child's words")
    if said_on is not None and said_on > today():
        errors["said_on"] = _("The date the child said it must be today or in the past")
    _raise_if(errors)
    plan = get_or_start_plan(child, by=actor.user)
    last = plan.goals.aggregate(last=Max("order"))["last"] or 0
    goal = Goal(plan=plan, text=text, order=last + 1, said_on=said_on)
    _stamp(goal, actor.user, new=True)
    goal.save()
    _plan_changed(actor, child, plan)
    record(actor, "plan.goal_added", child=child, goal=str(goal.public_id))
    return goal


@transaction.atomic
def change_goal(
    actor: Actor, child: Child, goal: Goal, *, text: str, is_active: bool = True
) -> Goal:
    _require_contribute(actor, child)
    _part_of(child, goal)
    text = text.strip()
    _raise_if({"text": _("Write the goal in the child's words")} if not text else {})
    changed = _changed(goal, {"text": text, "is_active": is_active})
    if changed:
        _stamp(goal, actor.user, new=False)
        goal.save()
        _plan_changed(actor, child, goal.plan)
    record(
        actor,
        "plan.goal_changed",
        child=child,
        goal=str(goal.public_id),
        fields=sorted(changed),
    )
    return goal


@transaction.atomic
def add_need(actor: Actor, child: Child, *, pathway: Pathway, description: str) -> Need:
    _require_contribute(actor, child)
    description = description.strip()
    errors: dict[str | None, str] = {}
    if pathway is None or not pathway.is_active:
        errors["pathway"] = _("Choose a pathway")
    if not description:
        errors["description"] = _("Describe the need")
    _raise_if(errors)
    plan = get_or_start_plan(child, by=actor.user)
    need = Need(plan=plan, pathway=pathway, description=description)
    _stamp(need, actor.user, new=True)
    need.save()
    _plan_changed(actor, child, plan)
    record(
        actor,
        "plan.need_added",
        child=child,
        need=str(need.public_id),
        pathway=pathway.slug,
    )
    return need


# ---- Actions ------------------------------------------------------------------------------------

# Changes to these fields record progress on an action, not a change to what was agreed.
PROGRESS_FIELDS = frozenset({"status", "status_reason"})

ACTION_FIELDS = (
    "pathway",
    "kind",
    "description",
    "owner_person",
    "owner_organisation",
    "owner_name",
    "due_on",
    "status",
    "status_reason",
    "service",
    "specific_service",
    "child_words",
)


def _action_problems(
    child: Child,
    plan: Plan | None,
    values: dict,
    goals: list[Goal] | None,
    *,
    current: PlanAction | None = None,
) -> dict[str | None, str]:
    """The rules for an action. `current` is the action being changed (None for a new one)."""
    errors: dict[str | None, str] = {}
    pathway = values["pathway"]
    if pathway is None or (
        not pathway.is_active and pathway.id != getattr(current, "pathway_id", 0)
    ):
        errors["pathway"] = _("Choose a pathway")
    if values["kind"] not in ActionKind.values:
        errors["kind"] = _("Say whether this is structural or personal support")
    if not values["description"]:
        errors["description"] = _("Say what will happen")
    owner_person = values["owner_person"]
    if not (owner_person or values["owner_organisation"] or values["owner_name"]):
        errors["owner_person"] = _("Say who will do this")
    elif (
        owner_person
        and owner_person.id != getattr(current, "owner_person_id", 0)
        and not owner_people(child).filter(id=owner_person.id).exists()
    ):
        errors["owner_person"] = _(
            "Choose someone from the child's service or an organisation the record is shared with"
        )
    due_on: date | None = values["due_on"]
    if current is None and due_on is not None and due_on < today():
        errors["due_on"] = _("The due date must be today or in the future")
    status: ActionStatus = values["status"]
    if status is None:
        errors["status"] = _("Choose a status")
    elif status.needs_reason and not values["status_reason"]:
        errors["status_reason"] = _("Say why this action is %(status)s") % {
            "status": status.name.lower()
        }
    if goals and any(plan is None or goal.plan_id != plan.id for goal in goals):
        errors["goals"] = _("Choose goals from this child's plan")
    service = values.get("service")
    if (
        service is not None
        and service.pk != getattr(current, "service_id", None)
        and service.status not in OPEN_STATUSES
    ):
        errors["service"] = _(
            "This service is %(status)s: choose another, or name the service in words"
        ) % {"status": service.get_status_display().lower()}
    if len(values.get("child_words", "")) > CHILD_WORDS_MAX:
        errors["child_words"] = _("Words for the child must be %(max)s characters or fewer") % {
            "max": CHILD_WORDS_MAX
        }
    return errors


def _save_action(action: PlanAction, goals: Iterable[Goal] | None, history_type: str) -> None:
    """Save the action and its goals as one change in its history (not one per step)."""
    action.skip_history_when_saving = True
    try:
        action.save()
        if goals is not None:
            action.goals.set(goals)
    finally:
        del action.skip_history_when_saving
    action_history.create_historical_record(action, history_type)


def _clean_action_values(values: dict) -> dict:
    for name in ("description", "owner_name", "status_reason", "specific_service", "child_words"):
        values[name] = (values.get(name) or "").strip()
    return values


@transaction.atomic
def add_action(
    actor: Actor,
    child: Child,
    *,
    pathway: Pathway,
    kind: str,
    description: str,
    owner_person: User | None = None,
    owner_organisation: Organisation | None = None,
    owner_name: str = "",
    due_on: date | None = None,
    status: ActionStatus | None = None,
    status_reason: str = "",
    goals: Iterable[Goal] = (),
    service: Service | None = None,
    specific_service: str = "",
    child_words: str = "",
) -> PlanAction:
    _require_contribute(actor, child)
    values = _clean_action_values(
        {
            "child_words": child_words,
            "pathway": pathway,
            "kind": kind,
            "description": description,
            "owner_person": owner_person,
            "owner_organisation": owner_organisation,
            "owner_name": owner_name,
            "due_on": due_on,
            "status": status or default_status(),
            "status_reason": status_reason,
            "service": service,
            "specific_service": specific_service,
        }
    )
    goals = list(goals)
    _raise_if(_action_problems(child, Plan.objects.for_child(child).first(), values, goals))
    plan = get_or_start_plan(child, by=actor.user)
    action = PlanAction(plan=plan, **values)
    _stamp(action, actor.user, new=True)
    _save_action(action, goals, "+")
    _plan_changed(actor, child, plan)
    record(
        actor,
        "plan.action_added",
        child=child,
        plan_action=str(action.public_id),
        pathway=values["pathway"].slug,
        kind=values["kind"],
        goals=len(goals),
        service=str(action.service_id or ""),
    )
    return action


@transaction.atomic
def change_action(
    actor: Actor,
    child: Child,
    action: PlanAction,
    *,
    goals: Iterable[Goal] | None = None,
    **changes,
) -> PlanAction:
    """Change any of the action's fields (see ACTION_FIELDS) and, if given, its goals."""
    _require_contribute(actor, child)
    plan = _part_of(child, action)
    unknown = set(changes) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"change_action() got unexpected fields: {sorted(unknown)}")
    values = {name: getattr(action, name) for name in ACTION_FIELDS}
    values.update(changes)
    values = _clean_action_values(values)
    goals = None if goals is None else list(goals)
    _raise_if(_action_problems(child, plan, values, goals, current=action))
    if not values["status"].needs_reason:
        values["status_reason"] = ""  # a reason belongs to the status that needed it
    changed = _changed(action, values)
    goals_changed = goals is not None and {g.id for g in goals} != set(
        action.goals.values_list("id", flat=True)
    )
    if goals_changed:
        changed.append("goals")
    if changed:
        _stamp(action, actor.user, new=False)
        _save_action(action, goals if goals_changed else None, "~")
        # Where an action has got to is progress, not a change to what the child agreed.
        _plan_changed(actor, child, plan, content=bool(set(changed) - PROGRESS_FIELDS))
    record(
        actor,
        "plan.action_changed",
        child=child,
        plan_action=str(action.public_id),
        fields=sorted(changed),
        status=action.status.slug,
    )
    return action


# ---- Contingencies and agreement ----------------------------------------------------------------


@transaction.atomic
def record_contingency(
    actor: Actor,
    child: Child,
    action: PlanAction,
    *,
    plan_b: str,
    child_told_on: date | None = None,
) -> Contingency:
    """Plan B for an action (made or changed), and when the child was told it."""
    _require_contribute(actor, child)
    _part_of(child, action)
    plan_b = plan_b.strip()
    errors: dict[str | None, str] = {}
    if not plan_b:
        errors["plan_b"] = _("Say what will happen if this falls through")
    if child_told_on is not None and child_told_on > today():
        errors["child_told_on"] = _("The date the child was told must be today or in the past")
    _raise_if(errors)
    contingency = Contingency.objects.for_child(child).filter(action=action).first()
    new = contingency is None
    if new:
        contingency = Contingency(action=action)
    changed = _changed(contingency, {"plan_b": plan_b, "child_told_on": child_told_on})
    if changed or new:
        _stamp(contingency, actor.user, new=new)
        contingency.save()
        # Telling the child plan B is not a change to the plan; a new or changed plan B is.
        _plan_changed(actor, child, action.plan, content=new or "plan_b" in changed)
    action.contingency = contingency
    record(
        actor,
        "plan.contingency_recorded",
        child=child,
        plan_action=str(action.public_id),
        contingency=str(contingency.public_id),
        told=child_told_on is not None,
        fields=sorted(changed),
    )
    return contingency


@transaction.atomic
def agree_plan(
    actor: Actor, child: Child, *, agreed_on: date, how: str, child_comment: str = ""
) -> Agreement:
    """Record that the child agreed the plan: when, how, and what they said."""
    _require_contribute(actor, child)
    errors: dict[str | None, str] = {}
    if agreed_on is None:
        errors["agreed_on"] = _("Enter the date the child agreed the plan")
    elif agreed_on > today():
        errors["agreed_on"] = _("The date the plan was agreed must be today or in the past")
    if how not in AgreementMethod.values:
        errors["how"] = _("Say how the child agreed the plan")
    _raise_if(errors)
    plan = get_or_start_plan(child, by=actor.user)
    agreement = Agreement(
        plan=plan,
        agreed_on=agreed_on,
        how=how,
        child_comment=child_comment.strip(),
        recorded_by=actor.user,
        plan_version=plan.version,
    )
    _stamp(agreement, actor.user, new=True)
    agreement.save()
    _plan_changed(actor, child, plan, content=False)
    record(
        actor,
        "plan.agreed",
        child=child,
        agreement=str(agreement.public_id),
        how=how,
        with_comment=bool(agreement.child_comment),
    )
    return agreement


# ---- The child's words in the plan --------------------------------------------------------------


def latest_words(child: Child) -> VoiceEntry | None:
    """The child's latest answer to "Who do you want to be?" (the plan's vision draws on it)."""
    return (
        VoiceEntry.objects.for_child(child)
        .exclude(who_do_you_want_to_be="")
        .order_by("-recorded_on", "-id")
        .first()
    )


def latest_answers(child: Child) -> VoiceEntry | None:
    """The child's latest conversation about the four key questions (goals draw on it)."""
    return VoiceEntry.objects.for_child(child).order_by("-recorded_on", "-id").first()


@transaction.atomic
def follow_childs_words(child: Child) -> bool:
    """Keep the plan's vision on the child's latest words, while it follows them (or says nothing
    yet). Words a practitioner typed instead are left alone. True when the plan changed."""
    plan = Plan.objects.for_child(child).first()
    entry = latest_words(child)
    if plan is None or entry is None:
        return False
    if plan.vision.strip() and plan.vision_entry_id is None:
        return False  # typed in the plan: the practitioner chose these words
    words = entry.who_do_you_want_to_be.strip()
    if plan.vision_entry_id == entry.pk and plan.vision == words:
        return False
    plan.vision, plan.vision_entry, plan.vision_said_on = words, entry, entry.recorded_on
    plan.version += 1
    plan._history_user = entry.recorded_by
    plan.save()
    return True


# ---- Progress in custody (issue 15) -------------------------------------------------------------

PROGRESS_FIELDS_SAVED = (
    "kind",
    "what",
    "started_on",
    "finished_on",
    "hours",
    "outcome",
    "certificate",
    "goal",
    "action",
    "organisation",
)
MAX_HOURS = 5000
# Legal statuses that mean the child has left custody for the community.
RELEASES = frozenset({LegalStatus.RELEASED_LICENCE, LegalStatus.RELEASED_NOTICE})
# A course carried on after release is due this many days after the release.
CARRY_ON_WITHIN_DAYS = 14


def _progress_problems(child: Child, values: dict) -> dict[str | None, str]:
    errors: dict[str | None, str] = {}
    if values["kind"] not in ProgressKind.values:
        errors["kind"] = _("Choose what kind of progress this is")
    if not values["what"]:
        errors["what"] = _("Say what the child did")
    elif len(values["what"]) > 300:
        errors["what"] = _("What the child did must be 300 characters or fewer")
    started, finished = values["started_on"], values["finished_on"]
    if started is None:
        errors["started_on"] = _("Enter the date it started")
    elif started > today():
        errors["started_on"] = _("The date it started must be today or in the past")
    if finished is not None:
        if finished > today():
            errors["finished_on"] = _("The date it finished must be today or in the past")
        elif started is not None and finished < started:
            errors["finished_on"] = _(
                "The date it finished must be on or after the date it started"
            )
    hours = values["hours"]
    if hours is not None and not 0 < hours <= MAX_HOURS:
        errors["hours"] = _("Hours must be a whole number from 1 to %(max)s") % {"max": MAX_HOURS}
    if len(values["outcome"]) > 300:
        errors["outcome"] = _("The outcome must be 300 characters or fewer")
    goal, action = values["goal"], values["action"]
    if goal is not None and goal.plan.child_id != child.id:
        errors["goal"] = _("Choose a goal from this child's plan")
    if action is not None and action.plan.child_id != child.id:
        errors["action"] = _("Choose an action from this child's plan")
    return errors


def _clean_progress_values(values: dict) -> dict:
    values["what"] = (values.get("what") or "").strip()
    values["outcome"] = (values.get("outcome") or "").strip()
    values["certificate"] = bool(values.get("certificate"))
    return values


@transaction.atomic
def record_progress(
    actor: Actor,
    child: Child,
    *,
    kind: str,
    what: str,
    started_on: date | None,
    finished_on: date | None = None,
    hours: int | None = None,
    outcome: str = "",
    certificate: bool = False,
    goal: Goal | None = None,
    action: PlanAction | None = None,
    organisation: Organisation | None = None,
) -> CustodyProgress:
    """Record what the child did in custody (a course, work, family contact...), linked to the
    goal or action it builds towards. The establishment's practitioner records it as readily as
    the child's case worker (access.policy.can_record_progress)."""
    policy.require(policy.can_record_progress(actor.user, child))
    values = _clean_progress_values(
        {
            "kind": kind,
            "what": what,
            "started_on": started_on,
            "finished_on": finished_on,
            "hours": hours,
            "outcome": outcome,
            "certificate": certificate,
            "goal": goal,
            "action": action,
            "organisation": organisation,
        }
    )
    _raise_if(_progress_problems(child, values))
    if values["organisation"] is None and actor.user is not None:
        mine = actor.user.organisation
        if mine.kind == Organisation.Kind.SECURE_ESTABLISHMENT:
            values["organisation"] = mine
    progress = CustodyProgress(child=child, recorded_by=actor.user, **values)
    _stamp(progress, actor.user, new=True)
    progress.save()
    announce(CustodyProgress, child, "plan")
    record(
        actor,
        "plan.progress_recorded",
        child=child,
        progress=str(progress.public_id),
        kind=progress.kind,
        goal=goal is not None,
        plan_action=action is not None,
    )
    return progress


@transaction.atomic
def change_progress(
    actor: Actor, child: Child, progress: CustodyProgress, **changes
) -> CustodyProgress:
    """Change what was recorded (most often: the course is finished, with its outcome)."""
    policy.require(policy.can_record_progress(actor.user, child))
    if progress.child_id != child.id:
        raise DomainError(_("This is not part of this child's record"))
    unknown = set(changes) - set(PROGRESS_FIELDS_SAVED)
    if unknown:
        raise TypeError(f"change_progress() got unexpected fields: {sorted(unknown)}")
    values = {name: getattr(progress, name) for name in PROGRESS_FIELDS_SAVED}
    values.update(changes)
    values = _clean_progress_values(values)
    _raise_if(_progress_problems(child, values))
    changed = _changed(progress, values)
    if changed:
        _stamp(progress, actor.user, new=False)
        progress.save()
        announce(CustodyProgress, child, "plan")
    record(
        actor,
        "plan.progress_changed",
        child=child,
        progress=str(progress.public_id),
        fields=sorted(changed),
    )
    return progress


def carry_on_after_release(actor: Actor, child: Child, episode) -> list[PlanAction]:
    """When the child is released, each course started in custody and not finished becomes an
    education, training or employment action to carry on in the community, linked to the same
    goal. Runs inside the transaction that records the release (plans.receivers); once each."""
    if episode.status not in RELEASES:
        return []
    unfinished = list(
        CustodyProgress.objects.for_child(child)
        .filter(kind__in=CARRIED_ON_RELEASE, finished_on__isnull=True, carried_to__isnull=True)
        .select_related("goal")
        .order_by("started_on", "id")
    )
    pathway = Pathway.objects.filter(slug="ete").first()
    if not unfinished or pathway is None:
        return []
    plan = get_or_start_plan(child, by=actor.user)
    lead = child.lead_practitioner if child.lead_practitioner_id else None
    owner = (
        {"owner_person": lead}
        if lead is not None and lead.is_active
        else {"owner_organisation_id": child.owning_service_id}
    )
    made = []
    for progress in unfinished:
        action = PlanAction(
            plan=plan,
            pathway=pathway,
            kind=ActionKind.STRUCTURAL,
            description=_("Carry on with %(what)s after release (started in custody on %(date)s)")
            % {"what": progress.what, "date": f"{progress.started_on:%-d %B %Y}"},
            child_words=_("I will carry on with %(what)s after I leave.") % {"what": progress.what},
            due_on=episode.starts_on + timedelta(days=CARRY_ON_WITHIN_DAYS),
            status=default_status(),
            **owner,
        )
        _stamp(action, actor.user, new=True)
        _save_action(action, [progress.goal] if progress.goal_id else [], "+")
        progress.carried_to = action
        progress.save(update_fields=["carried_to", "changed_at"])
        made.append(action)
    _plan_changed(actor, child, plan)
    record(actor, "plan.progress_carried", child=child, actions=len(made))
    return made
