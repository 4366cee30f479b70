"""The 5Cs check read from the database: the loaders give the indicators the right facts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resettle.children.models import Child, Ethnicity, LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey.models import Meeting, MeetingKind
from resettle.plans.models import ActionKind, FamilyInvolved
from resettle.plans.queries import plan_page
from resettle.quality.models import Rating
from resettle.quality.queries import PlanFacts, five_cs, five_cs_for, load_plans
from resettle.release.models import ReleasePlan

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

MET, PARTLY, NOT_YET = Rating.MET, Rating.PARTLY, Rating.NOT_YET


def fetched(child):
    return Child.objects.select_related("lead_practitioner", "owning_service").get(pk=child.pk)


def statuses(check):
    return {c.key: c.status for c in check.cs}


def indicator(check, key):
    return next(i for c in check.cs for i in c.indicators if i.key == key)


def soon(days):
    return today() + timedelta(days=days)


@pytest.fixture
def jay_done_well(camden_child, amara, make_plan, make_entry, feltham):
    """Jay, whose record and plan do everything the check can see."""
    camden_child.communication_needs = "None"
    camden_child.ethnicity = Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN
    camden_child.save()
    owner = {"owner_person": amara, "due_on": soon(20), "specific_service": "Named service"}
    make_plan(
        camden_child,
        vision="I want to be a mechanic",
        adjustments="Short meetings; check he has understood",
        family_involved=FamilyInvolved.YES,
        goals=["Get on the motor vehicle course", "Have my own place"],
        actions=[
            {**owner, "pathway": "ete", "serves": [0], "plan_b": "Evening course", "told": 2},
            {
                **owner,
                "pathway": "accommodation",
                "description": "Supported lodgings",
                "serves": [1],
                "plan_b": "Stay with Aunt Grace",
                "told": 2,
            },
            {
                "pathway": "families",
                "kind": ActionKind.PERSONAL,
                "owner_name": "Aunt Grace",
                "due_on": soon(7),
            },
        ],
        agreed_days_ago=3,
        comment="It's my plan",
    )
    make_entry(camden_child, amara, days_ago=20, strengths_in_own_words="I'm good with my hands")
    make_entry(camden_child, amara, days_ago=5, who_do_you_want_to_be="A mechanic")
    LegalStatusEpisode.objects.create(
        child=camden_child,
        status="sentenced_custody",
        establishment=feltham,
        starts_on=today() - timedelta(days=60),
        expected_release_on=soon(60),
    )
    # The release checklist confirms where he will live and what he will do from day one.
    ReleasePlan.objects.create(
        child=camden_child,
        accommodation_confirmed_on=today() - timedelta(days=2),
        ete_confirmed_on=today() - timedelta(days=2),
    )
    # Jay took part in his review a week ago, where the four questions were revisited.
    Meeting.objects.create(
        child=camden_child,
        kind=MeetingKind.REVIEW,
        held_on=today() - timedelta(days=7),
        child_attended=True,
        four_questions_revisited=True,
    )
    return camden_child


def test_a_plan_that_does_everything_the_check_can_see_is_met_on_all_five_cs(jay_done_well, amara):
    check = five_cs(fetched(jay_done_well), amara)
    assert statuses(check) == dict.fromkeys(statuses(check), MET)
    assert check.met_count == 5
    assert indicator(check, "release-ready").status == MET
    assert indicator(check, "plans-b").status == MET


def test_a_child_with_nothing_recorded_yet_is_not_yet_on_what_needs_a_plan(camden_child, amara):
    check = five_cs(fetched(camden_child), amara)
    assert statuses(check)["constructive"] == NOT_YET
    assert statuses(check)["co_created"] == NOT_YET
    assert indicator(check, "same-lead").status == MET


def test_partners_count_only_the_conversations_the_child_agreed_to_share(
    shared_jay, amara, sam, make_entry
):
    make_entry(shared_jay, amara, days_ago=3, share_with_partners=False)
    jay = fetched(shared_jay)
    assert indicator(five_cs(jay, amara), "own-words-recent").status == MET
    assert indicator(five_cs(jay, sam), "own-words-recent").status == NOT_YET


def test_the_latest_legal_status_decides_whether_release_readiness_applies(
    camden_child, amara, feltham
):
    LegalStatusEpisode.objects.create(
        child=camden_child,
        status="sentenced_custody",
        establishment=feltham,
        starts_on=today() - timedelta(days=90),
        expected_release_on=soon(10),
    )
    check = five_cs(fetched(camden_child), amara)
    assert indicator(check, "release-ready").status == NOT_YET
    LegalStatusEpisode.objects.create(
        child=camden_child, status="released_licence", starts_on=today() - timedelta(days=1)
    )
    keys = [i.key for i in five_cs(fetched(camden_child), amara)["coordinated"].indicators]
    assert "release-ready" not in keys


def test_a_change_of_lead_practitioner_shows_in_the_childs_history(camden_child, amara, camden):
    camden_child.lead_practitioner = UserFactory(organisation=camden, full_name="Tom Reid")
    camden_child.save()
    found = indicator(five_cs(fetched(camden_child), amara), "same-lead")
    assert found.status == PARTLY
    assert found.reason == "2 different lead practitioners so far; Tom Reid leads now."


def test_dropped_and_done_actions_are_read_from_the_status_configuration(
    camden_child, amara, make_plan
):
    make_plan(
        camden_child,
        goals=["Be a chef"],
        actions=[
            {"status": "done", "description": "Food hygiene course", "serves": [0]},
            {"status": "dropped", "description": "Old college place"},  # no goal, no owner
        ],
    )
    check = five_cs(fetched(camden_child), amara)
    assert indicator(check, "actions-serve-goals").status == MET  # the dropped one is ignored
    assert indicator(check, "owners-and-dates").reason == "Every action in the plan is closed."


def test_the_plan_pages_own_data_gives_the_same_facts_as_the_bulk_loader(
    jay_done_well, make_plan, hackney_child, amara
):
    make_plan(hackney_child, goals=["Stop fighting"], actions=[{"serves": [0]}])
    jay = fetched(jay_done_well)
    assert PlanFacts.from_page(plan_page(jay)) == load_plans([jay], amara)[jay.id]
    assert (
        PlanFacts.from_page(plan_page(fetched(hackney_child)))
        == (load_plans([hackney_child], None)[hackney_child.id])
    )


def test_a_child_without_a_plan_has_no_plan_facts_from_either_source(camden_child, amara):
    jay = fetched(camden_child)
    assert PlanFacts.from_page(plan_page(jay)) is None
    assert load_plans([jay], amara) == {}


def test_each_child_on_a_page_gets_their_own_check(camden, amara, make_plan, make_entry):
    from ..factories import ChildFactory

    first, second = (ChildFactory(owning_service=camden, lead_practitioner=amara) for _ in "ab")
    make_plan(first, vision="A footballer")
    make_entry(second, amara, days_ago=1)
    results = five_cs_for(
        Child.objects.filter(pk__in=[first.pk, second.pk]).select_related("lead_practitioner"),
        amara,
    )
    assert indicator(results[first.id], "vision").status == MET
    assert indicator(results[second.id], "vision").status == NOT_YET
    assert indicator(results[first.id], "own-words-recent").status == NOT_YET
    assert indicator(results[second.id], "own-words-recent").status == MET
