"""The plan's forms: each rule's message, linked from the error summary; what was typed is kept;
a success banner; and the audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.plans.models import Agreement, Contingency, Goal, Need, Plan, PlanAction

from .factories import pathway, status

pytestmark = pytest.mark.django_db


def url(name, child, *ids):
    return reverse(f"plans:{name}", args=[child.public_id, *ids])


def date_fields(name, value):
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


def action_data(**overrides):
    data = {
        "pathway": pathway("ete").id,
        "kind": "structural",
        "description": "Enrol on motor vehicle level 1",
        "specific_service": "Skills for Tomorrow College: motor vehicle level 1",
        "owner_person": "",
        "owner_organisation": "",
        "owner_name": "",
        "status": status("not-started").id,
        "status_reason": "",
    }
    data.update(overrides)
    return data


def error_summary(response) -> str:
    content = response.content.decode()
    start = content.index('class="govuk-error-summary"')
    return content[start : content.index("</ul>", start)]


def banner(response) -> str:
    return [str(m) for m in response.context["messages"]][0]


# ---- Vision, adjustments and family -------------------------------------------------------------


def test_writing_the_vision_starts_the_plan_and_says_so(client_for, amara, camden_child):
    client = client_for(amara)
    assert client.get(url("vision", camden_child)).status_code == 200
    response = client.post(
        url("vision", camden_child),
        {
            "vision": "I want to be a mechanic",
            "adjustments": "Short meetings",
            "family_involved": "yes",
        },
        follow=True,
    )
    assert banner(response) == "The child's vision has been saved"
    plan = Plan.across_children.get(child=camden_child)
    assert (plan.vision, plan.adjustments, plan.family_involved) == (
        "I want to be a mechanic",
        "Short meetings",
        "yes",
    )
    assert plan.created_by == amara
    event = AuditEvent.objects.get(action="plan.changed")
    assert event.detail["fields"] == ["adjustments", "family_involved", "vision"]


def test_a_family_not_involved_needs_a_reason_and_what_was_typed_is_kept(
    client_for, amara, camden_child
):
    response = client_for(amara).post(
        url("vision", camden_child),
        {"vision": "I want to be a chef", "family_involved": "not_appropriate"},
    )
    assert response.status_code == 200
    summary = error_summary(response)
    assert 'href="#id_family_not_involved_reason"' in summary
    assert "Say why the family is not involved" in summary
    content = response.content.decode()
    assert "I want to be a chef</textarea>" in content
    assert 'value="not_appropriate" checked' in content
    assert not Plan.across_children.exists()  # nothing is started when the rules are broken


# ---- Goals --------------------------------------------------------------------------------------


def test_a_goal_needs_words(client_for, amara, camden_child):
    response = client_for(amara).post(url("goal-add", camden_child), {"text": "   "})
    assert "Write the goal in the child&#x27;s words" in error_summary(response)
    assert not Goal.across_children.exists()


def test_adding_goals_keeps_them_in_order(client_for, amara, camden_child):
    client = client_for(amara)
    for text in ["Get my CSCS card", "Live with my nan"]:
        response = client.post(url("goal-add", camden_child), {"text": text}, follow=True)
        assert banner(response) == "The goal has been added"
    plan = Plan.across_children.get(child=camden_child)
    assert [g.text for g in plan.goals.all()] == ["Get my CSCS card", "Live with my nan"]
    assert AuditEvent.objects.filter(action="plan.goal_added").count() == 2


def test_a_goal_the_child_has_moved_on_from_is_kept_but_not_offered(
    client_for, amara, camden_child, jays_plan, jays_goal
):
    client = client_for(amara)
    response = client.post(
        url("goal-edit", camden_child, jays_goal.public_id),
        {"text": jays_goal.text, "still_a_goal": "no"},
        follow=True,
    )
    assert banner(response) == "The goal has been saved"
    jays_goal.refresh_from_db()
    assert not jays_goal.is_active
    form = client.get(url("action-add", camden_child)).context["form"]
    assert list(form.fields["goals"].queryset) == []
    assert (
        "Goals the child has moved on from"
        in client.get(url("plan", camden_child)).content.decode()
    )


def test_a_goal_of_another_child_is_not_found(client_for, amara, camden_child, camden):
    from tests.factories import ChildFactory

    other = ChildFactory(owning_service=camden)
    goal = Goal.objects.create(plan=Plan.objects.create(child=other), text="Other")
    response = client_for(amara).get(url("goal-edit", camden_child, goal.public_id))
    assert response.status_code == 404


# ---- Needs --------------------------------------------------------------------------------------


def test_adding_a_need_under_a_pathway(client_for, amara, camden_child):
    client = client_for(amara)
    response = client.get(url("need-add", camden_child) + "?pathway=accommodation")
    assert response.context["form"].initial["pathway"] == pathway("accommodation")
    response = client.post(url("need-add", camden_child), {"pathway": "", "description": ""})
    summary = error_summary(response)
    assert "Choose a pathway" in summary and "Describe the need" in summary
    response = client.post(
        url("need-add", camden_child),
        {"pathway": pathway("accommodation").id, "description": "No address for release"},
        follow=True,
    )
    assert banner(response) == "The need has been added"
    assert Need.across_children.get().description == "No address for release"


# ---- Actions ------------------------------------------------------------------------------------


def test_an_action_needs_someone_to_do_it_and_keeps_what_was_typed(client_for, amara, camden_child):
    response = client_for(amara).post(url("action-add", camden_child), action_data())
    assert response.status_code == 200
    summary = error_summary(response)
    assert "Say who will do this" in summary
    assert 'href="#id_owner_person"' in summary
    content = response.content.decode()
    assert "Enrol on motor vehicle level 1</textarea>" in content
    assert 'value="Skills for Tomorrow College: motor vehicle level 1"' in content
    assert 'value="structural" checked' in content
    assert not PlanAction.across_children.exists()
    assert not Plan.across_children.exists()


def test_a_new_action_cannot_be_due_in_the_past(client_for, amara, camden_child):
    yesterday = today() - timedelta(days=1)
    response = client_for(amara).post(
        url("action-add", camden_child),
        action_data(owner_name="Aunt Grace", **date_fields("due_on", yesterday)),
    )
    summary = error_summary(response)
    assert "The due date must be today or in the future" in summary
    assert 'href="#due_on_day"' in summary
    assert f'value="{yesterday.day}"' in response.content.decode()
    assert 'value="Aunt Grace"' in response.content.decode()


def test_a_blocked_or_dropped_action_needs_a_reason(client_for, amara, camden_child):
    client = client_for(amara)
    for slug, name in [("blocked", "blocked"), ("dropped", "dropped")]:
        response = client.post(
            url("action-add", camden_child),
            action_data(owner_name="Aunt Grace", status=status(slug).id),
        )
        assert f"Say why this action is {name}" in error_summary(response)
        assert 'href="#id_status_reason"' in error_summary(response)
    assert not PlanAction.across_children.exists()


def test_a_due_date_that_is_not_a_real_date_is_explained(client_for, amara, camden_child):
    response = client_for(amara).post(
        url("action-add", camden_child),
        action_data(owner_name="Aunt Grace", due_on_day="31", due_on_month="2", due_on_year="2030"),
    )
    assert "The due date must be a real date" in error_summary(response)


def test_adding_an_action_with_an_owner_date_and_goals(
    client_for, amara, camden_child, jays_plan, jays_goal
):
    due = today() + timedelta(days=14)
    client = client_for(amara)
    form = client.get(url("action-add", camden_child) + "?pathway=ete&kind=personal").context[
        "form"
    ]
    assert form.initial["kind"] == "personal"
    assert form.initial["status"] == status("not-started")
    response = client.post(
        url("action-add", camden_child),
        action_data(owner_person=amara.id, goals=[jays_goal.id], **date_fields("due_on", due)),
        follow=True,
    )
    assert banner(response) == "The action has been added"
    action = PlanAction.across_children.get()
    assert action.owner_person == amara
    assert action.due_on == due
    assert list(action.goals.all()) == [jays_goal]
    assert response.redirect_chain[-1][0].endswith(f"#action-{action.public_id}")
    event = AuditEvent.objects.get(action="plan.action_added")
    assert event.detail["goals"] == 1 and event.detail["pathway"] == "ete"


def test_owners_offered_are_the_childs_service_and_organisations_it_is_shared_with(
    client_for, amara, priya, ben, chloe, sam, camden_child, shared_jay
):
    form = client_for(amara).get(url("action-add", camden_child)).context["form"]
    people = set(form.fields["owner_person"].queryset)
    assert {amara, priya, chloe, sam} <= people
    assert ben not in people
    organisations = {o.slug for o in form.fields["owner_organisation"].queryset}
    assert {"camden", "feltham", "camden-childrens-social-care", "hackney"} <= organisations
    assert "london-resettlement-partnership" not in organisations


def test_changing_an_action_to_blocked_needs_a_reason_then_saves(
    client_for, amara, camden_child, jays_action, jays_goal
):
    client = client_for(amara)
    edit = url("action-edit", camden_child, jays_action.public_id)
    form = client.get(edit).context["form"]
    assert form.initial["description"] == "Enrol on motor vehicle level 1"
    assert form.initial["goals"] == [jays_goal]
    data = action_data(owner_name="Aunt Grace", status=status("blocked").id, goals=[jays_goal.id])
    response = client.post(edit, data)
    assert "Say why this action is blocked" in error_summary(response)
    data["status_reason"] = "Waiting for the education records"
    response = client.post(edit, data, follow=True)
    assert banner(response) == "The action has been saved"
    jays_action.refresh_from_db()
    assert jays_action.status.slug == "blocked"
    assert jays_action.status_reason == "Waiting for the education records"
    event = AuditEvent.objects.get(action="plan.action_changed")
    assert event.detail["fields"] == ["specific_service", "status", "status_reason"]


def test_an_existing_action_keeps_its_past_due_date_when_changed(
    client_for, amara, camden_child, jays_action
):
    past = today() - timedelta(days=20)
    PlanAction.across_children.filter(id=jays_action.id).update(due_on=past)
    response = client_for(amara).post(
        url("action-edit", camden_child, jays_action.public_id),
        action_data(
            owner_name="Aunt Grace", status=status("done").id, **date_fields("due_on", past)
        ),
    )
    assert response.status_code == 302
    jays_action.refresh_from_db()
    assert jays_action.status.slug == "done"


def test_an_action_of_another_child_is_not_found(client_for, amara, camden_child, camden):
    from tests.factories import ChildFactory

    from .factories import PlanActionFactory

    other = PlanActionFactory(plan=Plan.objects.create(child=ChildFactory(owning_service=camden)))
    assert (
        client_for(amara).get(url("action-edit", camden_child, other.public_id)).status_code == 404
    )
    assert (
        client_for(amara).get(url("contingency", camden_child, other.public_id)).status_code == 404
    )


# ---- Plan B -------------------------------------------------------------------------------------


def test_plan_b_needs_words_and_a_told_date_not_in_the_future(
    client_for, amara, camden_child, jays_action
):
    tomorrow = today() + timedelta(days=1)
    response = client_for(amara).post(
        url("contingency", camden_child, jays_action.public_id),
        {"plan_b": "", **date_fields("child_told_on", tomorrow)},
    )
    summary = error_summary(response)
    assert "Say what will happen if this falls through" in summary
    response = client_for(amara).post(
        url("contingency", camden_child, jays_action.public_id),
        {"plan_b": "Workshop short course", **date_fields("child_told_on", tomorrow)},
    )
    summary = error_summary(response)
    assert "The date the child was told must be today or in the past" in summary
    assert 'href="#child_told_on_day"' in summary
    assert "Workshop short course</textarea>" in response.content.decode()
    assert not Contingency.across_children.exists()


def test_plan_b_is_recorded_then_the_telling_is_added_later(
    client_for, amara, camden_child, jays_action
):
    client = client_for(amara)
    contingency_url = url("contingency", camden_child, jays_action.public_id)
    response = client.post(contingency_url, {"plan_b": "Workshop short course"}, follow=True)
    assert banner(response) == "Plan B has been saved"
    assert "Not yet told to the child" in response.content.decode()
    told = today() - timedelta(days=2)
    client.post(
        contingency_url, {"plan_b": "Workshop short course", **date_fields("child_told_on", told)}
    )
    contingency = Contingency.across_children.get()
    assert contingency.child_told_on == told
    assert contingency.history.count() == 2
    content = client.get(url("plan", camden_child)).content.decode()
    assert f"Told to the child on {told.day} {told:%B %Y}" in content
    events = AuditEvent.objects.filter(action="plan.contingency_recorded").order_by("id")
    assert [e.detail["told"] for e in events] == [False, True]


# ---- Agreement ----------------------------------------------------------------------------------


def test_the_agreement_needs_a_date_not_in_the_future_and_how(client_for, amara, camden_child):
    client = client_for(amara)
    response = client.post(url("agreement-add", camden_child), {"child_comment": "Yeah"})
    summary = error_summary(response)
    assert "Enter the date the child agreed the plan" in summary
    assert "Say how the child agreed the plan" in summary
    assert "Yeah</textarea>" in response.content.decode()
    response = client.post(
        url("agreement-add", camden_child),
        {"how": "meeting", **date_fields("agreed_on", today() + timedelta(days=3))},
    )
    assert "The date the plan was agreed must be today or in the past" in error_summary(response)
    assert not Agreement.across_children.exists()


def test_recording_the_childs_agreement_in_their_words(client_for, amara, camden_child):
    response = client_for(amara).post(
        url("agreement-add", camden_child),
        {
            "how": "custody_visit",
            "child_comment": "It's my plan, not just yours",
            **date_fields("agreed_on", today()),
        },
        follow=True,
    )
    assert banner(response) == "The child's agreement has been recorded"
    agreement = Agreement.across_children.get()
    assert agreement.recorded_by == amara
    assert agreement.child_comment == "It's my plan, not just yours"
    assert "On a custody visit" in response.content.decode()
    assert AuditEvent.objects.get(action="plan.agreed").detail["with_comment"] is True


# ---- Viewing a form is a view of the record ----------------------------------------------------


def test_opening_a_plan_form_is_audited_as_a_view(client_for, amara, camden_child):
    client_for(amara).get(url("vision", camden_child))
    event = AuditEvent.objects.get(action="child.viewed")
    assert event.detail == {"section": "plan-edit"}
