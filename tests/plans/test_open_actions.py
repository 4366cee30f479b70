"""Each open action, kept for lists (plans/open_actions.py): a row while the action is open, worked
out again on every change to the action, to its status's configuration, and to the child's owning
service; read by My week and the establishment's week. (tests/conftest.py also checks, after every
database test, that the kept rows are exactly those worked out afresh.)"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import close_old_connections, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from resettle.access.models import Transfer
from resettle.access.services import accept_transfer, request_transfer, restrict_child
from resettle.accounts.models import Role
from resettle.audit.actors import WEB, Actor
from resettle.core.dates import today
from resettle.estate.queries import our_week
from resettle.plans import open_actions
from resettle.plans.models import ActionStatus, OpenAction, PlanAction
from resettle.plans.services import add_action, change_action
from resettle.web.week import my_week

from ..factories import ChildFactory, UserFactory, share
from .factories import PlanActionFactory, PlanFactory, pathway, status

pytestmark = pytest.mark.django_db


def kept(action) -> OpenAction | None:
    return OpenAction.across_children.filter(action_id=action.pk).first()


def action_for(child, description="Visit the college", days=2, **values) -> PlanAction:
    return PlanActionFactory(
        plan=PlanFactory(child=child),
        description=description,
        due_on=today() + timedelta(days=days),
        **values,
    )


def test_a_row_is_kept_while_the_action_is_open(camden, camden_child, amara):
    actor = Actor(amara, via=WEB)
    action = add_action(
        actor,
        camden_child,
        pathway=pathway("ete"),
        kind="structural",
        description="Enrol on motor vehicle level 1",
        owner_person=amara,
        due_on=today() + timedelta(days=3),
    )
    row = kept(action)
    assert (row.child_id, row.service_id, row.due_on, row.owner_person_id) == (
        camden_child.pk,
        camden.pk,
        today() + timedelta(days=3),
        amara.pk,
    )
    change_action(actor, camden_child, action, due_on=today() + timedelta(days=9))
    assert kept(action).due_on == today() + timedelta(days=9)
    change_action(actor, camden_child, action, status=status("done"))
    assert kept(action) is None
    change_action(actor, camden_child, action, status=status("in-progress"))
    assert kept(action) is not None
    action.delete()
    assert not OpenAction.across_children.exists()


def test_a_status_made_closed_in_the_configuration_closes_its_actions(camden_child):
    action = action_for(camden_child)
    waiting = action.status
    assert kept(action) is not None
    waiting.is_closed = True
    waiting.save()
    assert kept(action) is None
    waiting.is_closed = False
    waiting.save()
    assert kept(action) is not None


def test_the_rows_move_with_the_child_when_a_transfer_is_accepted(
    camden, hackney, camden_child, amara, priya
):
    hackney_manager = UserFactory(
        email="hana@hackney.test", organisation=hackney, role=Role.YJS_MANAGER
    )
    action = action_for(camden_child)
    transfer = request_transfer(Actor(amara, via=WEB), camden_child, hackney, "Moving to Hackney")
    # Read afresh, as the page that accepts it does.
    transfer = Transfer.across_children.get(pk=transfer.pk)
    accept_transfer(Actor(hackney_manager, via=WEB), transfer, None)
    assert kept(action).service_id == hackney.pk
    # Hackney's managers see it as their own; Camden, through the handover share, as shared.
    assert my_week(hackney_manager, "service").actions.rows == [action]
    assert my_week(priya, "service").actions.rows == [action]


def test_saving_a_child_who_has_not_moved_does_not_touch_the_rows(camden_child):
    action_for(camden_child)
    camden_child.refresh_from_db()
    camden_child.preferred_name = "Jayden"
    with CaptureQueriesContext(connection) as queries:
        camden_child.save()
    assert not [q for q in queries if "plans_openaction" in q["sql"]]
    # Moved (set in code, not read so), the rows follow.
    camden_child.owning_service_id = ChildFactory().owning_service_id
    assert camden_child.owning_service_changed()
    with CaptureQueriesContext(connection) as queries:
        camden_child.save()
    assert [q for q in queries if "plans_openaction" in q["sql"]]
    assert not camden_child.owning_service_changed()


def test_a_whole_services_week_reads_its_own_and_shared_childrens_actions(
    camden, hackney, camden_child, amara, priya
):
    own_soon = action_for(camden_child, "Own, soon", days=1)
    restricted = ChildFactory(owning_service=camden)
    own_later = action_for(restricted, "Own, later", days=4)
    shared_child = ChildFactory(owning_service=hackney, preferred_name="Shared")
    shared = action_for(shared_child, "Shared with Camden", days=2)
    action_for(ChildFactory(owning_service=hackney), "Not shared", days=0)  # never shown
    action_for(camden_child, "Next month", days=40)  # not due this week or next
    done = action_for(camden_child, "Done", days=0)
    done.status = status("done")
    done.save()
    share(shared_child, camden)
    week = my_week(priya, "service", when="next-week")
    assert [a.description for a in week.actions.rows] == [
        "Own, soon",
        "Shared with Camden",
        "Own, later",
    ]
    assert week.actions.rows[0] == own_soon and week.actions.rows[2] == own_later
    # A restricted child's actions are only for the people named.
    restrict_child(Actor(priya, via=WEB), restricted, "Safety", [amara])
    colleague = UserFactory(email="kai@camden.test", organisation=camden, role=Role.CASE_WORKER)
    assert own_later not in my_week(colleague, "service", when="next-week").actions.rows
    assert own_later in my_week(amara, "service", when="next-week").actions.rows
    # And a share that ends takes the shared child's actions with it.
    shared_child.shares.update(revoked_at=timezone.now())
    assert shared not in my_week(amara, "service", when="next-week").actions.rows


def test_my_own_week_reads_my_caseloads_actions_and_those_i_own(camden, camden_child, amara, priya):
    mine = action_for(camden_child, "For a child I lead", days=1)
    theirs = ChildFactory(owning_service=camden, lead_practitioner=priya)
    owned = action_for(theirs, "Owned by me", days=2, owner_person=amara)
    action_for(theirs, "Someone else's", days=0)
    rows = my_week(amara, "mine").actions.rows
    assert rows == [mine, owned]


def test_the_establishments_week_reads_what_it_and_its_people_are_expected_to_do(
    camden, feltham, chloe
):
    placed = ChildFactory(owning_service=camden, preferred_name="Placed")
    share(placed, feltham)
    by_feltham = action_for(placed, "Feltham's", days=1, owner_organisation=feltham)
    by_chloe = action_for(placed, "Chloe's", days=20, owner_person=chloe)
    undated = action_for(placed, "Undated", owner_organisation=feltham)
    undated.due_on = None
    undated.save()
    action_for(placed, "Camden's", days=0, owner_organisation=camden)
    unshared = ChildFactory(owning_service=camden)
    action_for(unshared, "Not shared with Feltham", days=0, owner_organisation=feltham)
    week = our_week(chloe)
    assert week.actions.rows == [by_feltham]
    assert week.expected.rows == [by_feltham, by_chloe, undated]
    page = signed_in_page(chloe, reverse("estate:week"))
    assert "Feltham&#x27;s" in page and "Not shared with Feltham" not in page


def signed_in_page(user, url) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_refresh_works_out_many_actions_at_once(camden, camden_child):
    actions = [action_for(camden_child, f"Action {n}", days=n) for n in range(5)]
    OpenAction.across_children.all().delete()
    PlanAction.across_children.filter(pk=actions[0].pk).update(
        status=ActionStatus.objects.get(slug="done")
    )
    open_actions.refresh(a.pk for a in actions)
    assert sorted(OpenAction.across_children.values_list("action_id", flat=True)) == sorted(
        a.pk for a in actions[1:]
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_an_action_saved_during_a_transfer_moves_with_the_child(camden, hackney):
    """The transfer holds the child's row; the action's save waits for it, then reads the child's
    new service (without the lock it would keep the old one)."""
    child = ChildFactory(owning_service=camden)
    action = action_for(child, days=3)
    moved = threading.Event()
    saved = threading.Event()

    def save_action() -> None:
        try:
            moved.wait(5)
            with transaction.atomic():
                row = PlanAction.across_children.get(pk=action.pk)
                row.due_on = today() + timedelta(days=5)
                row.save()
        finally:
            saved.set()
            close_old_connections()

    worker = threading.Thread(target=save_action)
    worker.start()
    with transaction.atomic():
        locked = type(child).objects.select_for_update().get(pk=child.pk)
        locked.owning_service_id = hackney.pk
        locked.save()
        moved.set()
        assert not saved.wait(0.5)  # the action's save waits for the transfer
    worker.join(10)
    row = kept(action)
    assert (row.service_id, row.due_on) == (hackney.pk, today() + timedelta(days=5))
