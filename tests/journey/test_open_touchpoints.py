"""Each open touchpoint, kept for a whole service's My week (journey/open_touchpoints.py): a row
while the touchpoint is neither met nor replaced, with the child's owning service.
(tests/conftest.py also checks, after every database test, that the kept rows are exactly those
worked out afresh.)"""

from __future__ import annotations

from datetime import timedelta

import pytest

from resettle.access.models import Transfer
from resettle.access.services import accept_transfer, request_transfer, restrict_child
from resettle.accounts.models import Role
from resettle.audit.actors import WEB, Actor
from resettle.core.dates import today
from resettle.journey.models import OpenTouchpoint, Touchpoint
from resettle.plans.models import OpenAction
from resettle.web.week import my_week

from ..factories import ChildFactory, UserFactory, share
from ..plans.factories import PlanActionFactory, PlanFactory
from .conftest import record_status

pytestmark = pytest.mark.django_db


def kept(child) -> dict[str, int]:
    return {
        row.touchpoint.name: row.service_id
        for row in OpenTouchpoint.across_children.filter(child_id=child.pk).select_related(
            "touchpoint"
        )
    }


def test_the_rows_follow_the_childs_legal_statuses(
    client_for, amara, camden, camden_child, feltham
):
    client = client_for(amara)
    record_status(
        client, camden_child, "remand_yda", today() - timedelta(days=2), establishment=feltham
    )
    remand = kept(camden_child)
    assert remand and set(remand.values()) == {camden.pk}
    assert "Initial planning meeting" in remand
    # A sentence replaces the remand's touchpoints with its own.
    record_status(
        client,
        camden_child,
        "sentenced_custody",
        today() - timedelta(days=1),
        establishment=feltham,
        release=today() + timedelta(days=120),
        sentence_type="dto",
    )
    replaced = set(
        Touchpoint.across_children.filter(child=camden_child)
        .exclude(superseded_on=None)
        .values_list("id", flat=True)
    )
    assert replaced
    assert not OpenTouchpoint.across_children.filter(touchpoint_id__in=replaced).exists()
    assert "Release preparation meeting" in kept(camden_child)


def test_a_touchpoint_met_or_deleted_leaves_no_row(camden_child):
    touchpoint = Touchpoint.objects.create(child=camden_child, name="Visit", due_on=today())
    assert kept(camden_child) == {"Visit": camden_child.owning_service_id}
    touchpoint.completed_on = today()
    touchpoint.save()
    assert kept(camden_child) == {}
    touchpoint.completed_on = None
    touchpoint.save()
    touchpoint.delete()
    assert kept(camden_child) == {}


def test_a_transfer_moves_the_childs_touchpoints_and_actions(camden, hackney, camden_child, amara):
    hackney_manager = UserFactory(
        email="hana@hackney.test", organisation=hackney, role=Role.YJS_MANAGER
    )
    Touchpoint.objects.create(child=camden_child, name="Visit", due_on=today())
    action = PlanActionFactory(plan=PlanFactory(child=camden_child), due_on=today())
    transfer = request_transfer(Actor(amara, via=WEB), camden_child, hackney, "Moving")
    accept_transfer(
        Actor(hackney_manager, via=WEB), Transfer.across_children.get(pk=transfer.pk), None
    )
    # Both kinds of kept row move, whichever receiver runs first.
    assert kept(camden_child) == {"Visit": hackney.pk}
    assert OpenAction.across_children.get(action_id=action.pk).service_id == hackney.pk


def test_a_whole_services_week_reads_its_own_and_shared_childrens_touchpoints(
    camden, hackney, amara, priya
):
    own = ChildFactory(owning_service=camden, preferred_name="Own")
    restricted = ChildFactory(owning_service=camden, preferred_name="Restricted")
    shared = ChildFactory(owning_service=hackney, preferred_name="Shared")
    share(shared, camden)
    other = ChildFactory(owning_service=hackney, preferred_name="Other")
    for n, child in enumerate([own, restricted, shared, other]):
        Touchpoint.objects.create(child=child, name=f"Visit {child}", due_on=today() - timedelta(n))
    Touchpoint.objects.create(
        child=own, name="Done", due_on=today() - timedelta(days=9), completed_on=today()
    )
    Touchpoint.objects.create(child=own, name="Later", due_on=today() + timedelta(days=40))
    restrict_child(Actor(priya, via=WEB), restricted, "Safety", [amara])
    colleague = UserFactory(email="kai@camden.test", organisation=camden, role=Role.CASE_WORKER)
    names = [t.name for t in my_week(colleague, "service").touchpoints.rows]
    assert names == ["Visit Shared", "Visit Own"]  # soonest due first
    names = [t.name for t in my_week(amara, "service").touchpoints.rows]
    assert names == ["Visit Shared", "Visit Restricted", "Visit Own"]
    # Paged, with the count, when it is the only kind asked for.
    week = my_week(amara, "service", kinds=("touchpoints",), page=1)
    assert week.touchpoints.page.paginator.count == 3
