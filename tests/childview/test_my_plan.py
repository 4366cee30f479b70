"""My plan: the child's plan in plain words, their own words first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.voice.models import VoiceEntry

pytestmark = pytest.mark.django_db


def my_plan_url(child) -> str:
    return reverse("childview:my-plan", args=[child.public_id])


def text_of(response) -> str:
    """The page's visible words, tags stripped and spaces squeezed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace("&#x27;", "'")
    return re.sub(r" ([:;,.])", r"\1", text)


def test_my_plan_puts_jays_own_words_first_then_what_is_happening_by_theme(
    client_for, amara, camden_child, jays_words, jays_plan
):
    response = client_for(amara).get(my_plan_url(camden_child))
    assert response.status_code == 200
    text = text_of(response)
    order = [
        "Who I am",
        "I'm a good big brother",
        "Who I want to be",
        "Work in a garage",  # once: the plan keeps who Jay wants to be (issue 10)
        "My strengths",
        "Good with my hands",
        "I can fix bikes",
        "How I'll get there",
        "Go to college and keep my head down",
        "My goals",
        "Get on the motor vehicle course",
        "What is happening to help",
        "Somewhere to live",
        "Find a room at Hope House supported lodgings",
        "School, training and work",
        "Enrol on motor vehicle level 1",
        "Family and people who matter",
        "Who is helping",
        "If something falls through",
        "Important dates",
    ]
    positions = [text.index(words) for words in order]
    assert positions == sorted(positions), "sections are out of order"


def test_my_plan_speaks_plainly_about_how_each_action_is_going(
    client_for, amara, camden_child, jays_plan
):
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "How it is going: Happening now" in text
    assert "How it is going: Not started yet" in text
    assert "This helps me with: Get on the motor vehicle course" in text
    assert "Who is doing it: Amara Okafor" in text
    # The pathways' staff names stay on the staff plan.
    assert "Education, training and employment" not in text
    assert "Accommodation" not in text


def test_a_dropped_action_is_not_on_my_plan(client_for, amara, camden_child, jays_plan):
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "Open a bank account" not in text
    assert "Money" not in text


def test_my_plan_says_who_is_helping_what_happens_if_something_falls_through_and_key_dates(
    client_for, amara, camden_child, jays_plan, jays_dates
):
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "Amara Okafor: Your main worker, at Camden Youth Justice Service" in text
    assert "Aunt Grace: Helping with: Family and people who matter" in text
    assert "Sam Mensah: Social worker" in text
    assert "Plan B: Stay with Aunt Grace for two weeks" in text
    assert "Plan B: Start the Princes Trust course instead" in text
    assert "The day I should leave custody " + date_format(jays_dates, "j F Y") in text
    assert "Who will meet me Amara and Aunt Grace" in text
    assert "How I will travel Amara drives you home" in text
    assert "My first appointment Camden YJS, 2pm on the day you leave" in text
    review_by = date_format(today() + timedelta(days=10), "j F Y")
    # The meeting's name in plain words (childview.glossary), not the service's "Review meeting".
    assert f"My next meeting A meeting to see how your plan is going, by {review_by}" in text


def test_a_child_with_no_plan_yet_gets_plain_words_about_what_happens_next(
    client_for, amara, camden_child
):
    text = text_of(client_for(amara).get(my_plan_url(camden_child)))
    assert "You have not answered the four questions yet" in text
    assert "Nothing is written down yet. Ask your worker what will happen next." in text
    assert "There is no plan B written down yet." in text
    assert "There are no dates yet." in text


def test_viewing_my_plan_is_audited(client_for, amara, camden_child):
    client_for(amara).get(my_plan_url(camden_child))
    event = AuditEvent.objects.get(action="child.viewed")
    assert event.child == camden_child
    assert event.actor == amara
    assert event.detail == {"section": "my-plan"}


def test_hackney_worker_cannot_see_jays_plan(client_for, ben, camden_child):
    assert client_for(ben).get(my_plan_url(camden_child)).status_code == 404
    assert not AuditEvent.objects.filter(action="child.viewed").exists()


def test_a_partner_sees_only_the_words_jay_agreed_to_share(
    client_for, sam, amara, shared_jay, jays_words
):
    client = client_for(sam)
    text = text_of(client.get(my_plan_url(shared_jay)))
    assert "I'm a good big brother" not in text
    assert "You have not answered the four questions yet" in text

    VoiceEntry.across_children.filter(pk=jays_words.pk).update(share_with_partners=True)
    text = text_of(client.get(my_plan_url(shared_jay)))
    assert "I'm a good big brother" in text


def test_my_plan_is_in_the_childs_sections_and_offers_printing_and_child_mode(
    client_for, amara, camden_child
):
    html = client_for(amara).get(my_plan_url(camden_child)).content.decode()
    assert f'href="{my_plan_url(camden_child)}" aria-current="page">My plan<' in html
    assert reverse("childview:my-plan-pdf", args=[camden_child.public_id]) in html
    assert reverse("childview:child-mode-start", args=[camden_child.public_id]) in html


def test_someone_who_only_reads_the_record_is_not_offered_child_mode(
    client_for, ben, camden_child, hackney, amara
):
    from resettle.access.models import Share

    Share.objects.create(
        child=camden_child, organisation=hackney, purpose="Handover", ends_on=today() + timedelta(1)
    )
    html = client_for(ben).get(my_plan_url(camden_child)).content.decode()
    assert "Start child mode" not in html


def test_my_plans_queries_do_not_grow_with_the_plan(
    client_for, amara, camden_child, jays_words, jays_plan, jays_dates
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from resettle.plans.models import ActionStatus, Contingency, Goal, Pathway, PlanAction

    client = client_for(amara)
    url = my_plan_url(camden_child)
    client.get(url)  # the session and the like, loaded once

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    goal = Goal.objects.create(plan=jays_plan, text="Pass my driving test", order=3)
    for n, slug in enumerate(["health", "substance-misuse", "case-management", "ete"]):
        action = PlanAction.objects.create(
            plan=jays_plan,
            pathway=Pathway.objects.get(slug=slug),
            kind="personal",
            description=f"More help {n}",
            owner_person=amara,
            status=ActionStatus.objects.get(slug="in-progress"),
        )
        action.goals.set([goal])
        Contingency.objects.create(action=action, plan_b=f"Another way {n}")
    assert count() == before
