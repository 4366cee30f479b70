"""The plan's service functions: one plan per child, carried through; history and audit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent
from resettle.children.models import LegalStatus, LegalStatusEpisode
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.plans import services
from resettle.plans.models import ActionKind, Plan, PlanAction
from resettle.plans.queries import plan_history
from tests.factories import share

from .factories import GoalFactory, pathway, status

pytestmark = pytest.mark.django_db


def request_by(user):
    return Actor(user, via=WEB)


def test_starting_a_plan_twice_gives_the_same_plan(camden_child, amara):
    first = services.get_or_start_plan(camden_child, by=amara)
    second = services.get_or_start_plan(camden_child)
    assert first.pk == second.pk
    assert Plan.across_children.filter(child=camden_child).count() == 1
    assert first.created_by == amara


def test_a_child_cannot_have_a_second_plan(camden_child):
    Plan.objects.create(child=camden_child)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(child=camden_child)


def test_the_plan_is_carried_from_custody_to_community(camden_child, amara, feltham):
    plan = services.get_or_start_plan(camden_child, by=amara)
    services.add_goal(request_by(amara), plan.child, text="Be a mechanic")
    for status_, starts in [
        (LegalStatus.SENTENCED_CUSTODY, today() - timedelta(days=90)),
        (LegalStatus.RELEASED_LICENCE, today()),
    ]:
        LegalStatusEpisode.objects.create(
            child=camden_child,
            status=status_,
            starts_on=starts,
            establishment=feltham if status_ == LegalStatus.SENTENCED_CUSTODY else None,
        )
    again = services.get_or_start_plan(camden_child)
    assert again.pk == plan.pk
    assert [g.text for g in again.goals.all()] == ["Be a mechanic"]


def test_adding_an_action_with_goals_writes_one_history_record_with_its_goals(camden_child, amara):
    plan = services.get_or_start_plan(camden_child)
    goal = GoalFactory(plan=plan)
    action = services.add_action(
        request_by(amara),
        plan.child,
        pathway=pathway("ete"),
        kind=ActionKind.STRUCTURAL,
        description="Enrol at college",
        owner_person=amara,
        goals=[goal],
    )
    records = list(action.history.all())
    assert len(records) == 1
    assert records[0].history_type == "+"
    assert records[0].history_user == amara
    assert [row.goal_id for row in records[0].goals.all()] == [goal.id]
    assert action.status.slug == "not-started"  # the first open status by default


def test_changing_an_actions_goals_is_one_change_in_its_history(camden_child, amara):
    plan = services.get_or_start_plan(camden_child)
    first, second = GoalFactory(plan=plan), GoalFactory(plan=plan)
    action = services.add_action(
        request_by(amara),
        plan.child,
        pathway=pathway("ete"),
        kind=ActionKind.STRUCTURAL,
        description="Enrol at college",
        owner_name="Aunt Grace",
        goals=[first],
    )
    services.change_action(
        request_by(amara), action.plan.child, action, goals=[second], status=status("in-progress")
    )
    assert action.history.count() == 2
    newest = action.history.first()
    assert [row.goal_id for row in newest.goals.all()] == [second.id]
    changes = plan_history(plan)
    assert changes[0].what == "Action"
    assert set(changes[0].fields) == {"Status", "Goals it helps with"}
    event = AuditEvent.objects.filter(action="plan.action_changed").get()
    assert event.detail["fields"] == ["goals", "status"]


def test_changing_nothing_writes_no_history_but_is_still_audited(camden_child, amara):
    plan = services.get_or_start_plan(camden_child)
    action = services.add_action(
        request_by(amara),
        plan.child,
        pathway=pathway("ete"),
        kind=ActionKind.PERSONAL,
        description="Mentor",
        owner_name="Coach Marcus",
    )
    services.change_action(
        request_by(amara), action.plan.child, action, description="Mentor", goals=[]
    )
    assert action.history.count() == 1
    assert AuditEvent.objects.filter(action="plan.action_changed").get().detail["fields"] == []


def test_several_broken_rules_are_reported_together(camden_child, amara):
    plan = services.get_or_start_plan(camden_child)
    with pytest.raises(DomainError) as caught:
        services.add_action(
            request_by(amara),
            plan.child,
            pathway=pathway("ete"),
            kind=ActionKind.STRUCTURAL,
            description="Enrol at college",
            due_on=today() - timedelta(days=1),
            status=status("blocked"),
        )
    assert caught.value.errors == {
        "owner_person": "Say who will do this",
        "due_on": "The due date must be today or in the future",
        "status_reason": "Say why this action is blocked",
    }
    assert not PlanAction.across_children.exists()


def test_a_goal_from_another_childs_plan_is_refused(camden_child, amara, camden):
    from tests.factories import ChildFactory

    other_plan = services.get_or_start_plan(ChildFactory(owning_service=camden))
    plan = services.get_or_start_plan(camden_child)
    with pytest.raises(DomainError, match="Choose goals from this child's plan"):
        services.add_action(
            request_by(amara),
            plan.child,
            pathway=pathway("ete"),
            kind=ActionKind.STRUCTURAL,
            description="Enrol at college",
            owner_name="Aunt Grace",
            goals=[GoalFactory(plan=other_plan)],
        )


def test_a_person_outside_the_childs_service_and_shares_cannot_own_an_action(
    camden_child, amara, ben, chloe, feltham
):
    plan = services.get_or_start_plan(camden_child)
    values = {
        "pathway": pathway("ete"),
        "kind": ActionKind.STRUCTURAL,
        "description": "Education records",
    }
    with pytest.raises(DomainError, match="Choose someone from the child's service"):
        services.add_action(request_by(amara), plan.child, owner_person=ben, **values)
    with pytest.raises(DomainError):
        services.add_action(request_by(amara), plan.child, owner_person=chloe, **values)
    share(camden_child, feltham, amara)
    action = services.add_action(request_by(amara), plan.child, owner_person=chloe, **values)
    assert action.owner_person == chloe


def test_an_existing_action_may_keep_a_past_due_date(camden_child, amara):
    plan = services.get_or_start_plan(camden_child)
    action = services.add_action(
        request_by(amara),
        plan.child,
        pathway=pathway("ete"),
        kind=ActionKind.STRUCTURAL,
        description="Enrol at college",
        owner_name="Aunt Grace",
        due_on=today(),
    )
    PlanAction.across_children.filter(id=action.id).update(due_on=today() - timedelta(days=10))
    action.refresh_from_db()
    services.change_action(request_by(amara), action.plan.child, action, status=status("done"))
    action.refresh_from_db()
    assert action.status.slug == "done"
    assert action.due_on == today() - timedelta(days=10)


def test_a_reason_is_dropped_when_the_status_no_longer_needs_one(camden_child, amara):
    plan = services.get_or_start_plan(camden_child)
    action = services.add_action(
        request_by(amara),
        plan.child,
        pathway=pathway("ete"),
        kind=ActionKind.STRUCTURAL,
        description="Enrol at college",
        owner_name="Aunt Grace",
        status=status("blocked"),
        status_reason="Waiting for records",
    )
    services.change_action(
        request_by(amara), action.plan.child, action, status=status("in-progress")
    )
    action.refresh_from_db()
    assert action.status_reason == ""


def test_a_youth_justice_service_with_a_handover_share_cannot_change_the_plan(
    camden_child, ben, hackney, amara
):
    share(camden_child, hackney, amara)
    plan = services.get_or_start_plan(camden_child)
    with pytest.raises(PermissionDenied):
        services.add_goal(request_by(ben), plan.child, text="Be a mechanic")
    assert not plan.goals.exists()


def test_every_change_is_audited_with_the_child(camden_child, amara):
    request = request_by(amara)
    plan = services.get_or_start_plan(camden_child)
    services.set_vision(request, plan.child, vision="Be a mechanic", family_involved="yes")
    goal = services.add_goal(request, plan.child, text="Get on the course")
    services.change_goal(
        request, goal.plan.child, goal, text="Get on the motor vehicle course", is_active=True
    )
    services.add_need(request, plan.child, pathway=pathway("ete"), description="No college place")
    action = services.add_action(
        request,
        plan.child,
        pathway=pathway("ete"),
        kind=ActionKind.STRUCTURAL,
        description="Enrol",
        owner_name="Aunt Grace",
    )
    services.change_action(request, action.plan.child, action, description="Enrol on level 1")
    services.record_contingency(
        request, action.plan.child, action, plan_b="Short course", child_told_on=today()
    )
    services.agree_plan(request, plan.child, agreed_on=today(), how="meeting", child_comment="Yes")
    events = AuditEvent.objects.filter(child=camden_child).order_by("id")
    assert [e.action for e in events] == [
        "plan.changed",
        "plan.goal_added",
        "plan.goal_changed",
        "plan.need_added",
        "plan.action_added",
        "plan.action_changed",
        "plan.contingency_recorded",
        "plan.agreed",
    ]
    assert all(e.actor == amara for e in events)
    # The audit says what changed, not what the child said.
    assert "Be a mechanic" not in str([e.detail for e in events])
    assert events[0].action_display == "Changed the plan"


def test_deleting_the_childs_record_at_the_end_of_retention_removes_the_plan_and_its_history(
    camden_child, amara
):
    from resettle.plans.models import Agreement, Contingency, Goal, Need
    from resettle.privacy.retention import delete

    request = request_by(amara)
    plan = services.get_or_start_plan(camden_child)
    services.set_vision(request, plan.child, vision="Be a mechanic")
    goal = services.add_goal(request, plan.child, text="Get on the course")
    services.add_need(request, plan.child, pathway=pathway("ete"), description="No college place")
    action = services.add_action(
        request,
        plan.child,
        pathway=pathway("ete"),
        kind=ActionKind.STRUCTURAL,
        description="Enrol",
        owner_name="Aunt Grace",
        goals=[goal],
    )
    services.record_contingency(request, action.plan.child, action, plan_b="Short course")
    services.agree_plan(request, plan.child, agreed_on=today(), how="meeting", child_comment="Yes")
    delete(camden_child)
    for model in (Plan, Goal, Need, PlanAction, Contingency, Agreement):
        assert not model.across_children.exists(), model
        assert not model.history.exists(), model
