"""The release checklist and the "Releases coming up" lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from resettle.access.models import Share
from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent
from resettle.children.models import LegalStatus, LegalStatusEpisode
from resettle.core.dates import today
from resettle.plans import services as plans
from resettle.plans.models import Pathway
from resettle.release.models import ReleasePlan
from resettle.release.readiness import Rag

from ..factories import ChildFactory
from .conftest import in_custody

pytestmark = pytest.mark.django_db

UPCOMING = reverse("release:upcoming")


def names(response):
    return [child.preferred_name for child in response.context["children"]]


def test_upcoming_lists_custodial_children_due_within_twelve_weeks_soonest_first(
    client_for, amara, camden
):
    def child(name, **kwargs):
        return ChildFactory(
            preferred_name=name, owning_service=camden, lead_practitioner=amara, **kwargs
        )

    in_custody(child("Later"), 84)
    in_custody(child("Sooner"), 5)
    in_custody(child("Remanded"), 30, status=LegalStatus.REMAND_YDA)
    in_custody(child("Recalled"), 40, status=LegalStatus.RECALL)
    in_custody(child("Too far"), 85)
    in_custody(child("Overdue date"), -1)
    in_custody(child("Local authority remand"), 20, status=LegalStatus.REMAND_LA)
    released = child("Released")
    in_custody(released, 10, started_days_ago=90)
    LegalStatusEpisode.objects.create(
        child=released, status=LegalStatus.RELEASED_LICENCE, starts_on=today() - timedelta(days=2)
    )
    future = child("Future sentence")  # a status dated tomorrow is not the current one yet
    LegalStatusEpisode.objects.create(
        child=future,
        status=LegalStatus.SENTENCED_CUSTODY,
        starts_on=today() + timedelta(days=1),
        expected_release_on=today() + timedelta(days=20),
    )
    response = client_for(amara).get(UPCOMING)
    assert names(response) == ["Sooner", "Remanded", "Recalled", "Later"]


def test_a_worker_sees_their_caseload_and_a_manager_the_service(
    client_for, amara, priya, camden, hackney_child
):
    mine = ChildFactory(preferred_name="Mine", owning_service=camden, lead_practitioner=amara)
    colleague = ChildFactory(preferred_name="Colleague's", owning_service=camden)
    for child in (mine, colleague, hackney_child):
        in_custody(child, 20)
    assert names(client_for(amara).get(UPCOMING)) == ["Mine"]
    assert sorted(names(client_for(amara).get(UPCOMING, {"scope": "service"}))) == [
        "Colleague's",
        "Mine",
    ]
    assert sorted(names(client_for(priya).get(UPCOMING))) == ["Colleague's", "Mine"]


def test_each_row_shows_its_status_in_words(client_for, amara, camden_child):
    in_custody(camden_child, 3)
    html = client_for(amara).get(UPCOMING).content.decode()
    assert "Red: no confirmed address" in html
    assert "How the status is worked out" in html
    assert "Accommodation confirmed" in html  # listed as not done


def test_upcoming_has_an_empty_state(client_for, amara):
    html = client_for(amara).get(UPCOMING).content.decode()
    assert 'id="no-releases"' in html


def test_partners_and_the_secure_estate_do_not_get_the_lists(client_for, chloe, sam, dev):
    for person in (chloe, sam, dev):
        assert client_for(person).get(UPCOMING).status_code == 403


def checklist(child):
    return reverse("release:checklist", args=[child.public_id])


def edit(child):
    return reverse("release:checklist-edit", args=[child.public_id])


def test_the_checklist_shows_what_is_done_and_the_status(client_for, amara, camden_child):
    in_custody(camden_child, 30)
    ReleasePlan.objects.create(
        child=camden_child,
        accommodation_confirmed_on=today(),
        accommodation_address_note="With grandmother",
    )
    response = client_for(amara).get(checklist(camden_child))
    assert response.context["readiness"].rag == Rag.AMBER
    html = response.content.decode()
    assert "Amber: not ready yet" in html and "With grandmother" in html
    assert AuditEvent.objects.get(action="child.viewed").detail == {"section": "release"}


def plan_b_told(child, by):
    """An accommodation action in the child's plan, with a plan B the child was told."""
    actor = Actor(by, via=WEB)
    action = plans.add_action(
        actor,
        child,
        pathway=Pathway.objects.get(slug="accommodation"),
        kind="structural",
        description="Confirm the address",
        owner_person=by,
    )
    plans.record_contingency(
        actor, child, action, plan_b="Supported lodgings", child_told_on=today()
    )


def test_saving_the_checklist_turns_it_green_and_is_audited(client_for, amara, camden_child):
    in_custody(camden_child, 10)
    plan_b_told(camden_child, amara)  # plans B belong to the plan (plans.facts.key_plans_b)
    d = today()
    data = {"who_meets": "Mum", "transport": "Car", "first_appointment": "YJS at 2pm"}
    for field in (
        "accommodation_confirmed_on",
        "ete_confirmed_on",
        "health_handover_on",
    ):
        data.update({f"{field}_day": d.day, f"{field}_month": d.month, f"{field}_year": d.year})
    client = client_for(amara)
    assert client.post(edit(camden_child), data).status_code == 302
    assert client.get(checklist(camden_child)).context["readiness"].rag == Rag.GREEN
    event = AuditEvent.objects.get(action="release.plan_changed")
    assert event.child_id == camden_child.id and "transport" in event.detail["fields"]


def test_a_wrong_date_is_an_error_and_what_was_typed_is_kept(client_for, amara, camden_child):
    data = {
        "accommodation_confirmed_on_day": "31",
        "accommodation_confirmed_on_month": "2",
        "accommodation_confirmed_on_year": "2026",
        "who_meets": "Aunt Grace",
    }
    response = client_for(amara).post(edit(camden_child), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "must be a real date" in html and "Aunt Grace" in html and 'value="31"' in html
    assert not ReleasePlan.across_children.exists()


def test_the_secure_estate_updates_the_checklist_of_a_child_shared_with_it(
    client_for, chloe, feltham, camden_child
):
    Share.objects.create(
        child=camden_child, organisation=feltham, purpose="x", ends_on=today() + timedelta(9)
    )
    response = client_for(chloe).post(edit(camden_child), {"transport": "Minibus"})
    assert response.status_code == 302
    assert ReleasePlan.across_children.get(child=camden_child).transport == "Minibus"


def test_a_reading_service_cannot_update_the_checklist(client_for, ben, hackney, camden_child):
    Share.objects.create(
        child=camden_child, organisation=hackney, purpose="x", ends_on=today() + timedelta(9)
    )
    client = client_for(ben)
    assert client.get(checklist(camden_child)).status_code == 200
    assert client.post(edit(camden_child), {"transport": "Car"}).status_code == 403
    assert client_for(ben).get(checklist(ChildFactory())).status_code == 404


# Session, user, the kept current statuses due to be worked out again (none: children/current.py),
# the children due for release with their lead, service, checklist and kept current status (one
# query; visibility is a subquery), their accommodation and ETE actions with plans B (one query),
# and the user's organisation for the header.
UPCOMING_QUERIES = {"sqlite": 6, "postgresql": 6}


@pytest.mark.parametrize("count", [1, 15])
def test_the_upcoming_list_query_count_does_not_grow_with_children(
    client_for, priya, amara, camden, django_assert_num_queries, count
):
    for n in range(count):
        child = ChildFactory(owning_service=camden, lead_practitioner=amara if n % 2 else None)
        in_custody(child, 3 + n)
        if n % 3:
            ReleasePlan.objects.create(child=child, accommodation_confirmed_on=today())
    client = client_for(priya)
    assert client.get(UPCOMING).status_code == 200
    with django_assert_num_queries(UPCOMING_QUERIES[connection.vendor]):
        response = client.get(UPCOMING)
    assert len(response.context["children"]) == count
