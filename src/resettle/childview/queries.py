"""What the child's own plan shows, gathered in a fixed number of queries.

The child's words come first (their latest answers to the four key questions, and the vision and
goals in the plan), then what is happening to help by theme, who is helping, the plans B and the
key dates. Dropped actions are left out: they are not happening. Only what a child should read is
gathered here: no legal name, reference, notes or reasons for an action's status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from resettle.accounts.models import ChildContact
from resettle.children.undermining import warnings_about
from resettle.core.dates import today
from resettle.journey.models import MeetingKind, Touchpoint
from resettle.network.models import Professional
from resettle.plans.facts import changed_since_agreed
from resettle.plans.models import (
    ActionKind,
    Agreement,
    CustodyProgress,
    Goal,
    Pathway,
    Plan,
    PlanAction,
    ProgressKind,
)
from resettle.plans.queries import actions_for_page, changes_since
from resettle.release.models import ReleasePlan
from resettle.voice.services import latest_entry

from .glossary import plain

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child
    from resettle.voice.models import VoiceEntry


def progress(action: PlanAction) -> str:
    """Where an action has got to, in plain words (never only a colour)."""
    status = action.status
    if status.is_closed:
        return str(_("Done"))
    if status.needs_reason:
        return str(_("Stuck for now. We are working on it."))
    if status.slug == "not-started":
        return str(_("Not started yet"))
    return str(_("Happening now"))


# What each kind of progress is called on the child's own plan.
PROGRESS_NAMES = {
    ProgressKind.EDUCATION: _("Learning"),
    ProgressKind.TRAINING: _("Training"),
    ProgressKind.COURSE: _("A course"),
    ProgressKind.QUALIFICATION: _("A qualification"),
    ProgressKind.WORK: _("Work"),
    ProgressKind.ENRICHMENT: _("Something I enjoy"),
    ProgressKind.FAMILY_CONTACT: _("Time with my family"),
}
# At most this many changes since the child agreed the plan are listed for them.
CHANGES_SHOWN = 5


@dataclass
class Theme:
    pathway: Pathway
    actions: list[PlanAction] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.pathway.child_friendly_name or self.pathway.name


@dataclass
class Helper:
    name: str
    role: str
    # For the practitioner's view only (never the child's): a helper flagged as undermining.
    warnings: list[str] = field(default_factory=list)
    # How the child can reach them (the lead worker's work phone and email, as the service
    # chooses: accounts.Organisation.contact_for_children).
    phone: str = ""
    email: str = ""


@dataclass
class MyPlan:
    child: Child
    entry: VoiceEntry | None
    strengths: list[str]
    plan: Plan | None
    goals: list[Goal]
    themes: list[Theme]
    helpers: list[Helper]
    contingencies: list[PlanAction]
    next_meeting: object | None = None
    next_meeting_name: str = ""
    release_on: date | None = None
    release_plan: object | None = None
    on: date = field(default_factory=today)
    # What the child did in custody ("What I've done"), newest first.
    progress: list[CustodyProgress] = field(default_factory=list)
    # The child agreed the plan on this day; what changed since, in plain words.
    agreement: Agreement | None = None
    changes_since: list[str] = field(default_factory=list)

    @property
    def vision(self) -> str:
        """Who the child wants to be, once: the plan's words (drawn from the child's), or else
        what they last said."""
        if self.plan is not None and self.plan.vision.strip():
            return self.plan.vision
        return self.entry.who_do_you_want_to_be if self.entry else ""

    @property
    def vision_said_on(self):
        if self.plan is not None and self.plan.vision.strip():
            return self.plan.vision_said_on
        return self.entry.recorded_on if self.entry else None

    @property
    def has_words(self) -> bool:
        return bool(self.entry or (self.plan and self.plan.vision) or self.goals)

    @property
    def next_meeting_late(self) -> bool:
        """The meeting should have happened already: the child reads "soon", not a past date."""
        return bool(self.next_meeting and self.next_meeting.due_on < self.on)

    @property
    def has_dates(self) -> bool:
        return bool(self.next_meeting or self.release_on or self.release_plan)


def _lead_contact(lead) -> tuple[str, str]:
    """The lead worker's work phone and email, as their organisation chooses to show them."""
    shown = lead.organisation.contact_for_children
    phone = lead.work_phone.strip() if shown in (ChildContact.BOTH, ChildContact.PHONE) else ""
    email = lead.email if shown in (ChildContact.BOTH, ChildContact.EMAIL) else ""
    return phone, email


def _helpers(child: Child, actions: list[PlanAction]) -> list[Helper]:
    """The lead worker first (with how to reach them), then the people and places doing the
    actions, then the network's professionals. Each name once; a role says what they help with."""
    helpers: dict[str, list[str]] = {}
    contact = ("", "")
    if child.lead_practitioner_id:
        lead = child.lead_practitioner
        contact = _lead_contact(lead)
        helpers[lead.full_name] = [
            str(_("Your main worker, at %(organisation)s") % {"organisation": lead.organisation})
        ]
    for action in actions:
        theme = action.pathway.child_friendly_name or action.pathway.name
        for name in action.owners:
            roles = helpers.setdefault(name, [])
            helping = str(_("Helping with: %(theme)s") % {"theme": theme})
            if helping not in roles:
                roles.append(helping)
    professionals = (
        Professional.objects.for_child(child).filter(is_active=True).select_related("organisation")
    )
    for professional in professionals:
        role = professional.role
        if professional.organisation_id:
            role = f"{role}, {professional.organisation.name}"
        roles = helpers.setdefault(professional.name, [])
        if role not in roles:
            roles.append(role)
    warnings = warnings_about(child, {name: name for name in helpers})
    found = [
        Helper(name, "; ".join(roles), warnings.get(name, [])) for name, roles in helpers.items()
    ]
    if child.lead_practitioner_id and found:
        found[0].phone, found[0].email = contact
    return found


def _next_meeting(child: Child, on: date):
    """The next open touchpoint that a meeting completes, if the journey has any."""
    touchpoint = (
        Touchpoint.objects.for_child(child)
        .filter(completed_on__isnull=True, superseded_on__isnull=True)
        .exclude(rule__completed_by="")
        .exclude(rule__isnull=True)
        .select_related("rule")
        .order_by("due_on", "id")
        .first()
    )
    if touchpoint is None:
        return None, ""
    kind = touchpoint.rule.completed_by
    name = str(MeetingKind(kind).label) if kind in MeetingKind.values else touchpoint.name
    return touchpoint, plain(name)


def _release(child: Child, on: date):
    release_on = None
    episode = child.legal_statuses.current(on)
    if episode is not None and episode.expected_release_on and episode.expected_release_on >= on:
        release_on = episode.expected_release_on
    plan = ReleasePlan.objects.for_child(child).first()
    if plan is not None and not (plan.who_meets or plan.transport or plan.first_appointment):
        plan = None
    return release_on, plan


def my_plan(child: Child, user: User, on: date | None = None) -> MyPlan:
    """The child's plan as the child reads it. `child` must have been fetched for `user`
    (children.pages.get_child), with the lead practitioner and their organisation loaded."""
    on = on or today()
    entry = latest_entry(child, user)
    strengths = [s.name for s in entry.strengths.all()] if entry else []
    plan = Plan.objects.for_child(child).first()
    goals: list[Goal] = []
    themes: list[Theme] = []
    actions: list[PlanAction] = []
    if plan is not None:
        goals = list(plan.goals.filter(is_active=True).order_by("order", "id"))
        actions = [
            a
            for a in actions_for_page(plan)
            if not (a.status.is_closed and a.status.needs_reason)  # dropped
        ]
        by_pathway: dict[int, Theme] = {}
        for action in sorted(
            actions,
            key=lambda a: (a.pathway.order, a.pathway.name, a.kind != ActionKind.STRUCTURAL),
        ):
            action.progress = progress(action)
            # The child's own version, or else the worker's words in plain language.
            action.child_text = action.child_words.strip() or plain(action.description)
            by_pathway.setdefault(action.pathway_id, Theme(action.pathway)).actions.append(action)
        themes = list(by_pathway.values())
    contingencies = [a for a in actions if hasattr(a, "contingency")]
    agreement, changes = _agreement(plan)
    next_meeting, next_meeting_name = _next_meeting(child, on)
    release_on, release_plan = _release(child, on)
    return MyPlan(
        child=child,
        entry=entry,
        strengths=strengths,
        plan=plan,
        goals=goals,
        themes=themes,
        helpers=_helpers(child, actions),
        contingencies=contingencies,
        next_meeting=next_meeting,
        next_meeting_name=next_meeting_name,
        release_on=release_on,
        release_plan=release_plan,
        on=on,
        progress=_progress(child),
        agreement=agreement,
        changes_since=changes,
    )


def _progress(child: Child) -> list[CustodyProgress]:
    progress = list(
        CustodyProgress.objects.for_child(child)
        .select_related("goal")
        .order_by("-started_on", "-id")
    )
    for item in progress:
        item.child_kind = str(PROGRESS_NAMES.get(item.kind, item.get_kind_display()))
    return progress


def _agreement(plan: Plan | None) -> tuple[Agreement | None, list[str]]:
    """When the child last agreed the plan, and what changed since, in plain words."""
    if plan is None:
        return None, []
    agreement = plan.agreements.order_by("-agreed_on", "-id").first()
    if not changed_since_agreed(plan, agreement):
        return agreement, []
    changes = []
    for change in changes_since(plan, agreement):
        summary = plain(change.summary)
        if summary and summary not in changes:
            changes.append(summary)
    return agreement, changes[:CHANGES_SHOWN]
