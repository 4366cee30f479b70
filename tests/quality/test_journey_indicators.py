"""The 5Cs indicators that meetings, touchpoints and the network make visible, on facts built in
memory (dates around each boundary), and the loaders that read them from the database in one query
each for a whole page of children."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse

from resettle.children.models import Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey.facts import ChildFacts, Event
from resettle.journey.models import Meeting, MeetingKind, Touchpoint
from resettle.network.models import Professional
from resettle.quality import journey_indicators as journey
from resettle.quality.journey_indicators import (
    AgencyFacts,
    MeetingFacts,
    TouchpointFacts,
    months_before,
)
from resettle.quality.models import Rating
from resettle.quality.queries import StatusFacts, five_cs_for
from resettle.quality.registry import CONTRIBUTE, EDIT, READ, Facts, evaluate, loaders

from ..factories import ChildFactory, OrganisationFactory, UserFactory
from ..quality.helpers import TODAY, child, days_ago

MET, PARTLY, NOT_YET = Rating.MET, Rating.PARTLY, Rating.NOT_YET
REVIEW, CALL = MeetingKind.REVIEW, MeetingKind.CALL
# 4 September 2025: the start of the 6 months before TODAY (4 March 2026), 181 days before it.
SIX_MONTHS_AGO = months_before(TODAY, 6)
SENTENCED = StatusFacts("sentenced_custody", None)


def meeting(days: int, kind=CALL, *, attended=True, revisited=False) -> MeetingFacts:
    return MeetingFacts(days_ago(days), kind, attended, revisited)


def touchpoint(due_days_ago: int, done_days_ago: int | None = None, *, superseded=None, name=""):
    return TouchpointFacts(
        name or "Review meeting",
        days_ago(due_days_ago),
        days_ago(done_days_ago) if done_days_ago is not None else None,
        days_ago(superseded) if superseded is not None else None,
    )


def record_of(meetings) -> ChildFacts:
    """The facts of the record that the meetings make (journey.facts): contact, oldest first."""
    return ChildFacts(
        meetings=[
            (Event(m.held_on, "meeting", uuid.uuid4(), m.kind), m.child_attended, False)
            for m in sorted(meetings, key=lambda m: m.held_on)
        ]
    )


def facts(*, meetings=(), touchpoints=(), agencies=(), status=SENTENCED) -> Facts:
    """Jay's facts on TODAY; meetings newest first, as the loader gives them."""
    data = {spec.name: spec.default() for spec in loaders()}
    data.update(
        record=record_of(meetings),
        meetings=sorted(meetings, key=lambda m: m.held_on, reverse=True),
        touchpoints=sorted(touchpoints, key=lambda t: t.due_on),
        agencies=dict(enumerate(agencies, start=1)),
        legal_status=status,
    )
    return Facts(child(), None, TODAY, data)


def url(name, the_facts, suffix=""):
    return reverse(name, args=[the_facts.child.public_id]) + suffix


def test_six_months_before_a_day_keeps_the_day_or_takes_the_months_last_day():
    assert months_before(date(2026, 3, 4), 6) == date(2025, 9, 4)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 3) == date(2025, 10, 15)
    assert (TODAY - SIX_MONTHS_AGO).days == 181


# ---- Co-created: the child took part in the last planning meeting -------------------------------


def test_took_part_is_met_when_the_child_was_at_the_latest_planning_meeting():
    the_facts = facts(
        meetings=[
            meeting(60, MeetingKind.INITIAL_PLANNING, attended=False),
            meeting(10, REVIEW, attended=True),
            meeting(2, CALL, attended=False),  # a call is not a planning meeting
        ]
    )
    found = journey.took_part(the_facts)
    assert found.status == MET
    assert found.reason == (
        "Jay took part in the last planning meeting, the review meeting on 22 February 2026."
    )
    assert found.fix is None


def test_took_part_is_not_yet_when_the_child_missed_the_latest_planning_meeting():
    the_facts = facts(
        meetings=[
            meeting(60, MeetingKind.INITIAL_PLANNING, attended=True),
            meeting(20, MeetingKind.RELEASE_PREPARATION, attended=False),
            meeting(3, MeetingKind.CUSTODY_VISIT, attended=True),
        ]
    )
    found = journey.took_part(the_facts)
    assert found.status == NOT_YET
    assert found.reason == (
        "Jay did not take part in the last planning meeting, the release preparation meeting on "
        "12 February 2026. Plan the next one with them."
    )
    assert found.fix.url == url("journey:meeting-add", the_facts, "?kind=review")
    assert found.fix.needs == CONTRIBUTE


def test_took_part_counts_a_post_release_review_as_a_planning_meeting():
    the_facts = facts(meetings=[meeting(5, MeetingKind.POST_RELEASE_REVIEW, attended=True)])
    assert journey.took_part(the_facts).status == MET


def test_took_part_does_not_apply_before_any_planning_meeting():
    the_facts = facts(meetings=[meeting(3, CALL), meeting(8, MeetingKind.SUPERVISION)])
    assert journey.took_part(the_facts) is None
    assert journey.took_part(facts()) is None


def test_took_part_ignores_a_planning_meeting_dated_after_today():
    the_facts = facts(
        meetings=[meeting(-2, REVIEW, attended=False), meeting(30, REVIEW, attended=True)]
    )
    assert journey.took_part(the_facts).status == MET


# ---- Consistent: no long gaps in contact --------------------------------------------------------


def test_contact_gaps_do_not_apply_to_a_child_with_no_legal_status_yet():
    assert journey.contact_gaps(facts(meetings=[meeting(90)], status=None)) is None
    assert journey.contact_gaps(facts(status=None)) is None


def test_contact_gaps_do_not_apply_once_the_order_has_ended():
    ended = StatusFacts("order_ended", None)
    assert journey.contact_gaps(facts(meetings=[meeting(90)], status=ended)) is None


def test_no_contact_recorded_is_not_yet_for_a_child_with_a_legal_status():
    the_facts = facts()
    found = journey.contact_gaps(the_facts)
    assert found.status == NOT_YET
    assert found.reason == "No contact recorded with Jay yet."
    assert found.fix.url == url("journey:meeting-add", the_facts)
    assert found.fix.needs == CONTRIBUTE


def test_meetings_the_child_did_not_take_part_in_are_not_contact():
    assert journey.contact_gaps(facts(meetings=[meeting(2, attended=False)])).reason == (
        "No contact recorded with Jay yet."
    )
    the_facts = facts(meetings=[meeting(40), meeting(5, REVIEW, attended=False)])
    found = journey.contact_gaps(the_facts)
    assert found.status == PARTLY
    assert found.reason == "The last contact with Jay was on 23 January 2026, 40 days ago."


@pytest.mark.parametrize(
    ("last_contact_days_ago", "status"),
    [(0, MET), (28, MET), (29, PARTLY), (42, PARTLY), (43, NOT_YET), (120, NOT_YET)],
)
def test_the_time_since_the_last_contact_is_a_gap(last_contact_days_ago, status):
    the_facts = facts(meetings=[meeting(last_contact_days_ago)])
    assert journey.contact_gaps(the_facts).status == status


@pytest.mark.parametrize(("gap", "status"), [(28, MET), (29, PARTLY), (42, PARTLY), (43, NOT_YET)])
def test_the_longest_gap_between_contacts_in_the_last_6_months_decides(gap, status):
    # Contact 100 days ago, then after `gap` days, then every 20 days.
    the_facts = facts(meetings=[meeting(100), *[meeting(n) for n in range(100 - gap, 0, -20)]])
    assert journey.contact_gaps(the_facts).status == status


def test_a_long_gap_between_contacts_says_when_it_ended():
    the_facts = facts(meetings=[meeting(100), meeting(50, REVIEW), meeting(30), meeting(5)])
    found = journey.contact_gaps(the_facts)
    assert found.status == NOT_YET
    assert (
        found.reason
        == "Jay went 50 days without contact in the last 6 months, up to 13 January 2026."
    )


def test_regular_contact_is_met_and_says_when_the_last_one_was():
    the_facts = facts(meetings=[meeting(n) for n in range(170, 0, -25)])
    found = journey.contact_gaps(the_facts)
    assert found.status == MET
    assert found.reason == (
        "The longest gap in contact with Jay in the last 6 months was 25 days; the last contact "
        "was on 12 February 2026."
    )


def test_a_contact_before_the_6_months_counts_the_gap_from_their_start_only():
    # Contact 400 days ago, then from 11 days into the 6 months every 20 days: the longest gap is
    # 20 days, not the year before the 6 months.
    regular = [meeting(n) for n in range(170, 0, -20)]
    assert journey.contact_gaps(facts(meetings=[meeting(400), *regular])).status == MET
    # With nothing since, the gap runs from the start of the 6 months.
    found = journey.contact_gaps(facts(meetings=[meeting(400)]))
    assert found.status == NOT_YET
    assert found.reason == "The last contact with Jay was on 28 January 2025, 400 days ago."


def test_contact_on_the_same_day_twice_is_one_contact():
    the_facts = facts(meetings=[meeting(20), meeting(20, REVIEW)])
    assert journey.contact_gaps(the_facts).status == MET


# ---- Consistent: touchpoint deadlines met -------------------------------------------------------


def test_touchpoints_do_not_apply_when_none_fell_due_in_the_last_6_months():
    assert journey.touchpoints_met(facts()) is None
    not_due_yet = [touchpoint(0), touchpoint(-10)]  # due today, or later
    assert journey.touchpoints_met(facts(touchpoints=not_due_yet)) is None
    too_old = [touchpoint(182)]  # the day before the 6 months began
    assert journey.touchpoints_met(facts(touchpoints=too_old)) is None


def test_a_touchpoint_no_longer_needed_before_it_fell_due_does_not_count():
    replaced = touchpoint(10, superseded=12)  # a new legal status replaced it before it was due
    assert journey.touchpoints_met(facts(touchpoints=[replaced])) is None


def test_every_deadline_met_is_met_including_one_done_on_the_day():
    the_facts = facts(
        touchpoints=[touchpoint(181, 185), touchpoint(60, 60), touchpoint(1, 3)],
    )
    found = journey.touchpoints_met(the_facts)
    assert found.status == MET
    assert found.reason == ("All 3 touchpoints for Jay due in the last 6 months were done on time.")
    assert found.fix is None


def test_one_touchpoint_done_on_time_reads_in_the_singular():
    found = journey.touchpoints_met(facts(touchpoints=[touchpoint(5, 6)]))
    assert found.reason == "The touchpoint for Jay due in the last 6 months was done on time."


def test_three_of_four_deadlines_met_is_partly_and_names_the_late_one():
    the_facts = facts(
        touchpoints=[
            touchpoint(100, 101),
            touchpoint(80, 79, name="Initial planning meeting"),  # done a day late
            touchpoint(50, 50),
            touchpoint(20, 25),
        ]
    )
    found = journey.touchpoints_met(the_facts)
    assert found.status == PARTLY
    assert found.reason == (
        "3 of 4 touchpoints for Jay due in the last 6 months were done on time. "
        "Initial planning meeting, due by 14 December 2025, was done late."
    )
    assert found.fix.url == url("journey:journey", the_facts, "#touchpoints")
    assert found.fix.needs == READ


def test_two_of_three_deadlines_met_is_not_yet_and_names_the_one_not_done():
    the_facts = facts(
        touchpoints=[touchpoint(100, 101), touchpoint(50, 50), touchpoint(1, name="Review")]
    )
    found = journey.touchpoints_met(the_facts)
    assert found.status == NOT_YET
    assert found.reason.endswith("Review, due by 3 March 2026, is not done.")


def test_a_touchpoint_replaced_after_it_fell_due_undone_was_missed():
    the_facts = facts(touchpoints=[touchpoint(30, superseded=10)])
    assert journey.touchpoints_met(the_facts).status == NOT_YET


# ---- Consistent: the plan revisited at each meeting ---------------------------------------------


def test_plan_revisited_does_not_apply_without_a_planning_meeting_in_the_last_6_months():
    old = meeting(182, REVIEW, revisited=False)
    assert journey.plan_revisited(facts(meetings=[old, meeting(3, CALL)])) is None


def test_every_planning_meeting_revisiting_the_questions_is_met():
    the_facts = facts(
        meetings=[
            meeting(181, MeetingKind.INITIAL_PLANNING, revisited=True),  # the first day counts
            meeting(200, REVIEW, revisited=False),  # before the 6 months
            meeting(90, REVIEW, revisited=True),
            meeting(10, CALL, revisited=False),  # not a planning meeting
        ]
    )
    found = journey.plan_revisited(the_facts)
    assert found.status == MET
    assert found.reason == (
        "All 2 planning meetings in the last 6 months revisited the four key questions with Jay."
    )


def test_some_planning_meetings_revisiting_the_questions_is_partly_and_names_one_that_did_not():
    the_facts = facts(
        meetings=[meeting(181, REVIEW, revisited=False), meeting(90, REVIEW, revisited=True)]
    )
    found = journey.plan_revisited(the_facts)
    assert found.status == PARTLY
    assert found.reason == (
        "1 of 2 planning meetings in the last 6 months revisited the four key questions with "
        "Jay. The review meeting on 4 September 2025 did not."
    )
    assert found.fix.url == url("journey:meeting-add", the_facts, "?kind=review")


def test_no_planning_meeting_revisiting_the_questions_is_not_yet():
    found = journey.plan_revisited(facts(meetings=[meeting(30, REVIEW, revisited=False)]))
    assert found.status == NOT_YET
    assert found.reason == (
        "The planning meeting in the last 6 months did not revisit the four key questions with Jay."
    )


# ---- Coordinated: agencies involved attend ------------------------------------------------------


def test_agencies_do_not_apply_when_no_professionals_are_recorded():
    assert journey.agencies_attend(facts()) is None


def test_every_agency_attending_is_met():
    the_facts = facts(agencies=[AgencyFacts("Camden CAMHS", True), AgencyFacts("Housing", True)])
    found = journey.agencies_attend(the_facts)
    assert found.status == MET
    assert (
        found.reason == "All 2 agencies involved with Jay attended a meeting in the last 3 months."
    )


def test_some_agencies_attending_is_partly_and_names_the_others():
    the_facts = facts(
        agencies=[
            AgencyFacts("Camden CAMHS", True),
            AgencyFacts("Camden Housing", False),
            AgencyFacts("Skills College", False),
        ]
    )
    found = journey.agencies_attend(the_facts)
    assert found.status == PARTLY
    assert found.reason == (
        "1 of 3 agencies involved with Jay attended a meeting in the last 3 months. "
        "Not yet: Camden Housing, Skills College."
    )
    assert found.fix.url == url("network:network", the_facts, "#professionals")
    assert found.fix.needs == READ


def test_no_agency_attending_is_not_yet():
    found = journey.agencies_attend(facts(agencies=[AgencyFacts("Camden Housing", False)]))
    assert found.status == NOT_YET
    assert found.reason == (
        "The agency involved with Jay has not attended a meeting in the last 3 months: "
        "Camden Housing."
    )


# ---- Fix links, in the whole check --------------------------------------------------------------


def test_a_reader_is_offered_the_journey_and_network_but_not_the_meeting_form():
    the_facts = facts(
        meetings=[meeting(60, REVIEW, attended=False)],
        touchpoints=[touchpoint(30)],
        agencies=[AgencyFacts("Camden Housing", False)],
    )

    def fixes(allowed):
        check = evaluate(the_facts, allowed)
        return {i.key: i.fix_url for c in check.cs for i in c.indicators}

    reader, contributor = fixes({READ}), fixes({READ, CONTRIBUTE, EDIT})
    for key in ("took-part", "contact-gaps", "plan-revisited"):
        assert reader[key] is None
        assert "/journey/meetings/add/" in contributor[key]
    assert reader["touchpoints-met"] == url("journey:journey", the_facts, "#touchpoints")
    assert reader["agencies-attend"] == url("network:network", the_facts, "#professionals")


def test_the_journeys_indicators_come_after_the_built_in_ones():
    check = evaluate(facts(meetings=[meeting(5, REVIEW)]), {READ})
    keys = [i.key for i in check["consistent"].indicators]
    assert keys[:2] == ["questions-revisited", "same-lead"]
    assert keys[2:] == ["contact-gaps", "plan-revisited"]


# ---- The loaders, from the database -------------------------------------------------------------


def held(child, days_ago_, kind=REVIEW, **fields):
    return Meeting.objects.create(
        child=child, kind=kind, held_on=today() - timedelta(days=days_ago_), **fields
    )


@pytest.mark.django_db
def test_the_meetings_loader_gives_meetings_held_so_far_newest_first(camden_child, hackney_child):
    held(camden_child, 30, child_attended=True)
    held(camden_child, 5, CALL, four_questions_revisited=True)
    held(hackney_child, 1)
    found = journey.load_meetings([camden_child], None)
    assert list(found) == [camden_child.id]
    assert [
        (m.kind, m.child_attended, m.four_questions_revisited) for m in found[camden_child.id]
    ] == [
        (CALL, False, True),
        (REVIEW, True, False),
    ]


@pytest.mark.django_db
def test_the_touchpoints_loader_gives_deadlines_passed_in_the_last_6_months(camden_child):
    start = months_before(today(), 6)
    for due in (start - timedelta(days=1), start, today() - timedelta(days=1), today()):
        Touchpoint.objects.create(child=camden_child, name=f"Due {due}", due_on=due)
    found = journey.load_touchpoints([camden_child], None)[camden_child.id]
    assert [t.due_on for t in found] == [start, today() - timedelta(days=1)]


@pytest.mark.django_db
def test_the_agencies_loader_says_which_organisations_attended_in_the_last_3_months(
    camden_child, hackney_child, camden_social_care
):
    health = OrganisationFactory(name="Camden CAMHS", kind="partner")
    housing = OrganisationFactory(name="Camden Housing", kind="partner")
    college = OrganisationFactory(name="Skills College", kind="partner")
    gone = OrganisationFactory(name="Old Mentoring", kind="partner")
    for organisation in (camden_social_care, health, housing, college):
        Professional.objects.create(
            child=camden_child, name="Someone", role="Worker", organisation=organisation
        )
    Professional.objects.create(child=camden_child, name="No organisation", role="Mentor")
    Professional.objects.create(
        child=camden_child, name="Left", role="Mentor", organisation=gone, is_active=False
    )
    # Social care named as an organisation at a recent meeting; a CAMHS nurse at another.
    held(camden_child, 10).organisations.add(camden_social_care)
    held(camden_child, 80, CALL).people.add(UserFactory(organisation=health))
    # Housing only at a meeting before the 3 months; the college only at another child's meeting.
    held(camden_child, 100).organisations.add(housing)
    held(hackney_child, 3).organisations.add(college)
    found = journey.load_agencies([camden_child, hackney_child], None)
    assert list(found) == [camden_child.id]
    assert {a.name: a.attended for a in found[camden_child.id].values()} == {
        camden_social_care.name: True,
        "Camden CAMHS": True,
        "Camden Housing": False,
        "Skills College": False,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("count", [2, 12])
def test_the_journeys_loaders_make_one_query_each_however_many_children(
    camden, amara, django_assert_num_queries, count
):
    children = [ChildFactory(owning_service=camden, lead_practitioner=amara) for _ in range(count)]
    partner = OrganisationFactory(kind="partner")
    for n, the_child in enumerate(children):
        held(the_child, n + 1, child_attended=True).organisations.add(partner)
        held(the_child, n + 40, CALL, child_attended=True)
        Touchpoint.objects.create(
            child=the_child, name="Review", due_on=today() - timedelta(days=n + 2)
        )
        Professional.objects.create(child=the_child, name="P", role="R", organisation=partner)
    with django_assert_num_queries(3):
        for load in (journey.load_meetings, journey.load_touchpoints, journey.load_agencies):
            assert len(load(children, amara)) == count


@pytest.mark.django_db
def test_the_whole_check_reads_meetings_touchpoints_and_the_network(camden_child, amara):
    partner = OrganisationFactory(name="Camden Housing", kind="partner")
    held(camden_child, 12, child_attended=True, four_questions_revisited=True)
    Touchpoint.objects.create(
        child=camden_child,
        name="Review",
        due_on=today() - timedelta(days=12),
        completed_on=today() - timedelta(days=12),
    )
    Professional.objects.create(child=camden_child, name="P", role="R", organisation=partner)
    LegalStatusEpisode.objects.create(
        child=camden_child, status="community_order", starts_on=today() - timedelta(days=100)
    )
    jay = Child.objects.for_caseload().get(pk=camden_child.pk)
    check = five_cs_for([jay], amara)[jay.id]
    found = {i.key: i.status for c in check.cs for i in c.indicators}
    assert found["took-part"] == MET
    assert found["contact-gaps"] == MET
    assert found["touchpoints-met"] == MET
    assert found["plan-revisited"] == MET
    assert found["agencies-attend"] == NOT_YET
