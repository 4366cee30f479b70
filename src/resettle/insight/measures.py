"""The measures: each defined once, here, in code and in plain words (docs/insight.md).

A measure says which records it counts (its *units*: custody episodes, releases, touchpoints,
setbacks, children) for a period, and for each unit whether it *met* the measure and which *group*
it falls in (remanded or sentenced, or had been in custody or not). Every unit query is annotated
with the same names, so one aggregate query counts a measure for all services (or workers, or
establishments) and groups at once, however many children there are:

    subject       the child's id          service   the child's youth justice service
    worker        the lead practitioner   group     the split (GROUPS or CUSTODY_GROUPS)
    met           whether the unit met the measure

Working-day deadlines are worked out in Python for each day of the period (the calendar of bank
holidays lives in `core.working_days`, not in the database) and put into the query as a CASE on
the unit's date, so nothing loops over children.

Nothing here reads a child's name: figures are counts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _

from resettle.children.models import (
    CURRENT_ORDER,
    IN_SECURE_ESTABLISHMENT,
    AtEndOfOrder,
    Child,
    LegalStatus,
    LegalStatusEpisode,
)
from resettle.core.dates import today
from resettle.core.working_days import add_working_days
from resettle.journey.facts import last_contact
from resettle.journey.models import EventKind, JourneyEvent, SetbackResponse, Touchpoint
from resettle.plans.models import ActionKind, Agreement, PlanAction
from resettle.voice.models import VoiceEntry

from .periods import Period

# ---- Groups: every practice measure is split remanded / sentenced -------------------------------

REMANDED = "remanded"
SENTENCED = "sentenced"
OTHER = "other"
GROUPS = [
    (REMANDED, _("Remanded")),
    (SENTENCED, _("Sentenced")),
    (OTHER, _("Not in custody")),
]
CUSTODY = "custody"
COMMUNITY = "community"
CUSTODY_GROUPS = [(CUSTODY, _("Had been in custody")), (COMMUNITY, _("Never in custody"))]

REMAND_STATUSES = (LegalStatus.REMAND_YDA, LegalStatus.REMAND_LA)
SENTENCE_STATUSES = (LegalStatus.SENTENCED_CUSTODY, LegalStatus.RECALL)
CUSTODY_STATUSES = tuple(sorted(IN_SECURE_ESTABLISHMENT))  # remand to YDA, sentenced, recalled
# The clock of the four key questions starts when custody becomes likely, or on entry to custody.
CLOCK_STATUSES = (LegalStatus.CUSTODY_LIKELY, *REMAND_STATUSES, LegalStatus.SENTENCED_CUSTODY)
# Children the youth justice service is supervising (for contact gaps).
SUPERVISED_STATUSES = (
    *CUSTODY_STATUSES,
    LegalStatus.REMAND_LA,
    LegalStatus.RELEASED_LICENCE,
    LegalStatus.RELEASED_NOTICE,
    LegalStatus.COMMUNITY_ORDER,
)

FOUR_QUESTIONS_WORKING_DAYS = 10
SETBACK_RESPONSE_WORKING_DAYS = 5
CONTACT_GAP_DAYS = 28
ACCOMMODATION_DAYS_BEFORE_RELEASE = 14
RELEASES_AHEAD_DAYS = 12 * 7

RATE = "rate"
COUNT = "count"


def group_of(status_field: str) -> Case:
    """The remanded / sentenced / other split, from a legal status."""
    return Case(
        When(**{f"{status_field}__in": REMAND_STATUSES}, then=Value(REMANDED)),
        When(**{f"{status_field}__in": SENTENCE_STATUSES}, then=Value(SENTENCED)),
        default=Value(OTHER),
        output_field=CharField(),
    )


def _boolean(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def by_day(field: str, days: list[date], value: Callable[[date], date]) -> Case:
    """A date worked out in Python for each day the unit's `field` may hold (a deadline counted
    in working days), as one CASE in the query."""
    return Case(
        *[When(**{field: day}, then=Value(value(day))) for day in days],
        default=Value(None),
        output_field=DateField(),
    )


def last_day_with_deadline_passed(period: Period, working_days: int, on: date) -> date:
    """The last day of the period whose deadline, `working_days` later, is before `on`: units
    whose clock is still running are not counted yet."""
    day = min(period.end, on)
    while day >= period.start and add_working_days(day, working_days) >= on:
        day -= timedelta(days=1)
    return day


def _units(queryset: QuerySet, *, subject: str, **extra) -> QuerySet:
    """Annotate the common names (see the module's docstring); `subject` is the path to the
    child from the unit ('' when the units are children)."""
    prefix = f"{subject}__" if subject else ""
    return queryset.annotate(
        subject=F(f"{subject}_id" if subject else "pk"),
        service=F(f"{prefix}owning_service_id"),
        worker=F(f"{prefix}lead_practitioner_id"),
        **extra,
    )


def _next_episode(field: str) -> Subquery:
    """Of the episode being counted: the `field` of the child's next legal status."""
    later = LegalStatusEpisode.objects.for_child(OuterRef("child")).filter(
        starts_on__gt=OuterRef("starts_on")
    )
    return Subquery(later.order_by("starts_on", "id").values(field)[:1])


def status_on(date_field: str, child_field: str = "child") -> Subquery:
    """The child's legal status on the unit's date (children.models.CURRENT_ORDER)."""
    episodes = LegalStatusEpisode.objects.for_child(OuterRef(child_field)).filter(
        starts_on__lte=OuterRef(date_field)
    )
    return Subquery(episodes.order_by(*CURRENT_ORDER).values("status")[:1])


# ---- The units of each kind of measure ----------------------------------------------------------


def four_questions_units(period: Period, on: date) -> QuerySet:
    last = last_day_with_deadline_passed(period, FOUR_QUESTIONS_WORKING_DAYS, on)
    days = [d for d in period.days() if d <= last]
    entries = VoiceEntry.objects.for_child(OuterRef("child")).filter(
        recorded_on__gte=OuterRef("starts_on"), recorded_on__lte=OuterRef("deadline")
    )
    episodes = LegalStatusEpisode.across_children.filter(  # figures span every child
        status__in=CLOCK_STATUSES, starts_on__gte=period.start, starts_on__lte=last
    ).annotate(
        deadline=by_day(
            "starts_on", days, lambda d: add_working_days(d, FOUR_QUESTIONS_WORKING_DAYS)
        )
    )
    return _units(episodes, subject="child", group=group_of("status"), met=Exists(entries))


def custody_units(period: Period, on: date) -> QuerySet:
    """Custody episodes the child was in at some time in the period."""
    end = min(period.end, on)
    episodes = (
        LegalStatusEpisode.across_children.filter(  # figures span every child
            status__in=CUSTODY_STATUSES, starts_on__lte=end
        )
        .annotate(next_start=_next_episode("starts_on"))
        .filter(Q(next_start__isnull=True) | Q(next_start__gt=period.start))
    )
    return _units(episodes, subject="child", group=group_of("status"))


def personal_support_units(period: Period, on: date) -> QuerySet:
    end = min(period.end, on)
    actions = PlanAction.objects.for_child(OuterRef("child")).filter(
        kind=ActionKind.PERSONAL, goals__isnull=False, created_at__date__lte=end
    )
    return custody_units(period, on).annotate(met=Exists(actions))


def release_units(period: Period, on: date) -> QuerySet:
    """Releases in the period: a custody episode followed by a legal status outside the secure
    estate starting in the period (the day of release)."""
    end = min(period.end, on)
    return _units(
        LegalStatusEpisode.across_children.filter(  # figures span every child
            status__in=CUSTODY_STATUSES, starts_on__lte=end
        )
        .annotate(release_on=_next_episode("starts_on"), release_status=_next_episode("status"))
        .filter(release_on__gte=period.start, release_on__lte=end)
        .exclude(release_status__in=CUSTODY_STATUSES),
        subject="child",
        group=group_of("status"),
    )


def agreement_units(period: Period, on: date) -> QuerySet:
    agreed = Agreement.objects.for_child(OuterRef("child")).filter(
        agreed_on__lte=OuterRef("release_on")
    )
    return release_units(period, on).annotate(met=Exists(agreed))


def _accommodation_in_time() -> Q:
    """Confirmed at least 14 days before the day of release: the checklist's date plus 14 days
    is on or before it (date arithmetic in the database, on the checklist's side)."""
    return Q(accommodation_by__lte=F("release_on"))


def _with_release_checks(period: Period, on: date) -> QuerySet:
    confirmed = F("child__release_plan__accommodation_confirmed_on")
    return release_units(period, on).annotate(
        accommodation_by=ExpressionWrapper(
            confirmed + timedelta(days=ACCOMMODATION_DAYS_BEFORE_RELEASE),
            output_field=DateField(),
        )
    )


def accommodation_units(period: Period, on: date) -> QuerySet:
    return _with_release_checks(period, on).annotate(met=_boolean(_accommodation_in_time()))


def ete_units(period: Period, on: date) -> QuerySet:
    return release_units(period, on).annotate(
        met=_boolean(Q(child__release_plan__ete_confirmed_on__lte=F("release_on")))
    )


def accommodation_and_ete_units(period: Period, on: date) -> QuerySet:
    both = _accommodation_in_time() & Q(child__release_plan__ete_confirmed_on__lte=F("release_on"))
    return _with_release_checks(period, on).annotate(met=_boolean(both))


def touchpoint_units(period: Period, on: date) -> QuerySet:
    """Touchpoints that fell due in the period (and before today), except those no longer needed
    because the child's legal status changed before they fell due."""
    end = min(period.end, on - timedelta(days=1))
    touchpoints = Touchpoint.across_children.filter(  # figures span every child
        due_on__gte=period.start, due_on__lte=end
    ).exclude(Q(completed_on__isnull=True) & Q(superseded_on__lte=F("due_on")))
    return _units(
        touchpoints,
        subject="child",
        group=group_of("episode__status"),
        met=_boolean(Q(completed_on__lte=F("due_on"))),
    )


def setback_units(period: Period, on: date) -> QuerySet:
    last = last_day_with_deadline_passed(period, SETBACK_RESPONSE_WORKING_DAYS, on)
    days = [d for d in period.days() if d <= last]
    responses = SetbackResponse.objects.for_child(OuterRef("child")).filter(event=OuterRef("pk"))
    responded = responses.annotate(
        responded_on=Coalesce("talked_on", TruncDate("created_at"), output_field=DateField())
    ).filter(responded_on__lte=OuterRef("deadline"))
    setbacks = JourneyEvent.across_children.filter(  # figures span every child
        kind=EventKind.SNAKE, happened_on__gte=period.start, happened_on__lte=last
    ).annotate(
        deadline=by_day(
            "happened_on", days, lambda d: add_working_days(d, SETBACK_RESPONSE_WORKING_DAYS)
        ),
        status_then=status_on("happened_on"),
    )
    return _units(setbacks, subject="child", group=group_of("status_then"), met=Exists(responded))


def _children_with_status_on(day: date) -> QuerySet:
    current = LegalStatusEpisode.objects.for_child(OuterRef("pk")).filter(starts_on__lte=day)
    return Child.objects.annotate(
        status_then=Subquery(current.order_by(*CURRENT_ORDER).values("status")[:1]),
        establishment_then=Subquery(current.order_by(*CURRENT_ORDER).values("establishment")[:1]),
        release_then=Subquery(current.order_by(*CURRENT_ORDER).values("expected_release_on")[:1]),
    )


def contact_gap_units(period: Period, on: date) -> QuerySet:
    """Children supervised at the end of the period (or today, for the current period); met when
    nobody had seen or spoken with them for more than 28 days by then."""
    as_of = min(period.end, on)
    children = (
        _children_with_status_on(as_of)
        .filter(status_then__in=SUPERVISED_STATUSES)
        .annotate(last_seen=last_contact(on=as_of))
    )
    gap_from = as_of - timedelta(days=CONTACT_GAP_DAYS)
    return _units(
        children,
        subject="",
        group=group_of("status_then"),
        met=_boolean(Q(last_seen__lt=gap_from)),
    )


def _custody_split() -> Case:
    ever = LegalStatusEpisode.objects.for_child(OuterRef("pk")).filter(status__in=CUSTODY_STATUSES)
    return Case(
        When(Exists(ever), then=Value(CUSTODY)), default=Value(COMMUNITY), output_field=CharField()
    )


def _orders_ended(period: Period, on: date) -> QuerySet:
    return Child.objects.filter(
        order_ended_on__gte=period.start, order_ended_on__lte=min(period.end, on)
    )


def end_accommodation_units(period: Period, on: date) -> QuerySet:
    return _units(
        _orders_ended(period, on),
        subject="",
        group=_custody_split(),
        met=_boolean(Q(end_accommodation=AtEndOfOrder.SUITABLE)),
    )


def end_ete_units(period: Period, on: date) -> QuerySet:
    return _units(
        _orders_ended(period, on),
        subject="",
        group=_custody_split(),
        met=_boolean(Q(end_ete=AtEndOfOrder.SUITABLE)),
    )


# Volumes: counts, not rates (`met` is always true). "Now" is today, whatever the period.


def in_custody_units(period: Period, on: date) -> QuerySet:
    return _units(
        _children_with_status_on(on).filter(status_then__in=CUSTODY_STATUSES),
        subject="",
        group=group_of("status_then"),
        met=Value(True, output_field=BooleanField()),
        establishment=F("establishment_then"),
    )


def releases_ahead_units(period: Period, on: date) -> QuerySet:
    return _units(
        _children_with_status_on(on).filter(
            status_then__in=CUSTODY_STATUSES,
            release_then__gte=on,
            release_then__lte=on + timedelta(days=RELEASES_AHEAD_DAYS),
        ),
        subject="",
        group=group_of("status_then"),
        met=Value(True, output_field=BooleanField()),
        establishment=F("establishment_then"),
    )


def custody_entry_units(period: Period, on: date) -> QuerySet:
    episodes = LegalStatusEpisode.across_children.filter(  # figures span every child
        status__in=CUSTODY_STATUSES, starts_on__gte=period.start, starts_on__lte=period.end
    )
    return _units(
        episodes,
        subject="child",
        group=group_of("status"),
        met=Value(True, output_field=BooleanField()),
    )  # (its own `establishment` field is the one to count by)


def overdue_touchpoint_units(period: Period, on: date) -> QuerySet:
    touchpoints = Touchpoint.across_children.filter(  # figures span every child
        completed_on__isnull=True, superseded_on__isnull=True, due_on__lt=on
    )
    return _units(
        touchpoints,
        subject="child",
        group=group_of("episode__status"),
        met=Value(True, output_field=BooleanField()),
    )


# ---- The registry -------------------------------------------------------------------------------

PRACTICE = "practice"
RELEASE = "release"
END_OF_ORDER = "end_of_order"
VOLUME = "volume"
THEMES = [
    (PRACTICE, _("Practice")),
    (RELEASE, _("Release")),
    (END_OF_ORDER, _("End of order")),
    (VOLUME, _("How many children")),
]


@dataclass(frozen=True)
class Measure:
    slug: str
    title: str
    theme: str
    counted: str  # what is counted (the numerator)
    denominator: str
    period: str  # which period a unit falls in
    source: str  # the records it is counted from
    caveats: str
    units: Callable[[Period, date], QuerySet]
    kind: str = RATE
    groups: tuple = tuple(GROUPS)
    higher_is_better: bool = True
    experimental: bool = True
    snapshot: bool = False  # counted for today whatever the period
    # The unit's date that places it in a period, when that is all that does (so several
    # periods are counted in one query); "" when the units depend on the period as a whole.
    dated_by: str = ""
    by_worker: bool = False  # on the manager's view by worker

    @property
    def is_rate(self) -> bool:
        return self.kind == RATE

    @property
    def group_keys(self) -> list[str]:
        return [key for key, _label in self.groups]


MEASURES: dict[str, Measure] = {}


def register(measure: Measure) -> Measure:
    if measure.slug in MEASURES:
        raise ValueError(f"The measure {measure.slug!r} is defined twice")
    MEASURES[measure.slug] = measure
    return measure


register(
    Measure(
        slug="four-questions",
        dated_by="starts_on",
        title=_("Four key questions asked within 10 working days"),
        theme=PRACTICE,
        counted=_(
            "Times custody became likely, or a child was remanded or sentenced to custody, when "
            "the child's answers to the four key questions were recorded within 10 working days "
            "(from the day the legal status started)."
        ),
        denominator=_(
            "Legal statuses of custody likely, remanded or sentenced to custody that started in "
            "the period and whose 10 working days have passed."
        ),
        period=_("The day the legal status started."),
        source=_("Legal status; the child's words (a conversation recording the four questions)."),
        caveats=_(
            "Working days skip weekends and England and Wales bank holidays. A child counts once "
            "for each legal status that starts the clock. Statuses still within their 10 working "
            "days are counted when the time is up."
        ),
        units=four_questions_units,
    )
)
register(
    Measure(
        slug="personal-support",
        title=_("Plan with personal support linked to the child's goal"),
        theme=PRACTICE,
        counted=_(
            "Children in custody whose plan had at least one personal-support action serving one "
            "of their goals by the end of the period."
        ),
        denominator=_(
            "Custody episodes (remanded to youth detention accommodation, sentenced or recalled) "
            "the child was in at some time in the period."
        ),
        period=_("Any day of the custody episode."),
        source=_("Legal status; the plan's actions and the goals they serve."),
        caveats=_(
            "A child remanded and then sentenced in the same period counts in each group. An "
            "action counts from the day it was added."
        ),
        units=personal_support_units,
    )
)
register(
    Measure(
        slug="agreement",
        dated_by="release_on",
        title=_("Child's agreement to the plan recorded before release"),
        theme=PRACTICE,
        counted=_(
            "Releases where the child's agreement to their plan was recorded by the day of release."
        ),
        denominator=_(
            "Releases from custody in the period: a custody episode followed by a legal status "
            "outside the secure estate."
        ),
        period=_("The day of release."),
        source=_("Legal status; the plan's agreements."),
        caveats=_("Any recorded agreement counts, even if the plan changed after it."),
        units=agreement_units,
    )
)
register(
    Measure(
        slug="touchpoints",
        dated_by="due_on",
        title=_("Touchpoints met by their due date"),
        theme=PRACTICE,
        counted=_("Touchpoints done on or before the day they were due."),
        denominator=_(
            "Touchpoints due in the period (up to yesterday), except those no longer needed "
            "because the child's legal status changed before they fell due."
        ),
        period=_("The day the touchpoint was due."),
        source=_("The child's journey: touchpoints and what met them."),
        caveats=_(
            "The split is by the legal status the touchpoint was made for. Touchpoint rules are "
            "configuration, so a service that adds its own counts them too."
        ),
        units=touchpoint_units,
        by_worker=True,
    )
)
register(
    Measure(
        slug="setbacks",
        dated_by="happened_on",
        title=_("Setbacks with a response within 5 working days"),
        theme=PRACTICE,
        counted=_(
            "Setbacks (snakes) with a recorded response within 5 working days: the day it was "
            "talked through with the child, or else the day the response was recorded."
        ),
        denominator=_("Setbacks that happened in the period and whose 5 working days have passed."),
        period=_("The day the setback happened."),
        source=_("The child's journey: setbacks and their responses; legal status on the day."),
        caveats=_("The split is by the child's legal status on the day of the setback."),
        units=setback_units,
    )
)
register(
    Measure(
        slug="contact-gaps",
        title=_("Children not seen for more than 28 days"),
        theme=PRACTICE,
        counted=_(
            "Children nobody had seen or spoken with for more than 28 days at the end of the "
            "period (a conversation, a meeting the child took part in, or a case note saying the "
            "child was seen)."
        ),
        denominator=_(
            "Children in custody, remanded, on licence or notice of supervision, or on a community "
            "order at the end of the period (today, for the current period)."
        ),
        period=_("The last day of the period."),
        source=_("Legal status; the child's words, meetings and case notes."),
        caveats=_("Lower is better. A child never seen at all counts as a gap."),
        units=contact_gap_units,
        higher_is_better=False,
        by_worker=True,
    )
)
register(
    Measure(
        slug="accommodation",
        dated_by="release_on",
        title=_("Accommodation confirmed at least 14 days before release"),
        theme=RELEASE,
        counted=_(
            "Releases where suitable accommodation was confirmed on the release checklist at "
            "least 14 days before the day of release (HM Inspectorate of Prisons' expectation)."
        ),
        denominator=_("Releases from custody in the period."),
        period=_("The day of release."),
        source=_("Legal status; the release checklist's confirmation date."),
        caveats=_(
            "The release checklist is one per child: for a second release the date recorded for "
            "the latest one is used."
        ),
        units=accommodation_units,
    )
)
register(
    Measure(
        slug="ete",
        dated_by="release_on",
        title=_("Education, training or employment arranged before release"),
        theme=RELEASE,
        counted=_(
            "Releases where education, training or employment was confirmed on the release "
            "checklist by the day of release."
        ),
        denominator=_("Releases from custody in the period."),
        period=_("The day of release."),
        source=_("Legal status; the release checklist's confirmation date."),
        caveats=_("As for accommodation: one checklist per child."),
        units=ete_units,
    )
)
register(
    Measure(
        slug="accommodation-and-ete",
        dated_by="release_on",
        title=_("Both accommodation (14 days before) and education, training or employment"),
        theme=RELEASE,
        counted=_("Releases meeting both of the measures above."),
        denominator=_("Releases from custody in the period."),
        period=_("The day of release."),
        source=_("Legal status; the release checklist."),
        caveats=_("As for accommodation: one checklist per child."),
        units=accommodation_and_ete_units,
    )
)
register(
    Measure(
        slug="end-accommodation",
        dated_by="order_ended_on",
        title=_("Suitable accommodation at the end of the order (KPI 1)"),
        theme=END_OF_ORDER,
        counted=_(
            "Children whose order ended in the period and whose accommodation was recorded as "
            "suitable at the end (the Youth Justice Board's key performance indicator 1)."
        ),
        denominator=_("Children whose order ended in the period."),
        period=_("The day the order ended."),
        source=_("The child's record: the end of the order (recorded on the child's summary)."),
        caveats=_(
            "Not recorded counts as not suitable. Split by whether the child had ever been in "
            "custody in Resettle's records."
        ),
        units=end_accommodation_units,
        groups=tuple(CUSTODY_GROUPS),
    )
)
register(
    Measure(
        slug="end-ete",
        dated_by="order_ended_on",
        title=_("Suitable education, training or employment at the end of the order (KPI 2)"),
        theme=END_OF_ORDER,
        counted=_(
            "Children whose order ended in the period and who were in suitable education, "
            "training or employment at the end (the Youth Justice Board's key performance "
            "indicator 2)."
        ),
        denominator=_("Children whose order ended in the period."),
        period=_("The day the order ended."),
        source=_("The child's record: the end of the order (recorded on the child's summary)."),
        caveats=_("Not recorded counts as not suitable."),
        units=end_ete_units,
        groups=tuple(CUSTODY_GROUPS),
    )
)
register(
    Measure(
        slug="in-custody",
        title=_("Children in custody now"),
        theme=VOLUME,
        counted=_(
            "Children whose current legal status is remanded to youth detention accommodation, "
            "sentenced to custody or recalled."
        ),
        denominator=_("Not a rate."),
        period=_("Today, whatever period is chosen."),
        source=_("Legal status."),
        caveats=_("By establishment: the one named on the current legal status."),
        units=in_custody_units,
        kind=COUNT,
        snapshot=True,
    )
)
register(
    Measure(
        slug="releases-ahead",
        title=_("Releases in the next 12 weeks"),
        theme=VOLUME,
        counted=_("Children in custody with an expected release date in the next 12 weeks."),
        denominator=_("Not a rate."),
        period=_("Today and the 12 weeks after, whatever period is chosen."),
        source=_("Legal status: the expected release date."),
        caveats=_("Expected release dates change; remanded children often have none."),
        units=releases_ahead_units,
        kind=COUNT,
        snapshot=True,
    )
)
register(
    Measure(
        slug="overdue-touchpoints",
        title=_("Touchpoints overdue now"),
        theme=VOLUME,
        counted=_("Touchpoints not done, still needed and past their due date today."),
        denominator=_("Not a rate."),
        period=_("Today, whatever period is chosen."),
        source=_("The child's journey: touchpoints."),
        caveats=_("A count of touchpoints, not of children: one child may have several."),
        units=overdue_touchpoint_units,
        kind=COUNT,
        snapshot=True,
        higher_is_better=False,
        by_worker=True,
    )
)
register(
    Measure(
        slug="custody-episodes",
        dated_by="starts_on",
        title=_("Entries to custody in the period"),
        theme=VOLUME,
        counted=_(
            "Legal statuses of remanded to youth detention accommodation, sentenced to custody or "
            "recalled that started in the period."
        ),
        denominator=_("Not a rate."),
        period=_("The day the legal status started."),
        source=_("Legal status."),
        caveats=_("A child remanded and then sentenced counts twice."),
        units=custody_entry_units,
        kind=COUNT,
    )
)


def measures(theme: str | None = None) -> list[Measure]:
    return [m for m in MEASURES.values() if theme is None or m.theme == theme]


# ---- Counting -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tally:
    met: int = 0
    units: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.met + other.met, self.units + other.units)


def count(
    measure: Measure,
    period: Period,
    *,
    children: QuerySet | None = None,
    by: str | None = None,
    on: date | None = None,
) -> dict[tuple, Tally]:
    """One aggregate query: {(by value or None, group): Tally}. `children` (a queryset of children,
    used as a subquery) limits the units to those children; `by` is "service", "worker" or
    "establishment" (volumes only)."""
    units = measure.units(period, on or today())
    if children is not None:
        units = units.filter(subject__in=children.values("pk"))
    keys = [by, "group"] if by else ["group"]
    rows = (
        units.order_by()
        .values(*keys)
        .annotate(n=Count("pk"), n_met=Count("pk", filter=Q(met=True)))
        .values_list(*keys, "n_met", "n")
    )
    found: dict[tuple, Tally] = {}
    for row in rows:
        key = (row[0], row[1]) if by else (None, row[0])
        found[key] = found.get(key, Tally()) + Tally(row[-2], row[-1])
    return found


def count_periods(
    measure: Measure,
    periods: list[Period],
    *,
    children: QuerySet | None = None,
    on: date | None = None,
) -> list[dict[tuple, Tally]]:
    """`count` for each of `periods` (in order, not overlapping): one aggregate query when the
    measure is `dated_by` a day of the unit, else one a period."""
    on = on or today()
    if not measure.dated_by or len(periods) < 2:
        return [count(measure, p, children=children, on=on) for p in periods]
    everything = Period(periods[0].start, periods[-1].end)
    units = measure.units(everything, on)
    if children is not None:
        units = units.filter(subject__in=children.values("pk"))
    field = measure.dated_by
    bucket = Case(
        *[
            When(**{f"{field}__gte": p.start, f"{field}__lte": p.end}, then=Value(i))
            for i, p in enumerate(periods)
        ],
        default=Value(-1),
        output_field=IntegerField(),
    )
    rows = (
        units.annotate(bucket=bucket)
        .order_by()
        .values("bucket", "group")
        .annotate(n=Count("pk"), n_met=Count("pk", filter=Q(met=True)))
        .values_list("bucket", "group", "n_met", "n")
    )
    found: list[dict[tuple, Tally]] = [{} for _ in periods]
    for index, group, met, units_ in rows:
        if index >= 0:
            key = (None, group)
            found[index][key] = found[index].get(key, Tally()) + Tally(met, units_)
    return found


def subjects(
    measure: Measure,
    period: Period,
    *,
    children: QuerySet,
    met: bool,
    worker: int | None = None,
    on: date | None = None,
) -> QuerySet:
    """The ids of the children behind a number (for a list the person may see: `children` comes
    through the access policy)."""
    units = measure.units(period, on or today()).filter(subject__in=children.values("pk"), met=met)
    if worker is not None:
        units = units.filter(worker=worker)
    return units.values("subject")
