"""The 5Cs indicators that meetings, touchpoints and the child's network make visible (the 5Cs:
docs/domain.md): the child took part in the last planning meeting; no long gaps in contact;
touchpoint deadlines met; the plan revisited at each meeting; agencies involved attend.

Imported from `QualityConfig.ready()`. The loaders below fetch, for a whole page of children, what
the indicators read, in one query each (three in all, however many children, meetings, touchpoints
or professionals). The indicators never query the database themselves.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from resettle.children.models import LegalStatus
from resettle.core.dates import today
from resettle.journey.facts import ChildFacts, load_facts
from resettle.journey.models import Meeting, MeetingKind, Touchpoint
from resettle.network.models import Professional

from .registry import (
    READ,
    Facts,
    Finding,
    Fix,
    indicator,
    loader,
    met,
    not_yet,
    partly,
)

# Meetings where the plan is made or reviewed (contacts and sessions are not planning meetings).
PLANNING_KINDS = frozenset(
    {
        MeetingKind.INITIAL_PLANNING,
        MeetingKind.REVIEW,
        MeetingKind.RELEASE_PREPARATION,
        MeetingKind.POST_RELEASE_REVIEW,
    }
)
# How far back contact, touchpoints and planning meetings are looked at.
LOOK_BACK_MONTHS = 6
# How far back an agency must have attended a meeting.
ATTENDANCE_MONTHS = 3
# The longest gap in contact that is met, and that is partly met.
GAP_MET_DAYS = 28
GAP_PARTLY_DAYS = 42
# The share of touchpoint deadlines met on time that is partly met.
TOUCHPOINTS_PARTLY_SHARE = 0.75


# ---- What the indicators read -------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFacts:
    held_on: date
    kind: str
    child_attended: bool
    four_questions_revisited: bool

    @property
    def is_planning(self) -> bool:
        return self.kind in PLANNING_KINDS

    @property
    def kind_label(self) -> str:
        return str(MeetingKind(self.kind).label)


@dataclass(frozen=True)
class TouchpointFacts:
    name: str
    due_on: date
    completed_on: date | None
    superseded_on: date | None

    @property
    def counts(self) -> bool:
        """False for a touchpoint a later legal status made unnecessary before it fell due."""
        return not (
            self.completed_on is None
            and self.superseded_on is not None
            and self.due_on >= self.superseded_on
        )

    @property
    def on_time(self) -> bool:
        return self.completed_on is not None and self.completed_on <= self.due_on


@dataclass(frozen=True)
class AgencyFacts:
    """An organisation an active professional in the child's network works for."""

    name: str
    attended: bool  # someone from it attended a meeting about the child in the last 3 months


def months_before(on: date, months: int) -> date:
    """The same day of the month `months` calendar months before `on` (or the month's last day)."""
    year, month = divmod(on.year * 12 + on.month - 1 - months, 12)
    month += 1
    return date(year, month, min(on.day, calendar.monthrange(year, month)[1]))


# ---- Loaders: one query each for a whole page of children ---------------------------------------


def _ids(children: Iterable) -> list[int]:
    return [c.id for c in children]


@loader("meetings", default=list)
def load_meetings(children, user) -> dict[int, list[MeetingFacts]]:
    """One query: every meeting and contact held so far, newest first, without who was there."""
    rows = (
        Meeting.objects.for_children(_ids(children))
        .filter(held_on__lte=today())
        .order_by("child_id", "-held_on", "-id")
        .values_list("child_id", "held_on", "kind", "child_attended", "four_questions_revisited")
    )
    found: dict[int, list[MeetingFacts]] = {}
    for child_id, held_on, kind, attended, revisited in rows:
        found.setdefault(child_id, []).append(MeetingFacts(held_on, kind, attended, revisited))
    return found


@loader("record", default=ChildFacts)
def load_record(children, user) -> dict[int, ChildFacts]:
    """The facts of the child's record as touchpoints and release readiness read them
    (journey.facts: five queries): contact, accommodation and ETE confirmed."""
    return load_facts(_ids(children))


@loader("touchpoints", default=list)
def load_touchpoints(children, user) -> dict[int, list[TouchpointFacts]]:
    """One query: the touchpoints whose deadline passed in the last 6 months, by due date."""
    on = today()
    rows = (
        Touchpoint.objects.for_children(_ids(children))
        .filter(
            due_on__gte=months_before(on, LOOK_BACK_MONTHS),
            due_on__lt=on,
        )
        .order_by("child_id", "due_on", "id")
        .values_list("child_id", "name", "due_on", "completed_on", "superseded_on")
    )
    found: dict[int, list[TouchpointFacts]] = {}
    for child_id, name, due_on, completed_on, superseded_on in rows:
        found.setdefault(child_id, []).append(
            TouchpointFacts(name, due_on, completed_on, superseded_on)
        )
    return found


@loader("agencies", default=dict)
def load_agencies(children, user) -> dict[int, dict[int, AgencyFacts]]:
    """One query: the organisations of each child's active professionals, and whether anyone from
    each (named as an organisation at the meeting, or a person who works there) attended a
    meeting about the child in the last 3 months. {child.id: {organisation.id: AgencyFacts}}."""
    since = months_before(today(), ATTENDANCE_MONTHS)
    meetings = {
        "meeting__child_id": OuterRef("child_id"),
        "meeting__held_on__gte": since,
        "meeting__held_on__lte": today(),
    }
    as_organisation = Meeting.organisations.through.objects.filter(
        organisation_id=OuterRef("organisation_id"), **meetings
    )
    as_person = Meeting.people.through.objects.filter(
        user__organisation_id=OuterRef("organisation_id"), **meetings
    )
    rows = (
        Professional.objects.for_children(_ids(children))
        .filter(is_active=True, organisation__isnull=False)
        .annotate(by_organisation=Exists(as_organisation), by_person=Exists(as_person))
        .order_by("child_id", "organisation__name", "organisation_id")
        .values_list(
            "child_id", "organisation_id", "organisation__name", "by_organisation", "by_person"
        )
    )
    found: dict[int, dict[int, AgencyFacts]] = {}
    for child_id, organisation_id, name, by_organisation, by_person in rows:
        found.setdefault(child_id, {})[organisation_id] = AgencyFacts(
            name, bool(by_organisation or by_person)
        )
    return found


# ---- Helpers ------------------------------------------------------------------------------------


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def _name(facts: Facts) -> str:
    return facts.child.preferred_name


def _url(name: str, facts: Facts, *, query: str = "", anchor: str = "") -> str:
    if facts.light:  # a list shows no links: reverse() is much of the rating's cost
        return ""
    url = reverse(name, args=[facts.child.public_id])
    if query:
        url += f"?{query}"
    return f"{url}#{anchor}" if anchor else url


def _add_meeting(facts: Facts, kind: str = "") -> Fix:
    return Fix(_url("journey:meeting-add", facts, query=f"kind={kind}" if kind else ""))


def _days(n: int) -> str:
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def _held(facts: Facts) -> list[MeetingFacts]:
    """Meetings held up to the day of the check, newest first."""
    return [m for m in facts.meetings if m.held_on <= facts.today]


def _recent_planning(facts: Facts) -> list[MeetingFacts]:
    since = months_before(facts.today, LOOK_BACK_MONTHS)
    return [m for m in _held(facts) if m.is_planning and m.held_on >= since]


# ---- Co-created ---------------------------------------------------------------------------------


@indicator(
    "co_created", "took-part", gettext_lazy("The child took part in the last planning meeting")
)
def took_part(facts: Facts) -> Finding | None:
    latest = next((m for m in _held(facts) if m.is_planning), None)
    if latest is None:
        return None  # no planning meeting yet: the touchpoints ask for one
    values = {
        "name": _name(facts),
        "meeting": latest.kind_label.lower(),
        "date": _day(latest.held_on),
    }
    if latest.child_attended:
        return met(
            _("%(name)s took part in the last planning meeting, the %(meeting)s on %(date)s.")
            % values
        )
    return not_yet(
        _(
            "%(name)s did not take part in the last planning meeting, the %(meeting)s on "
            "%(date)s. Plan the next one with them."
        )
        % values,
        _add_meeting(facts, MeetingKind.REVIEW),
    )


# ---- Consistent ---------------------------------------------------------------------------------


def _has_current_status(facts: Facts) -> bool:
    status = facts.legal_status
    return status is not None and status.status != LegalStatus.ORDER_ENDED


@indicator("consistent", "contact-gaps", gettext_lazy("No long gaps in contact"))
def contact_gaps(facts: Facts) -> Finding | None:
    """The longest gap between contacts over the last 6 months, counting the time since the last
    one. Contact is every conversation, meeting the child took part in, and case note that says
    the child was seen (journey.facts.ChildFacts.contacts). A gap that began before the 6 months
    counts from their start."""
    if not _has_current_status(facts):
        return None  # contact is expected while the child has a legal status
    name, on = _name(facts), facts.today
    fix = _add_meeting(facts)
    seen = sorted({e.on for e in facts.record.contacts() if e.on <= on})
    if not seen:
        return not_yet(_("No contact recorded with %(name)s yet.") % {"name": name}, fix)
    since = months_before(on, LOOK_BACK_MONTHS)
    points = [d for d in seen if d >= since]
    if len(points) < len(seen):
        points.insert(0, since)  # contact before the 6 months: the gap counts from their start
    points.append(on)
    gaps = [(later - earlier).days for earlier, later in zip(points, points[1:], strict=False)]
    longest = max(gaps)
    last = seen[-1]
    values = {"name": name, "last": _day(last), "gap": _days(longest)}
    if longest <= GAP_MET_DAYS:
        return met(
            _(
                "The longest gap in contact with %(name)s in the last 6 months was %(gap)s; "
                "the last contact was on %(last)s."
            )
            % values
        )
    if gaps[-1] == longest:
        since_last = _days((on - last).days)
        reason = _("The last contact with %(name)s was on %(last)s, %(ago)s ago.") % {
            **values,
            "ago": since_last,
        }
    else:
        ended = points[gaps.index(longest) + 1]
        reason = _(
            "%(name)s went %(gap)s without contact in the last 6 months, up to %(ended)s."
        ) % {**values, "ended": _day(ended)}
    return (partly if longest <= GAP_PARTLY_DAYS else not_yet)(reason, fix)


@indicator("consistent", "touchpoints-met", gettext_lazy("Touchpoint deadlines met"))
def touchpoints_met(facts: Facts) -> Finding | None:
    on = facts.today
    since = months_before(on, LOOK_BACK_MONTHS)
    due = [t for t in facts.touchpoints if since <= t.due_on < on and t.counts]
    if not due:
        return None
    on_time = [t for t in due if t.on_time]
    counts = {"done": len(on_time), "n": len(due), "name": _name(facts)}
    if len(on_time) == len(due):
        return met(
            ngettext(
                "The touchpoint for %(name)s due in the last 6 months was done on time.",
                "All %(n)d touchpoints for %(name)s due in the last 6 months were done on time.",
                len(due),
            )
            % counts
        )
    first = next(t for t in due if not t.on_time)
    late = {"touchpoint": first.name, "date": _day(first.due_on)}
    if first.completed_on is not None:
        gap = _("%(touchpoint)s, due by %(date)s, was done late.") % late
    else:
        gap = _("%(touchpoint)s, due by %(date)s, is not done.") % late
    reason = (
        ngettext(
            "%(done)d of %(n)d touchpoint for %(name)s due in the last 6 months was done on time.",
            "%(done)d of %(n)d touchpoints for %(name)s due in the last 6 months were done on "
            "time.",
            len(due),
        )
        % counts
        + " "
        + gap
    )
    fix = Fix(_url("journey:journey", facts, anchor="touchpoints"), needs=READ)
    share = len(on_time) / len(due)
    return (partly if share >= TOUCHPOINTS_PARTLY_SHARE else not_yet)(reason, fix)


@indicator("consistent", "plan-revisited", gettext_lazy("The plan revisited at each meeting"))
def plan_revisited(facts: Facts) -> Finding | None:
    meetings = _recent_planning(facts)
    if not meetings:
        return None
    revisited = [m for m in meetings if m.four_questions_revisited]
    counts = {"revisited": len(revisited), "n": len(meetings), "name": _name(facts)}
    if len(revisited) == len(meetings):
        return met(
            ngettext(
                "The planning meeting in the last 6 months revisited the four key questions "
                "with %(name)s.",
                "All %(n)d planning meetings in the last 6 months revisited the four key "
                "questions with %(name)s.",
                len(meetings),
            )
            % counts
        )
    fix = _add_meeting(facts, MeetingKind.REVIEW)
    if not revisited:
        return not_yet(
            ngettext(
                "The planning meeting in the last 6 months did not revisit the four key "
                "questions with %(name)s.",
                "None of the %(n)d planning meetings in the last 6 months revisited the four key "
                "questions with %(name)s.",
                len(meetings),
            )
            % counts,
            fix,
        )
    missed = next(m for m in meetings if not m.four_questions_revisited)
    return partly(
        _(
            "%(revisited)d of %(n)d planning meetings in the last 6 months revisited the four key "
            "questions with %(name)s."
        )
        % counts
        + " "
        + _("The %(meeting)s on %(date)s did not.")
        % {"meeting": missed.kind_label.lower(), "date": _day(missed.held_on)},
        fix,
    )


# ---- Coordinated --------------------------------------------------------------------------------


@indicator("coordinated", "agencies-attend", gettext_lazy("Agencies involved attend"))
def agencies_attend(facts: Facts) -> Finding | None:
    agencies = list(facts.agencies.values())
    if not agencies:
        return None  # no professionals with an organisation in the child's network
    attended = [a for a in agencies if a.attended]
    counts = {"attended": len(attended), "n": len(agencies), "name": _name(facts)}
    if len(attended) == len(agencies):
        return met(
            ngettext(
                "The agency involved with %(name)s attended a meeting in the last 3 months.",
                "All %(n)d agencies involved with %(name)s attended a meeting in the last "
                "3 months.",
                len(agencies),
            )
            % counts
        )
    absent = _(", ").join(a.name for a in agencies if not a.attended)
    fix = Fix(_url("network:network", facts, anchor="professionals"), needs=READ)
    if not attended:
        reason = ngettext(
            "The agency involved with %(name)s has not attended a meeting in the last 3 months: "
            "%(absent)s.",
            "None of the %(n)d agencies involved with %(name)s attended a meeting in the last "
            "3 months: %(absent)s.",
            len(agencies),
        ) % {**counts, "absent": absent}
        return not_yet(reason, fix)
    return partly(
        _(
            "%(attended)d of %(n)d agencies involved with %(name)s attended a meeting in the last "
            "3 months. Not yet: %(absent)s."
        )
        % {**counts, "absent": absent},
        fix,
    )
