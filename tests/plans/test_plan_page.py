"""The plan page: the child's words first, then each pathway, then the agreement."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.plans.models import Agreement, Need, Pathway
from tests.factories import share

from .factories import ContingencyFactory, PlanActionFactory, pathway, status

pytestmark = pytest.mark.django_db


def plan_url(child):
    return reverse("plans:plan", args=[child.public_id])


def long_date(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def card(content: str, action) -> str:
    """The HTML of one action's summary card."""
    start = content.index(f'id="action-{action.public_id}"')
    end = content.find('<div class="govuk-summary-card"', start)
    return content[start : end if end != -1 else None]


def test_a_child_without_a_plan_shows_where_to_start(client_for, amara, camden_child):
    response = client_for(amara).get(plan_url(camden_child))
    assert response.status_code == 200
    assert response.context["plan"] is None
    content = response.content.decode()
    assert "Not written yet. Ask Jay “Who do you want to be?”" in content
    assert "Jay has not agreed the plan yet." in content
    assert reverse("plans:vision", args=[camden_child.public_id]) in content


def test_the_plan_page_shows_the_childs_words_first_then_pathways_in_order(
    client_for, amara, camden_child, jays_plan, jays_goal
):
    PlanActionFactory(plan=jays_plan, pathway=pathway("accommodation"), description="Housing")
    content = client_for(amara).get(plan_url(camden_child)).content.decode()
    vision = content.index("I want to be a mechanic")
    goal = content.index("Get on the motor vehicle course at college")
    headings = [
        content.index(p.child_friendly_name) for p in Pathway.objects.filter(is_active=True)
    ]
    assert vision < goal < headings[0]
    assert headings == sorted(headings)
    assert content.index("Agreement") > headings[-1]


def test_an_action_shows_what_who_when_status_goals_and_plan_b(
    client_for, amara, camden_child, jays_plan, jays_goal, camden
):
    action = PlanActionFactory(
        plan=jays_plan,
        description="Enrol on motor vehicle level 1",
        owner_person=amara,
        owner_organisation=camden,
        owner_name="",
        due_on=date(2026, 3, 4),
        status=status("blocked"),
        status_reason="Waiting for the education records",
        specific_service="Skills for Tomorrow College: motor vehicle level 1",
        goals=[jays_goal],
    )
    ContingencyFactory(
        action=action, plan_b="Workshop short course", child_told_on=date(2026, 2, 2)
    )
    content = client_for(amara).get(plan_url(camden_child)).content.decode()
    card_ = card(content, action)
    assert "Enrol on motor vehicle level 1" in card_
    assert "Amara Okafor, Camden Youth Justice Service" in card_
    assert "4 March 2026" in card_
    assert 'govuk-tag--red">Blocked' in card_
    assert "Waiting for the education records" in card_
    assert "Skills for Tomorrow College: motor vehicle level 1" in card_
    assert "“Get on the motor vehicle course at college”" in card_
    assert "Workshop short course" in card_
    assert "Told to the child on 2 February 2026" in card_


def test_a_plan_b_not_yet_told_and_an_action_without_goals_are_tagged(
    client_for, amara, camden_child, jays_plan
):
    action = PlanActionFactory(plan=jays_plan, due_on=None)
    ContingencyFactory(action=action, child_told_on=None)
    content = client_for(amara).get(plan_url(camden_child)).content.decode()
    assert "Not yet told to the child" in content
    assert "Not linked to a goal" in content
    assert "No date yet" in content


def test_structural_and_personal_support_are_shown_apart_under_their_pathway(
    client_for, amara, camden_child, jays_plan
):
    PlanActionFactory(plan=jays_plan, pathway=pathway("health"), description="CAMHS referral")
    PlanActionFactory(
        plan=jays_plan, pathway=pathway("health"), kind="personal", description="Boxing club"
    )
    Need.objects.create(plan=jays_plan, pathway=pathway("health"), description="Poor sleep")
    content = client_for(amara).get(plan_url(camden_child)).content.decode()
    health = content[content.index('id="pathway-health"') : content.index('id="pathway-substance')]
    assert health.index("Poor sleep") < health.index("Structural support")
    assert health.index("Structural support") < health.index("CAMHS referral")
    assert health.index("Personal support") < health.index("Boxing club")
    assert health.index("CAMHS referral") < health.index("Personal support")


def test_an_inactive_pathway_is_hidden_unless_the_plan_already_uses_it(
    client_for, amara, camden_child, jays_plan
):
    Pathway.objects.filter(slug="finance").update(is_active=False)
    Pathway.objects.filter(slug="substance-misuse").update(is_active=False)
    PlanActionFactory(plan=jays_plan, pathway=pathway("finance"), description="Bank account")
    content = client_for(amara).get(plan_url(camden_child)).content.decode()
    assert 'id="pathway-finance"' in content
    assert 'id="pathway-substance-misuse"' not in content


def test_the_latest_agreement_comes_first_with_earlier_ones_below(
    client_for, amara, camden_child, jays_plan
):
    earlier = today() - timedelta(days=100)
    latest = today() - timedelta(days=1)
    Agreement.objects.create(
        plan=jays_plan, agreed_on=earlier, how="custody_visit", child_comment="Earlier words"
    )
    Agreement.objects.create(
        plan=jays_plan,
        agreed_on=latest,
        how="meeting",
        child_comment="It's my plan, not just yours",
        recorded_by=amara,
    )
    content = client_for(amara).get(plan_url(camden_child)).content.decode()
    agreement = content[content.index('id="agreement"') :]
    assert agreement.index(long_date(latest)) < agreement.index("Earlier agreements")
    assert agreement.index("Earlier agreements") < agreement.index(long_date(earlier))
    assert "“It&#x27;s my plan, not just yours”" in agreement
    assert "In a meeting" in agreement
    assert agreement.index("Earlier agreements") < agreement.index("Earlier words")


def test_the_plan_page_links_to_its_history_and_has_a_place_for_the_5cs(
    client_for, amara, camden_child, jays_plan
):
    response = client_for(amara).get(plan_url(camden_child))
    assert reverse("plans:history", args=[camden_child.public_id]) in response.content.decode()
    assert "plans/_five_cs_slot.html" in [t.name for t in response.templates]


def test_the_plan_is_in_the_childs_sections(client_for, amara, camden_child):
    response = client_for(amara).get(reverse("children:detail", args=[camden_child.public_id]))
    assert plan_url(camden_child) in response.content.decode()
    response = client_for(amara).get(plan_url(camden_child))
    current = [s for s in response.context["child_nav"] if s.current]
    assert [s.key for s in current] == ["plan"]


def test_viewing_the_plan_is_audited(client_for, amara, camden_child):
    client_for(amara).get(plan_url(camden_child))
    event = AuditEvent.objects.get(action="child.viewed", child=camden_child)
    assert event.detail == {"section": "plan"}
    assert event.actor == amara


def test_people_who_may_only_read_see_no_change_links(
    client_for, ben, hackney, amara, camden_child, jays_plan, jays_action
):
    share(camden_child, hackney, amara)
    content = client_for(ben).get(plan_url(camden_child)).content.decode()
    assert "Enrol on motor vehicle level 1" in content
    assert reverse("plans:action-add", args=[camden_child.public_id]) not in content
    assert reverse("plans:goal-add", args=[camden_child.public_id]) not in content
    assert "Add plan B" not in content


def test_the_history_page_lists_changes_newest_first(client_for, amara, camden_child):
    client = client_for(amara)
    client.post(reverse("plans:goal-add", args=[camden_child.public_id]), {"text": "Be a chef"})
    client.post(
        reverse("plans:vision", args=[camden_child.public_id]),
        {"vision": "A chef with my own kitchen", "family_involved": "yes"},
    )
    response = client.get(reverse("plans:history", args=[camden_child.public_id]))
    changes = response.context["changes"]
    assert [c.what for c in changes][:2] == ["The plan", "Goal"]
    assert changes[0].fields == ["Who the child wants to be", "Family involved"]
    assert changes[0].who == amara
    assert AuditEvent.objects.filter(
        action="child.history_viewed", child=camden_child, detail={"section": "plan"}
    ).exists()
