"""Recording the end of the order (the YJB's key performance indicators 1 and 2)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.actors import Actor
from resettle.audit.models import AuditEvent
from resettle.children import services
from resettle.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_the_case_worker_records_the_end_of_the_order(camden_child, amara, client_for):
    client = client_for(amara)
    url = reverse("children:end-of-order", args=[camden_child.public_id])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url, {"end_accommodation": "suitable", "end_ete": "not_suitable", **_based_on(page)}
    )
    assert response.status_code == 302
    camden_child.refresh_from_db()
    assert (camden_child.end_accommodation, camden_child.end_ete) == ("suitable", "not_suitable")
    assert AuditEvent.objects.filter(child=camden_child, action="child.changed").exists()


def _based_on(page) -> dict:
    form = page.context["form"]
    return {"based_on": form.initial.get("based_on", "")}


def test_a_value_that_is_not_a_choice_is_refused_with_a_message(camden_child, amara, client_for):
    client = client_for(amara)
    url = reverse("children:end-of-order", args=[camden_child.public_id])
    response = client.post(url, {"end_accommodation": "palace", "end_ete": ""})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    camden_child.refresh_from_db()
    assert camden_child.end_accommodation == ""


def test_the_service_checks_its_own_rules(camden_child, amara, ben):
    with pytest.raises(DomainError):
        services.record_end_of_order(Actor(amara), camden_child, end_accommodation="x")
    with pytest.raises(PermissionDenied):
        services.record_end_of_order(Actor(ben), camden_child, end_accommodation="suitable")
    changed = services.record_end_of_order(
        Actor(amara), camden_child, end_accommodation="suitable", end_ete=""
    )
    assert changed == ["end_accommodation"]
