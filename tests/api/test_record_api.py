"""The parts of a child's record over the API: plan actions, touchpoints, meetings, notes and the
child's words, through the same services and policy as the pages, audited as API access."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.journey.models import Meeting, Touchpoint
from resettle.notes.models import CaseNote
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import Goal, Plan, PlanAction
from resettle.voice.models import VoiceEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pathways_and_statuses(db):
    ensure_defaults()


def url(name, child, *more):
    return reverse(f"api:{name}", args=[child.public_id, *more])


ACTION = {
    "pathway": "ete",
    "kind": "structural",
    "description": "Enrol at college",
    "owner_name": "Skills for Tomorrow College",
}


def test_an_action_is_added_to_the_plan_with_its_goal_and_its_status_changed(
    api_for, amara, camden_child
):
    api = api_for(amara)
    plan = Plan.objects.create(child=camden_child)
    goal = Goal.objects.create(plan=plan, text="Be a mechanic")
    added = api.post(url("plan-actions", camden_child), {**ACTION, "goals": [str(goal.public_id)]})
    assert added.status_code == 201, added.json()
    assert added.json()["goals"] == [str(goal.public_id)]
    assert added.json()["status"] == "not-started"
    action_url = url("plan-action", camden_child, added.json()["id"])
    read = api.get(action_url)
    changed = api.patch(action_url, {"status": "in-progress"}, {"If-Match": read["ETag"]})
    assert changed.status_code == 200, changed.json()
    assert PlanAction.objects.for_child(camden_child).get().status.slug == "in-progress"
    stale = api.patch(action_url, {"status": "done"}, {"If-Match": read["ETag"]})
    assert stale.status_code == 412
    assert api.get(url("plan-actions", camden_child)).json()["count"] == 1
    actions = [e.action for e in AuditEvent.objects.filter(child=camden_child).order_by("id")]
    assert "plan.action_added" in actions and "plan.action_changed" in actions


def test_an_action_needs_a_goal_from_this_childs_plan(api_for, amara, camden_child):
    response = api_for(amara).post(
        url("plan-actions", camden_child), {**ACTION, "goals": [str(camden_child.public_id)]}
    )
    assert response.status_code == 400
    assert response.json()["errors"]["goals"] == ["Choose goals from this child's plan"]
    assert not PlanAction.objects.for_child(camden_child).exists()


def test_a_touchpoint_is_marked_as_done(api_for, amara, camden_child):
    touchpoint = Touchpoint.objects.create(child=camden_child, name="Review", due_on=today())
    api = api_for(amara)
    listed = api.get(url("touchpoints", camden_child)).json()["results"]
    assert [t["status"] for t in listed] == ["due"]
    done = api.post(
        url("touchpoint-done", camden_child, touchpoint.public_id), {"done_on": str(today())}
    )
    assert done.status_code == 200 and done.json()["status"] == "done"
    again = api.post(
        url("touchpoint-done", camden_child, touchpoint.public_id), {"done_on": str(today())}
    )
    assert again.status_code == 400
    assert again.json()["errors"]["detail"] == ["This touchpoint is already closed"]


def test_a_meeting_is_recorded_with_people_working_with_the_child(
    api_for, amara, ben, camden_child
):
    api = api_for(amara)
    meeting = {"kind": "review", "held_on": str(today()), "child_attended": True}
    outsider = api.post(url("meetings", camden_child), {**meeting, "people": [str(ben.public_id)]})
    assert outsider.status_code == 400 and "people" in outsider.json()["errors"]
    made = api.post(url("meetings", camden_child), {**meeting, "people": [str(amara.public_id)]})
    assert made.status_code == 201, made.json()
    assert Meeting.objects.for_child(camden_child).get().people.get() == amara
    future = api.post(
        url("meetings", camden_child), {**meeting, "held_on": str(today() + timedelta(days=2))}
    )
    assert future.json()["errors"]["held_on"] == [
        "The date of the meeting must be today or in the past"
    ]


def test_partners_add_notes_and_read_only_the_words_the_child_agreed_to_share(
    api_for, amara, sam, shared_jay
):
    for shared in (True, False):
        VoiceEntry.objects.create(
            child=shared_jay,
            recorded_on=today(),
            recorded_by=amara,
            conversation="meeting",
            who_are_you="Shared" if shared else "Private",
            share_with_partners=shared,
        )
    api = api_for(sam)
    words = api.get(url("voice", shared_jay)).json()["results"]
    assert [w["who_are_you"] for w in words] == ["Shared"]
    assert len(api_for(amara).get(url("voice", shared_jay)).json()["results"]) == 2
    note = api.post(url("notes", shared_jay), {"text": "Placement search under way"})
    assert note.status_code == 201
    assert CaseNote.objects.for_child(shared_jay).get().written_by == sam
    viewed = AuditEvent.objects.filter(action="child.viewed", actor=sam).get()
    assert viewed.detail == {"section": "api-voice", "via": "api"}


def test_the_childs_words_are_recorded_as_they_said_them(api_for, amara, camden_child):
    response = api_for(amara).post(
        url("voice", camden_child),
        {
            "conversation": "call",
            "words_are": "verbatim",
            "who_do_you_want_to_be": "  A mechanic, innit  ",
        },
    )
    assert response.status_code == 201, response.json()
    assert VoiceEntry.objects.for_child(camden_child).get().who_do_you_want_to_be == (
        "A mechanic, innit"
    )


def test_someone_who_only_reads_cannot_add(api_for, amara, ben, camden_child, hackney_child):
    # Ben sees only Hackney's children: Jay is not found, whatever he sends.
    assert api_for(ben).post(url("notes", camden_child), {"text": "x"}).status_code == 404
    assert api_for(ben).get(url("meetings", camden_child)).status_code == 404
    assert api_for(amara).post(url("notes", hackney_child), {"text": "x"}).status_code == 404


def test_pathways_and_statuses_are_listed_for_writing_actions(api_for, chloe):
    api = api_for(chloe)
    assert "ete" in [p["slug"] for p in api.get(reverse("api:pathways")).json()]
    assert "in-progress" in [s["slug"] for s in api.get(reverse("api:action-statuses")).json()]


def test_a_childs_lists_take_the_same_queries_however_many_records(
    api_for, amara, camden_child, django_assert_num_queries
):
    api = api_for(amara)
    plan = Plan.objects.create(child=camden_child)
    goal = Goal.objects.create(plan=plan, text="Be a mechanic")

    def add(n):
        for i in range(n):
            made = api.post(
                url("plan-actions", camden_child), {**ACTION, "goals": [str(goal.public_id)]}
            )
            assert made.status_code == 201
            api.post(url("notes", camden_child), {"text": f"Note {i}"})

    add(2)
    counted = {}
    for name in ("plan-actions", "notes", "meetings", "touchpoints", "voice", "legal-statuses"):
        with CaptureQueriesContext(connection) as context:
            api.get(url(name, camden_child))
        counted[name] = len(context)
    add(6)
    for name, queries in counted.items():
        with django_assert_num_queries(queries):
            assert api.get(url(name, camden_child)).status_code == 200
