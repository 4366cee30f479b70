"""The child's version of the plan: their words for each action (or the worker's, in plain words),
what they have done, how to reach their worker, when they said yes and what changed since; and no
staff banner in child mode."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.accounts.models import ChildContact, Organisation, User
from resettle.childview.glossary import plain
from resettle.core.dates import today
from resettle.plans.models import Agreement, CustodyProgress, Goal, Plan, PlanAction

from .test_my_plan import my_plan_url, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("service_words", "child_words"),
    [
        (
            "CAMHS assessment before release",
            "A meeting with a mental health worker before you leave",
        ),
        ("Release preparation meeting", "A meeting to get ready for leaving"),
        (
            "Referral to North London CAMHS for sleep",
            "Ask for help from North London CAMHS (the mental health team) for sleep",
        ),
        ("Register with a GP", "Register with a doctor"),
        ("Who meets the child at the gate", "Who meets you at the gate"),
        ("Find ETE for the child's release", "Find school, training or work for your release"),
    ],
)
def test_the_glossary_puts_service_words_plainly(service_words, child_words):
    assert plain(service_words) == child_words


def test_my_plan_shows_the_childs_words_for_an_action_or_else_plain_words(
    client_for, amara, camden_child, jays_plan
):
    college = PlanAction.objects.for_child(camden_child).get(description__startswith="Enrol")
    PlanAction.objects.for_child(camden_child).filter(pk=college.pk).update(
        child_words="I will start the motor vehicle course."
    )
    PlanAction.objects.for_child(camden_child).filter(description__startswith="Find a room").update(
        description="Confirm accommodation for the child on release"
    )
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "I will start the motor vehicle course." in text
    assert "Enrol on motor vehicle level 1" not in text
    assert "Confirm a place to live for you when you leave" in text


def test_what_ive_done_shows_progress_in_custody_with_the_goal(
    client_for, amara, camden_child, jays_plan
):
    goal = Goal.objects.for_child(camden_child).get(text__startswith="Get on the motor")
    CustodyProgress.objects.create(
        child=camden_child,
        kind="qualification",
        what="Food hygiene level 2",
        started_on=today() - timedelta(days=30),
        finished_on=today() - timedelta(days=2),
        outcome="Passed",
        certificate=True,
        goal=goal,
    )
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    section = text[text.index("What I've done") : text.index("What is happening to help")]
    assert "A qualification: Food hygiene level 2" in section
    assert "How it went: Passed" in section
    assert "I got a certificate." in section
    assert "This helps me with: Get on the motor vehicle course" in section


def test_who_is_helping_says_how_to_reach_the_main_worker_as_the_service_chooses(
    client_for, amara, camden_child, jays_plan, camden
):
    User.objects.filter(pk=amara.pk).update(work_phone="020 7946 0101")
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "Phone: 020 7946 0101" in text
    assert "Email: amara@camden.test" in text
    Organisation.objects.filter(pk=camden.pk).update(contact_for_children=ChildContact.PHONE)
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "Phone: 020 7946 0101" in text
    assert "amara@camden.test" not in text
    Organisation.objects.filter(pk=camden.pk).update(contact_for_children=ChildContact.NONE)
    assert "020 7946 0101" not in text_of(client_for(amara).get(my_plan_url(camden_child)))


def test_my_plan_says_when_i_said_yes_and_what_changed_since(
    client_for, amara, camden_child, jays_plan
):
    from resettle.audit.actors import Actor
    from resettle.plans.services import add_goal, agree_plan

    agreed_on = today() - timedelta(days=5)
    agree_plan(Actor(amara), camden_child, agreed_on=agreed_on, how="meeting", child_comment="")
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert f"I said yes to this plan on {agreed_on:%-d %B %Y}." in text
    assert "Nothing has changed since then." in text
    add_goal(Actor(amara), camden_child, text="Pass my driving test")
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "Some things have changed since then." in text
    assert "Pass my driving test" in text


def test_a_child_who_has_not_said_yes_is_told_their_worker_will_go_through_it(
    client_for, amara, camden_child, jays_plan
):
    assert not Agreement.objects.for_child(camden_child).exists()
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "You have not said yes to this plan yet." in text


def test_child_mode_shows_no_staff_banner(client_for, amara, camden_child, jays_plan):
    client = client_for(amara)
    assert "govuk-phase-banner" in client.get(my_plan_url(camden_child)).content.decode()
    client.post(reverse("childview:child-mode-start", args=[camden_child.public_id]))
    html = client.get(reverse("childview:child-mode")).content.decode()
    assert "govuk-phase-banner" not in html
    assert "Demo data is synthetic" not in html
    assert "Alpha" not in html


def test_my_plans_queries_stay_fixed_with_progress_and_an_agreement(
    client_for, amara, camden_child, jays_plan
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(amara)
    url = my_plan_url(camden_child)
    Agreement.objects.create(
        plan=Plan.objects.for_child(camden_child).get(), agreed_on=today(), how="meeting"
    )
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(5):
        CustodyProgress.objects.create(
            child=camden_child, kind="course", what=f"Course {n}", started_on=today()
        )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
