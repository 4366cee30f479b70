"""Every built-in 5Cs indicator and its edge cases, on facts built in memory.

Each indicator answers met, partly or not yet with a one-line reason and, when not met, a link to
where to put it right; or nothing when it does not apply to the child.
"""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from resettle.children.models import Ethnicity, Gender
from resettle.journey.facts import ChildFacts, Event
from resettle.plans.models import ActionKind, FamilyInvolved
from resettle.quality import indicators as ind
from resettle.quality.models import Rating
from resettle.quality.registry import EDIT, READ

from .helpers import (
    TODAY,
    action,
    agreed,
    child,
    days_ago,
    facts,
    goal,
    in_custody,
    plan,
    voice,
)

MET, PARTLY, NOT_YET = Rating.MET, Rating.PARTLY, Rating.NOT_YET


def url(name, the_facts, *args):
    return reverse(name, args=[the_facts.child.public_id, *args])


# ---- Constructive: vision -----------------------------------------------------------------------


def test_vision_is_met_when_the_plan_says_who_the_child_wants_to_be():
    found = ind.vision_recorded(facts(plan_facts=plan(vision="I want to be a mechanic")))
    assert found.status == MET
    assert "who Jay wants to be" in found.reason
    assert found.fix is None


def test_vision_is_partly_met_when_the_child_said_it_but_the_plan_does_not_say_it():
    the_facts = facts(plan_facts=plan(), entries=[voice(10, says_who_they_want_to_be=True)])
    found = ind.vision_recorded(the_facts)
    assert found.status == PARTLY
    assert found.reason == (
        "Jay said who they want to be on 22 February 2026, but the plan does not say it yet."
    )
    assert found.fix.url == url("plans:vision", the_facts)


def test_vision_is_not_yet_met_for_a_child_with_no_plan_and_no_words():
    the_facts = facts(plan_facts=None)
    found = ind.vision_recorded(the_facts)
    assert found.status == NOT_YET
    assert found.fix.url == url("plans:vision", the_facts)


# ---- Constructive: strengths --------------------------------------------------------------------


def test_strengths_in_the_childs_own_words_are_met_even_from_an_older_conversation():
    entries = [voice(2), voice(40, strengths_in_own_words=True)]
    found = ind.strengths_recorded(facts(entries=entries))
    assert found.status == MET
    assert "recorded on 23 January 2026" in found.reason


def test_strengths_only_picked_from_a_list_are_partly_met():
    found = ind.strengths_recorded(facts(entries=[voice(5, strengths_chosen=True)]))
    assert found.status == PARTLY
    assert "picked from a list on 27 February 2026" in found.reason
    assert "What are your strengths?" in found.reason


def test_no_conversations_means_strengths_not_yet_recorded_with_a_link_to_record_them():
    the_facts = facts()
    found = ind.strengths_recorded(the_facts)
    assert found.status == NOT_YET
    assert found.fix.url == url("voice:add", the_facts)


# ---- Constructive: goals phrased positively -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Stop getting arrested",
        "Not go back to prison",
        "I don't want to get into fights",
        "I want to stop smoking weed",
        "Never go back inside",
        "No more fights",
        "Stay out of trouble",
        "I will not reoffend",
        "Don’t get kicked out of college",  # a curly apostrophe
        "I'm going to avoid the estate",
        "No police, no trouble, no stress",
    ],
)
def test_goals_that_say_what_to_stop_or_avoid_are_negative(text):
    assert ind.is_negative_goal(text)


@pytest.mark.parametrize(
    "text",
    [
        "Get on the motor vehicle course at college",
        "Be a good dad to my little brother",
        "Get a job and not go back to jail",  # one negative among many words
        "Know who I am",
        "Notice when I'm getting angry and walk away",
        "Nobody can stop me becoming a chef",
        "",
    ],
)
def test_goals_that_say_what_the_child_will_do_are_not_negative(text):
    assert not ind.is_negative_goal(text)


def test_a_plan_without_goals_has_not_yet_phrased_goals_and_links_to_add_one():
    the_facts = facts(plan_facts=plan(goals=[]))
    found = ind.goals_positive(the_facts)
    assert found.status == NOT_YET
    assert found.fix.url == url("plans:goal-add", the_facts)


def test_goals_all_positive_are_met():
    the_facts = facts(plan_facts=plan(goals=["Be a mechanic", "Have my own place"]))
    found = ind.goals_positive(the_facts)
    assert found.status == MET
    assert found.reason == "All 2 goals say what Jay will do."


def test_a_negative_goal_is_quoted_and_links_to_change_that_goal():
    negative = goal("Stop getting arrested")
    the_facts = facts(plan_facts=plan(goals=["Be a mechanic", negative]))
    found = ind.goals_positive(the_facts)
    assert found.status == PARTLY
    assert found.reason.startswith("“Stop getting arrested” says what to stop or avoid.")
    assert found.fix.url == url("plans:goal-edit", the_facts, negative.public_id)


def test_every_goal_negative_is_still_only_partly_because_the_check_is_a_heuristic():
    the_facts = facts(plan_facts=plan(goals=["Stop fighting", "No more weed", "Never go back"]))
    found = ind.goals_positive(the_facts)
    assert found.status == PARTLY
    assert "2 more goals read the same way." in found.reason


# ---- Constructive: structural actions serve the child's goals -----------------------------------


def test_no_structural_actions_is_not_yet_with_a_link_to_add_one():
    the_facts = facts(plan_facts=plan(actions=[action(kind=ActionKind.PERSONAL)]))
    found = ind.actions_serve_goals(the_facts)
    assert found.status == NOT_YET
    assert found.reason == "No structural actions yet."
    assert found.fix.url == url("plans:action-add", the_facts) + "?kind=structural"


def test_every_structural_action_linked_to_a_goal_is_met():
    actions = [action(), action(), action(kind=ActionKind.PERSONAL, serves_goal=False)]
    found = ind.actions_serve_goals(facts(plan_facts=plan(actions=actions)))
    assert found.status == MET
    assert found.reason == "All 2 structural actions say which goal they serve."


def test_some_structural_actions_linked_is_partly_and_names_the_first_unlinked():
    unlinked = action("Find a bed", serves_goal=False)
    actions = [action(), action(), action(), unlinked, action(serves_goal=False)]
    the_facts = facts(plan_facts=plan(actions=actions))
    found = ind.actions_serve_goals(the_facts)
    assert found.status == PARTLY
    assert found.reason == (
        "3 of 5 structural actions say which goal they serve. “Find a bed” does not."
    )
    assert found.fix.url == url("plans:action-edit", the_facts, unlinked.public_id)


def test_no_structural_action_linked_is_not_yet():
    found = ind.actions_serve_goals(
        facts(plan_facts=plan(actions=[action(serves_goal=False), action(serves_goal=False)]))
    )
    assert found.status == NOT_YET
    assert "None of the 2 structural actions" in found.reason


def test_dropped_actions_do_not_count_against_the_links():
    actions = [action(), action(serves_goal=False, is_closed=True, is_dropped=True)]
    assert ind.actions_serve_goals(facts(plan_facts=plan(actions=actions))).status == MET


# ---- Co-created: the child's own words are recent -----------------------------------------------


def test_no_conversations_means_the_childs_words_are_not_yet_recorded():
    the_facts = facts()
    found = ind.own_words_recent(the_facts)
    assert found.status == NOT_YET
    assert found.fix.url == url("voice:add", the_facts)


def test_the_childs_own_words_from_two_weeks_ago_are_recent():
    found = ind.own_words_recent(facts(entries=[voice(14)]))
    assert found.status == MET
    assert found.reason == "Jay's own words were recorded on 18 February 2026 (2 weeks ago)."


def test_words_exactly_twelve_weeks_old_still_count_as_recent():
    assert ind.own_words_recent(facts(entries=[voice(12 * 7)])).status == MET
    assert ind.own_words_recent(facts(entries=[voice(12 * 7 + 1)])).status == PARTLY


def test_a_recent_conversation_summarised_by_the_practitioner_is_partly():
    found = ind.own_words_recent(facts(entries=[voice(3, verbatim=False), voice(200)]))
    assert found.status == PARTLY
    assert "summarised by the practitioner" in found.reason
    assert "1 March 2026" in found.reason


def test_own_words_older_than_twelve_weeks_are_partly_and_ask_again():
    found = ind.own_words_recent(facts(entries=[voice(100)]))
    assert found.status == PARTLY
    assert "last recorded on 24 November 2025 (14 weeks ago)" in found.reason


def test_only_old_summaries_means_the_childs_words_are_not_yet_recorded():
    found = ind.own_words_recent(facts(entries=[voice(100, verbatim=False)]))
    assert found.status == NOT_YET
    assert found.reason.startswith("Only summaries by the practitioner")


# ---- Co-created: the child agreed the plan ------------------------------------------------------


def test_no_plan_means_the_child_has_not_agreed_it_and_links_to_record_it():
    the_facts = facts(plan_facts=None)
    found = ind.child_agreed(the_facts)
    assert found.status == NOT_YET
    assert found.fix.url == url("plans:agreement-add", the_facts)


def test_an_agreement_with_the_childs_comment_is_met_and_quotes_it():
    found = ind.child_agreed(
        facts(plan_facts=plan(agreement=agreed(2, "It's my plan, I wrote the goals")))
    )
    assert found.status == MET
    assert found.reason == (
        "Jay agreed the plan on 2 March 2026 and said “It's my plan, I wrote the goals”"
    )


def test_an_agreement_without_the_childs_words_is_partly():
    found = ind.child_agreed(facts(plan_facts=plan(agreement=agreed(2, "   "))))
    assert found.status == PARTLY
    assert "what they said about it is not recorded" in found.reason


def test_a_long_comment_is_shortened_in_the_reason():
    found = ind.child_agreed(facts(plan_facts=plan(agreement=agreed(2, "word " * 40))))
    assert found.reason.endswith("…”")
    assert len(found.reason) < 140


# ---- Co-created: family involved, or why not ----------------------------------------------------


@pytest.mark.parametrize(
    ("involved", "reason", "status"),
    [
        (FamilyInvolved.YES, "", MET),
        (FamilyInvolved.NOT_APPROPRIATE, "Risk to the child at home", MET),
        (FamilyInvolved.NOT_APPROPRIATE, "", PARTLY),
        (FamilyInvolved.NO, "Mum works nights; we will try a video call", PARTLY),
        (FamilyInvolved.NO, "", PARTLY),
        ("", "", NOT_YET),
    ],
)
def test_family_involvement_or_why_not(involved, reason, status):
    the_facts = facts(plan_facts=plan(family_involved=involved, family_not_involved_reason=reason))
    found = ind.family_involved(the_facts)
    assert found.status == status
    if status != MET:
        assert found.fix.url == url("plans:vision", the_facts)


def test_without_a_plan_family_involvement_is_not_yet_recorded():
    assert ind.family_involved(facts(plan_facts=None)).status == NOT_YET


# ---- Customised: needs profile ------------------------------------------------------------------


def test_a_full_needs_profile_is_met():
    assert ind.needs_profile(facts()).status == MET


def test_missing_parts_of_the_needs_profile_are_named_and_link_to_the_childs_details():
    the_facts = facts(the_child=child(first_language="", communication_needs=""))
    found = ind.needs_profile(the_facts)
    assert found.status == PARTLY
    assert found.reason == (
        "Not recorded: communication needs (write “none” if there are none); first language."
    )
    assert found.fix.url == url("children:edit", the_facts)
    assert found.fix.needs == EDIT


def test_an_empty_needs_profile_is_not_yet():
    the_child = child(
        first_language="",
        communication_needs="",
        gender=Gender.NOT_KNOWN,
        ethnicity=Ethnicity.NOT_STATED,
    )
    assert ind.needs_profile(facts(the_child=the_child)).status == NOT_YET


# ---- Customised: adjustments --------------------------------------------------------------------


def test_adjustments_in_the_plan_are_met():
    found = ind.adjustments(facts(plan_facts=plan(adjustments="Use pictures; short meetings")))
    assert found.status == MET


def test_no_adjustments_is_not_yet_and_mentions_recorded_communication_needs():
    the_facts = facts(plan_facts=plan())
    found = ind.adjustments(the_facts)
    assert found.status == NOT_YET
    assert "communication needs are recorded" in found.reason
    assert found.fix.url == url("plans:vision", the_facts)
    plain = ind.adjustments(facts(plan_facts=None, the_child=child(communication_needs="")))
    assert "communication needs" not in plain.reason


# ---- Customised: actions name a specific service ------------------------------------------------


def test_specific_services_do_not_apply_to_a_plan_without_structural_actions():
    assert ind.specific_services(facts(plan_facts=plan())) is None
    assert ind.specific_services(facts(plan_facts=None)) is None


def test_every_structural_action_naming_a_service_is_met():
    personal = action(kind=ActionKind.PERSONAL, specific_service="")
    found = ind.specific_services(facts(plan_facts=plan(actions=[action(), personal])))
    assert found.status == MET


def test_some_actions_with_a_generic_service_are_partly():
    generic = action("Find a college place", specific_service="  ")
    the_facts = facts(plan_facts=plan(actions=[action(), generic]))
    found = ind.specific_services(the_facts)
    assert found.status == PARTLY
    assert found.reason == (
        "1 of 2 structural actions name a specific service. “Find a college place” does not."
    )
    assert found.fix.url == url("plans:action-edit", the_facts, generic.public_id)


def test_no_action_naming_a_service_is_not_yet():
    found = ind.specific_services(facts(plan_facts=plan(actions=[action(specific_service="")])))
    assert found.status == NOT_YET


# ---- Consistent: the four questions revisited ---------------------------------------------------


def test_questions_never_asked_are_not_yet():
    assert ind.questions_revisited(facts()).status == NOT_YET


def test_questions_asked_once_are_partly():
    found = ind.questions_revisited(facts(entries=[voice(30)]))
    assert found.status == PARTLY
    assert found.reason == "Asked once, on 2 February 2026. Ask Jay again at the next meeting."


def test_questions_asked_in_three_conversations_on_one_day_count_three_times():
    """Issue 10: it counted days, so three conversations on one day read "asked once"."""
    found = ind.questions_revisited(facts(entries=[voice(30), voice(30), voice(30)]))
    assert found.status == MET
    assert found.reason.startswith("Asked in 3 conversations")


def test_questions_asked_in_several_conversations_are_met():
    found = ind.questions_revisited(facts(entries=[voice(2), voice(90), voice(200)]))
    assert found.status == MET
    assert found.reason == (
        "Asked in 3 conversations, first on 16 August 2025 and last on 2 March 2026."
    )


# ---- Consistent: same lead practitioner ---------------------------------------------------------


def test_a_child_without_a_lead_practitioner_is_not_yet_with_a_link_to_allocate():
    the_facts = facts(the_child=child(lead_practitioner=None), lead_count=0)
    found = ind.same_lead(the_facts)
    assert found.status == NOT_YET
    assert found.fix.url == url("children:edit", the_facts)


def test_one_lead_practitioner_throughout_is_met():
    found = ind.same_lead(facts(lead_count=1))
    assert found.status == MET
    assert found.reason == "Amara Okafor has led Jay's case throughout."


def test_a_second_lead_practitioner_is_partly_and_links_to_the_change_history():
    the_facts = facts(lead_count=2)
    found = ind.same_lead(the_facts)
    assert found.status == PARTLY
    assert found.reason == "2 different lead practitioners so far; Amara Okafor leads now."
    assert found.fix.url == url("children:history", the_facts)
    assert found.fix.needs == READ


def test_three_lead_practitioners_is_not_yet():
    assert ind.same_lead(facts(lead_count=3)).status == NOT_YET


# ---- Coordinated: owners and dates --------------------------------------------------------------


def test_an_empty_plan_has_no_actions_to_own_and_links_to_add_one():
    the_facts = facts(plan_facts=plan())
    found = ind.owners_and_dates(the_facts)
    assert found.status == NOT_YET
    assert found.fix.url == url("plans:action-add", the_facts)
    assert ind.owners_and_dates(facts(plan_facts=None)).status == NOT_YET


def test_closed_actions_without_owner_or_date_are_ignored():
    closed = action(has_owner=False, due_on=None, is_closed=True)
    found = ind.owners_and_dates(facts(plan_facts=plan(actions=[action(), closed])))
    assert found.status == MET
    assert found.reason == "The open action has someone responsible and a due date."


def test_a_plan_whose_actions_are_all_closed_is_met():
    found = ind.owners_and_dates(facts(plan_facts=plan(actions=[action(is_closed=True)])))
    assert found.status == MET
    assert found.reason == "Every action in the plan is closed."


@pytest.mark.parametrize(
    ("owner", "due", "says"),
    [
        (False, True, "“Find a bed” has nobody responsible."),
        (True, False, "“Find a bed” has no due date."),
        (False, False, "“Find a bed” has nobody responsible and no due date."),
    ],
)
def test_an_open_action_missing_an_owner_or_a_date_is_named(owner, due, says):
    gap = action("Find a bed", has_owner=owner, due_on=TODAY if due else None)
    the_facts = facts(plan_facts=plan(actions=[action(), gap]))
    found = ind.owners_and_dates(the_facts)
    assert found.status == PARTLY
    assert found.reason == (f"1 of 2 open actions have someone responsible and a due date. {says}")
    assert found.fix.url == url("plans:action-edit", the_facts, gap.public_id)


def test_no_open_action_with_an_owner_and_a_date_is_not_yet():
    found = ind.owners_and_dates(facts(plan_facts=plan(actions=[action(has_owner=False)])))
    assert found.status == NOT_YET


# ---- Coordinated: accommodation and ETE before release ------------------------------------------


ACCOMMODATION = action("Supported lodgings", pathway_slug="accommodation")
COLLEGE = action("Enrol at college", pathway_slug="ete")


def test_release_readiness_does_not_apply_without_an_expected_release():
    assert ind.release_ready(facts(plan_facts=plan(), status=None)) is None
    assert ind.release_ready(facts(plan_facts=plan(), status=in_custody(None))) is None
    community = in_custody(30, status="community_order")
    assert ind.release_ready(facts(plan_facts=plan(), status=community)) is None
    assert ind.release_ready(facts(plan_facts=plan(), status=in_custody(-1))) is None


def checklist(accommodation_days_ago=None, ete_days_ago=None) -> ChildFacts:
    """What the release checklist says (journey.facts: the one home of these two facts)."""
    confirmed = (
        Event(days_ago(accommodation_days_ago), "accommodation", uuid.uuid4())
        if accommodation_days_ago is not None
        else None
    )
    ete = days_ago(ete_days_ago) if ete_days_ago is not None else None
    return ChildFacts(accommodation=confirmed, ete_confirmed_on=ete)


def test_accommodation_and_ete_confirmed_on_the_checklist_before_release_are_met():
    the_facts = facts(record=checklist(3, 2), status=in_custody(60))
    found = ind.release_ready(the_facts)
    assert found.status == MET
    assert "Release is expected on 3 May 2026 (in 60 days)." in found.reason


def test_actions_in_the_plan_are_not_accommodation_confirmed():
    """Issue 10: "before release: met" only needed the actions to exist, while the checklist
    showed education not confirmed."""
    the_facts = facts(
        plan_facts=plan(actions=[ACCOMMODATION, COLLEGE]),
        record=checklist(3, None),
        status=in_custody(60),
    )
    found = ind.release_ready(the_facts)
    assert found.status == PARTLY
    assert found.reason.startswith("Education, training or employment is not arranged yet.")
    assert found.fix.url == url("release:checklist-edit", the_facts)


def test_release_soon_without_confirmed_accommodation_is_not_yet():
    the_facts = facts(record=checklist(None, 3), status=in_custody(14))
    found = ind.release_ready(the_facts)
    assert found.status == NOT_YET
    assert found.reason == (
        "Accommodation is not confirmed yet. Release is expected on 18 March 2026 (in 14 days)."
    )


def test_neither_accommodation_nor_ete_before_release_is_not_yet():
    found = ind.release_ready(facts(plan_facts=None, status=in_custody(90, status="recall")))
    assert found.status == NOT_YET


# ---- Coordinated: plans B for key arrangements, told to the child -------------------------------

TOLD = {"has_plan_b": True, "plan_b_told_on": days_ago(3)}


def test_plans_b_do_not_apply_without_accommodation_or_ete_actions():
    health = action(pathway_slug="health")
    assert ind.plans_b_told(facts(plan_facts=plan(actions=[health]))) is None
    dropped = action(pathway_slug="accommodation", is_closed=True, is_dropped=True)
    assert ind.plans_b_told(facts(plan_facts=plan(actions=[dropped]))) is None


def test_each_key_arrangement_with_a_plan_b_told_to_the_child_is_met():
    actions = [
        action("Enrol at college", **TOLD),
        action("Bursary form"),  # one plan B covers the arrangement, not one per action
        action(pathway_slug="accommodation", is_closed=True, **TOLD),  # a confirmed address
    ]
    found = ind.plans_b_told(facts(plan_facts=plan(actions=actions)))
    assert found.status == MET
    assert found.reason == (
        "Accommodation and education, training or employment each have a plan B that Jay has "
        "been told."
    )


def test_one_key_arrangement_with_a_plan_b_told_is_met_in_the_singular():
    found = ind.plans_b_told(facts(plan_facts=plan(actions=[action(**TOLD)])))
    assert found.status == MET
    assert found.reason == (
        "Education, training or employment has a plan B that Jay has been told."
    )


def test_a_plan_b_not_yet_told_to_the_child_is_partly_and_links_to_it():
    untold = action("Supported lodgings", pathway_slug="accommodation", has_plan_b=True)
    the_facts = facts(plan_facts=plan(actions=[untold]))
    found = ind.plans_b_told(the_facts)
    assert found.status == PARTLY
    assert found.reason == "The plan B for “Supported lodgings” has not been told to Jay."
    assert found.fix.url == url("plans:contingency", the_facts, untold.public_id)


def test_a_key_arrangement_without_a_plan_b_is_named_with_the_action_to_add_it_to():
    done = action("Old hostel place", pathway_slug="accommodation", is_closed=True)
    open_one = action("Supported lodgings", pathway_slug="accommodation")
    the_facts = facts(plan_facts=plan(actions=[action(**TOLD), done, open_one]))
    found = ind.plans_b_told(the_facts)
    assert found.status == PARTLY
    assert found.reason == "Accommodation has no plan B yet. Add one to “Supported lodgings”."
    assert found.fix.url == url("plans:contingency", the_facts, open_one.public_id)


def test_no_plan_b_for_any_key_arrangement_is_not_yet():
    found = ind.plans_b_told(facts(plan_facts=plan(actions=[ACCOMMODATION, COLLEGE])))
    assert found.status == NOT_YET
    assert found.reason == "Accommodation has no plan B yet. Add one to “Supported lodgings”."
