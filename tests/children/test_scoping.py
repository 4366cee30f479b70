"""Who may see which child: another service's child, or any child for the wrong role, is a 404."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.children.models import Child

from ..factories import ChildFactory

CASELOAD = reverse("children:caseload")

pytestmark = pytest.mark.django_db


def child_urls(child) -> dict[str, str]:
    return {
        name: reverse(f"children:{name}", args=[child.public_id])
        for name in ("detail", "edit", "history")
    }


def test_camden_worker_sees_their_own_child(client_for, amara, camden_child):
    client = client_for(amara)
    for url in child_urls(camden_child).values():
        response = client.get(url)
        assert response.status_code == 200
        assert "Jay" in response.content.decode()


def test_camden_manager_sees_a_child_led_by_a_colleague(client_for, priya, camden_child):
    response = client_for(priya).get(reverse("children:detail", args=[camden_child.public_id]))
    assert response.status_code == 200
    assert "Change details" in response.content.decode()


def test_hackney_worker_cannot_see_camden_child(client_for, ben, camden_child):
    client = client_for(ben)
    urls = child_urls(camden_child)
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 404
        content = response.content.decode()
        assert "Page not found" in content
        assert "Jay" not in content
    response = client.post(urls["edit"], {"preferred_name": "Changed by Hackney"})
    assert response.status_code == 404
    camden_child.refresh_from_db()
    assert camden_child.preferred_name == "Jay"
    # A refused look is recorded as a refusal, never as a view or a change.
    actions = set(
        AuditEvent.objects.filter(child_id=camden_child.pk).values_list("action", flat=True)
    )
    assert actions == {"access.refused"}
    refusals = AuditEvent.objects.filter(child_id=camden_child.pk, action="access.refused")
    assert refusals.count() == 4
    assert all(event.actor_id == ben.pk for event in refusals)


def test_hackney_caseload_does_not_list_camden_children(
    client_for, ben, camden_child, hackney_child
):
    client = client_for(ben)
    for scope in ("mine", "service"):
        content = client.get(CASELOAD, {"scope": scope}).content.decode()
        assert "Kemi" in content
        assert "Jay" not in content
        assert "CAM-00001" not in content
    # Not even when searched for by name or reference.
    for q in ("Jay", "CAM-00001", "Jayden"):
        content = client.get(CASELOAD, {"scope": "service", "q": q}, follow=True).content.decode()
        assert "No children match your search" in content


@pytest.mark.parametrize("person", ["dev", "alex"])
def test_people_who_do_not_work_with_children_get_no_caseload(request, client_for, person):
    response = client_for(request.getfixturevalue(person)).get(CASELOAD)
    assert response.status_code == 403
    assert "Jay" not in response.content.decode()


@pytest.mark.parametrize("person", ["chloe", "sam"])
def test_secure_and_partner_staff_see_no_child_that_is_not_shared_with_them(
    request, client_for, person, camden_child
):
    response = client_for(request.getfixturevalue(person)).get(CASELOAD)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Children shared with us" in content
    assert "Jay" not in content


@pytest.mark.parametrize("person", ["chloe", "sam", "dev", "alex"])
def test_roles_outside_the_owning_service_get_404_for_a_child(
    request, client_for, person, camden_child
):
    client = client_for(request.getfixturevalue(person))
    for url in child_urls(camden_child).values():
        assert client.get(url).status_code == 404
    assert client.post(child_urls(camden_child)["edit"], {}).status_code == 404


def test_child_with_a_random_id_is_not_found(client_for, amara, camden_child):
    client = client_for(amara)
    for name in ("detail", "edit", "history"):
        assert client.get(reverse(f"children:{name}", args=[uuid.uuid4()])).status_code == 404


@pytest.mark.parametrize("bad_id", ["1", "not-a-uuid", "0000", "..%2F"])
def test_child_address_that_is_not_a_uuid_is_not_found(client_for, amara, camden_child, bad_id):
    client = client_for(amara)
    assert client.get(f"/children/{bad_id}/").status_code == 404
    assert client.get(f"/children/{bad_id}/edit/").status_code == 404


def test_sequential_id_does_not_reach_a_child(client_for, amara, camden_child):
    assert client_for(amara).get(f"/children/{camden_child.pk}/").status_code == 404


def test_viewing_a_child_is_audited(client_for, amara, camden_child):
    client_for(amara).get(reverse("children:detail", args=[camden_child.public_id]))
    event = AuditEvent.objects.get(action="child.viewed")
    assert event.child_id == camden_child.pk
    assert event.actor == amara
    assert event.detail == {"section": "summary"}


def test_viewing_the_history_is_audited(client_for, amara, camden_child):
    client_for(amara).get(reverse("children:history", args=[camden_child.public_id]))
    assert AuditEvent.objects.filter(
        action="child.history_viewed", child_id=camden_child.pk, actor=amara
    ).exists()


def test_visible_to_is_the_owning_service_only(amara, ben, priya, dev, camden_child, hackney_child):
    ChildFactory(owning_service=camden_child.owning_service, lead_practitioner=None)
    assert set(Child.objects.visible_to(amara)) == set(
        Child.objects.filter(owning_service=camden_child.owning_service)
    )
    assert list(Child.objects.visible_to(ben)) == [hackney_child]
    assert Child.objects.visible_to(priya).count() == 2
    assert not Child.objects.visible_to(dev).exists()


def test_deactivated_user_sees_no_children(amara, camden_child):
    amara.is_active = False
    assert not Child.objects.visible_to(amara).exists()
