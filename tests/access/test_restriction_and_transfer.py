"""Restricted children are hidden from everyone not named; transfers move the child."""

import pytest
from django.urls import reverse

from resettle.access.models import Restriction, Share, Transfer
from resettle.accounts.models import Role
from resettle.audit.models import AuditEvent
from resettle.children.models import Child

from ..factories import UserFactory

pytestmark = pytest.mark.django_db


def test_priya_restricts_a_child_and_amara_no_longer_sees_them(
    client_for, priya, amara, camden_child
):
    response = client_for(priya).post(
        reverse("access:restriction", args=[camden_child.public_id]),
        {"reason": "Related to a member of staff"},
    )
    assert response.status_code == 302
    assert (
        client_for(amara).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 404
    )
    assert (
        client_for(priya).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 200
    )
    assert (
        "Jay"
        not in client_for(amara)
        .get(reverse("children:caseload") + "?scope=service")
        .content.decode()
    )
    assert AuditEvent.objects.filter(action="child.restricted", child=camden_child).exists()


def test_named_people_still_see_a_restricted_child(client_for, priya, amara, camden_child):
    client_for(priya).post(
        reverse("access:restriction", args=[camden_child.public_id]),
        {"reason": "High-profile case", "people": [amara.pk]},
    )
    assert set(Restriction.across_children.get().allowed_users.all()) == {amara, priya}
    assert (
        client_for(amara).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 200
    )


def test_restriction_hides_the_child_from_shared_organisations_too(
    client_for, priya, chloe, feltham, camden_child
):
    from datetime import timedelta

    from resettle.core.dates import today

    Share.objects.create(
        child=camden_child, organisation=feltham, purpose="x", ends_on=today() + timedelta(days=5)
    )
    client_for(priya).post(
        reverse("access:restriction", args=[camden_child.public_id]),
        {"reason": "High-profile case"},
    )
    assert (
        client_for(chloe).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 404
    )


def test_case_worker_cannot_restrict(client_for, amara, camden_child):
    response = client_for(amara).get(reverse("access:restriction", args=[camden_child.public_id]))
    assert response.status_code == 403


def test_removing_the_restriction_restores_access(client_for, priya, amara, camden_child):
    client = client_for(priya)
    client.post(reverse("access:restriction", args=[camden_child.public_id]), {"reason": "x"})
    client.post(reverse("access:restriction-remove", args=[camden_child.public_id]))
    assert not Restriction.across_children.exists()
    assert (
        client_for(amara).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 200
    )


@pytest.fixture
def hackney_manager(hackney):
    return UserFactory(
        email="hana@hackney.test", full_name="Hana Ito", organisation=hackney, role=Role.YJS_MANAGER
    )


def request_transfer(client, child, to_service):
    return client.post(
        reverse("access:transfer-request", args=[child.public_id]),
        {"to_service": to_service.pk, "reason": "Moving to live with an aunt in Hackney"},
    )


def test_transfer_moves_the_child_to_the_receiving_service(
    client_for, amara, ben, hackney, hackney_manager, camden, camden_child
):
    assert request_transfer(client_for(amara), camden_child, hackney).status_code == 302
    transfer = Transfer.across_children.get()
    # Until accepted, the receiving service's workers cannot open the record.
    assert (
        client_for(ben).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 404
    )
    inbox = client_for(hackney_manager).get(reverse("access:transfers")).content.decode()
    assert "Jay" in inbox
    response = client_for(hackney_manager).post(
        reverse("access:transfer-decide", args=[transfer.public_id]),
        {"decision": "accept", "lead_practitioner": ben.pk},
    )
    assert response.status_code == 302
    camden_child.refresh_from_db()
    assert camden_child.owning_service == hackney
    assert camden_child.lead_practitioner == ben
    assert (
        client_for(ben).get(reverse("children:edit", args=[camden_child.public_id])).status_code
        == 200
    )
    # Camden keeps read-only access for the handover period.
    amara_client = client_for(amara)
    assert (
        amara_client.get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 200
    )
    assert (
        amara_client.get(reverse("children:edit", args=[camden_child.public_id])).status_code == 403
    )
    handover = Share.across_children.active().get(child=camden_child, organisation=camden)
    assert "Handover" in handover.purpose
    assert AuditEvent.objects.filter(action="child.transferred", child=camden_child).exists()


def test_only_the_receiving_manager_can_decide(
    client_for, amara, ben, priya, hackney, camden_child
):
    request_transfer(client_for(amara), camden_child, hackney)
    transfer = Transfer.across_children.get()
    url = reverse("access:transfer-decide", args=[transfer.public_id])
    assert client_for(ben).get(url).status_code == 403  # Hackney case worker
    assert client_for(priya).get(url).status_code == 403  # the sending manager


def test_declining_needs_a_reason_and_leaves_the_child(
    client_for, amara, hackney, hackney_manager, camden, camden_child
):
    request_transfer(client_for(amara), camden_child, hackney)
    transfer = Transfer.across_children.get()
    url = reverse("access:transfer-decide", args=[transfer.public_id])
    response = client_for(hackney_manager).post(url, {"decision": "decline"})
    assert "Enter why you are declining the transfer" in response.content.decode()
    client_for(hackney_manager).post(url, {"decision": "decline", "note": "Not our area"})
    transfer.refresh_from_db()
    camden_child.refresh_from_db()
    assert transfer.status == "declined"
    assert camden_child.owning_service == camden


def test_only_one_open_transfer_per_child(client_for, amara, hackney, camden_child):
    client = client_for(amara)
    request_transfer(client, camden_child, hackney)
    response = client.get(reverse("access:transfer-request", args=[camden_child.public_id]))
    assert response.status_code == 200
    response = request_transfer(client, camden_child, hackney)
    assert "already a transfer waiting" in response.content.decode()
    assert Transfer.across_children.count() == 1


def test_sender_can_cancel_a_transfer(client_for, amara, hackney, camden_child):
    request_transfer(client_for(amara), camden_child, hackney)
    transfer = Transfer.across_children.get()
    client_for(amara).post(reverse("access:transfer-cancel", args=[transfer.public_id]))
    transfer.refresh_from_db()
    assert transfer.status == "cancelled"


def test_transfers_page_is_for_youth_justice_staff(client_for, chloe, dev):
    assert client_for(chloe).get(reverse("access:transfers")).status_code == 403
    assert client_for(dev).get(reverse("access:transfers")).status_code == 403


def test_visible_children_query_has_no_duplicates(amara, priya, camden, camden_child):
    restriction = Restriction.objects.create(child=camden_child, reason="x")
    restriction.allowed_users.set([amara, priya])
    assert list(Child.objects.visible_to(amara)) == [camden_child]


def test_a_restricted_child_does_not_leak_through_transfers(
    client_for, amara, priya, hackney, camden_child
):
    """A colleague not named on a restriction neither sees the child on the transfers page nor
    can cancel the child's transfer, as with any other page about the child."""
    request_transfer(client_for(priya), camden_child, hackney)
    transfer = Transfer.across_children.get()
    client_for(priya).post(
        reverse("access:restriction", args=[camden_child.public_id]),
        {"reason": "Related to a member of staff"},
    )
    page = client_for(amara).get(reverse("access:transfers")).content.decode()
    assert "Jay" not in page and str(transfer.public_id) not in page
    response = client_for(amara).post(reverse("access:transfer-cancel", args=[transfer.public_id]))
    assert response.status_code == 404
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.REQUESTED
    # The manager who restricted the record (named on it) still sees and may cancel it.
    assert "Jay" in client_for(priya).get(reverse("access:transfers")).content.decode()
