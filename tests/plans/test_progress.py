"""Progress in custody: recorded by the establishment's practitioner or the case worker, linked to
the child's goals, shown on the plan; a course not finished carries on after release."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.actors import Actor
from resettle.audit.models import AuditEvent
from resettle.children.services import record_legal_status
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.plans.models import CustodyProgress, PlanAction
from resettle.plans.services import change_progress, record_progress

from .factories import GoalFactory

pytestmark = pytest.mark.django_db


def a_course(actor_user, child, goal=None, **values):
    return record_progress(
        Actor(actor_user),
        child,
        kind=values.pop("kind", "course"),
        what=values.pop("what", "Motor vehicle level 1 in the workshop"),
        started_on=values.pop("started_on", today() - timedelta(days=20)),
        goal=goal,
        **values,
    )


def test_chloe_records_a_course_for_jay_linked_to_his_goal(chloe, shared_jay, jays_goal, feltham):
    progress = a_course(chloe, shared_jay, jays_goal, hours=30)
    assert progress.goal == jays_goal
    assert progress.organisation == feltham  # where: her establishment
    assert progress.recorded_by == chloe
    event = AuditEvent.objects.get(action="plan.progress_recorded")
    assert (event.child, event.actor, event.detail["goal"]) == (shared_jay, chloe, True)


def test_someone_who_may_only_read_cannot_record_progress(ben, camden_child, hackney):
    from tests.factories import share

    share(camden_child, hackney)
    with pytest.raises(PermissionDenied):
        a_course(ben, camden_child)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "nonsense"}, "kind"),
        ({"what": "   "}, "what"),
        ({"what": "x" * 301}, "what"),
        ({"started_on": None}, "started_on"),
        # Dates as days from today, worked out when the test runs (a run that crosses midnight
        # would otherwise test a date collected the day before).
        ({"started_on": 1}, "started_on"),
        ({"finished_on": -30}, "finished_on"),
        ({"hours": 0}, "hours"),
        ({"outcome": "x" * 301}, "outcome"),
    ],
)
def test_progress_that_breaks_a_rule_is_refused_and_nothing_is_saved(
    amara, camden_child, values, field
):
    values = {
        name: today() + timedelta(days=value)
        if name.endswith("_on") and isinstance(value, int)
        else value
        for name, value in values.items()
    }
    with pytest.raises(DomainError) as refused:
        a_course(amara, camden_child, **values)
    assert field in refused.value.errors
    assert not CustodyProgress.objects.for_child(camden_child).exists()


def test_a_goal_from_another_childs_plan_is_refused(amara, camden_child, hackney_child):
    from resettle.plans.models import Plan

    kemis = GoalFactory(plan=Plan.objects.create(child=hackney_child), text="Kemi's goal")
    with pytest.raises(DomainError) as refused:
        a_course(amara, camden_child, kemis)
    assert "goal" in refused.value.errors


def test_finishing_a_course_is_a_change_with_its_outcome(amara, camden_child, jays_goal):
    progress = a_course(amara, camden_child, jays_goal)
    change_progress(
        Actor(amara),
        camden_child,
        progress,
        finished_on=today(),
        outcome="Passed",
        certificate=True,
    )
    progress.refresh_from_db()
    assert (progress.finished_on, progress.outcome, progress.certificate) == (
        today(),
        "Passed",
        True,
    )
    event = AuditEvent.objects.get(action="plan.progress_changed")
    assert event.detail["fields"] == ["certificate", "finished_on", "outcome"]


def test_a_course_not_finished_carries_on_after_release_as_an_ete_action(
    amara, camden_child, jays_goal, feltham
):
    record_legal_status(
        Actor(amara),
        camden_child,
        status="sentenced_custody",
        sentence_type="dto",
        establishment=feltham,
        starts_on=today() - timedelta(days=60),
        expected_release_on=today(),
        notes="",
    )
    unfinished = a_course(amara, camden_child, jays_goal)
    finished = a_course(amara, camden_child, what="Food hygiene", finished_on=today())
    family = a_course(amara, camden_child, kind="family_contact", what="Calls with Mum")
    record_legal_status(
        Actor(amara),
        camden_child,
        status="released_licence",
        sentence_type="",
        establishment=None,
        starts_on=today(),
        expected_release_on=None,
        notes="",
    )
    carried = PlanAction.objects.for_child(camden_child).filter(pathway__slug="ete")
    action = carried.get(description__startswith="Carry on with")
    assert "Motor vehicle level 1 in the workshop" in action.description
    assert (
        action.child_words
        == "I will carry on with Motor vehicle level 1 in the workshop after I leave."
    )
    assert list(action.goals.all()) == [jays_goal]
    assert action.owner_person == amara
    unfinished.refresh_from_db()
    assert unfinished.carried_to == action
    for other in (finished, family):
        other.refresh_from_db()
        assert other.carried_to is None
    assert AuditEvent.objects.filter(action="plan.progress_carried").count() == 1


def test_progress_shows_on_the_plan_with_the_goal_it_builds_towards(
    client_for, chloe, shared_jay, jays_goal
):
    a_course(chloe, shared_jay, jays_goal, outcome="Half the units done")
    html = (
        client_for(chloe).get(reverse("plans:plan", args=[shared_jay.public_id])).content.decode()
    )
    section = html[html.index('id="progress"') :]
    assert "Motor vehicle level 1 in the workshop" in section
    assert "Get on the motor vehicle course at college" in section
    assert "Still going" in section


def test_recording_progress_through_the_page_keeps_values_on_error(
    client_for, chloe, shared_jay, jays_goal
):
    client = client_for(chloe)
    url = reverse("plans:progress-add", args=[shared_jay.public_id])
    response = client.post(url, {"kind": "course", "what": "Barbering", "started_on_day": "40"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and 'value="Barbering"' in html
    assert not CustodyProgress.objects.for_child(shared_jay).exists()
    day = today() - timedelta(days=3)
    response = client.post(
        url,
        {
            "kind": "course",
            "what": "Barbering",
            "started_on_day": day.day,
            "started_on_month": day.month,
            "started_on_year": day.year,
            "goal": jays_goal.pk,
        },
    )
    assert response.status_code == 302
    assert CustodyProgress.objects.for_child(shared_jay).get().goal == jays_goal


def test_an_action_without_words_for_the_child_is_prompted_on_the_plan(
    client_for, amara, camden_child, jays_action
):
    html = client_for(amara).get(reverse("plans:plan", args=[camden_child.public_id])).content
    assert "1 action has no words for Jay yet" in html.decode()
    PlanAction.objects.for_child(camden_child).update(child_words="I will go to college.")
    html = client_for(amara).get(reverse("plans:plan", args=[camden_child.public_id])).content
    assert "no words for Jay yet" not in html.decode()
    assert "“I will go to college.”" in html.decode()
