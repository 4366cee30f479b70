"""A youth justice service manager proposes a change to a service in their borough; the lead
reads the difference and accepts it (the change is made) or rejects it with a reason."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent
from resettle.core.errors import DomainError
from resettle.directory import services
from resettle.directory.models import Proposal
from resettle.directory.queries import service_detail
from resettle.directory.values import values_of

from ..factories import UserFactory
from .helpers import make_service
from .test_curation import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def hana(hackney):
    return UserFactory(
        email="hana@hackney.test", full_name="Hana Ali", organisation=hackney, role="yjs_manager"
    )


def propose(user, service, **values):
    return services.propose_change(
        Actor(user, via=WEB), service_detail(service.id), reason="Phoned them today", **values
    )


def test_the_camden_manager_proposes_a_change_and_the_lead_accepts_it(
    client_for, priya, dev, camden_service
):
    data = form_data(values_of(service_detail(camden_service.id)))
    data.update(phone="020 7946 0777", wait_time="About a month", reason="Phoned them today")
    response = client_for(priya).post(
        reverse("directory:service-propose", args=[camden_service.id]), data
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("directory:proposal", args=[proposal.public_id])
    assert proposal.changes == {"phone": "020 7946 0777", "wait_time": "About a month"}
    assert proposal.before == {"phone": "020 7946 0001", "wait_time": "About two weeks"}
    assert values_of(service_detail(camden_service.id))["phone"] == "020 7946 0001"  # not yet

    page = client_for(dev).get(reverse("directory:proposal", args=[proposal.public_id]))
    html = page.content.decode()
    assert "020 7946 0001" in html and "<strong>020 7946 0777</strong>" in html
    assert "Priya Shah, Camden Youth Justice Service" in html

    decided = client_for(dev).post(
        reverse("directory:proposal", args=[proposal.public_id]), {"decision": "accept"}
    )
    assert decided.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.decided_by == dev
    values = values_of(service_detail(camden_service.id))
    assert (values["phone"], values["wait_time"]) == ("020 7946 0777", "About a month")
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"directory.change_proposed", "directory.proposal_accepted"} <= actions
    history = client_for(priya).get(reverse("directory:service-history", args=[camden_service.id]))
    assert "Changed by accepting a proposal" in history.content.decode()


def test_a_rejection_needs_a_reason_and_changes_nothing(client_for, priya, dev, camden_service):
    proposal = propose(priya, camden_service, phone="020 7946 0777")
    url = reverse("directory:proposal", args=[proposal.public_id])
    refused = client_for(dev).post(url, {"decision": "reject", "note": ""})
    assert "Say why the proposal is rejected" in refused.content.decode()
    client_for(dev).post(url, {"decision": "reject", "note": "The old number still works"})
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    assert values_of(service_detail(camden_service.id))["phone"] == "020 7946 0001"
    mine = client_for(priya).get(reverse("directory:proposals") + "?show=decided")
    assert "Rejected" in mine.content.decode()
    assert "The old number still works" in client_for(priya).get(url).content.decode()


def test_a_proposal_is_decided_once(priya, dev, camden_service):
    proposal = propose(priya, camden_service, phone="020 7946 0777")
    services.accept_proposal(Actor(dev, via=WEB), proposal)
    with pytest.raises(DomainError, match="already been decided"):
        services.reject_proposal(Actor(dev, via=WEB), proposal, note="Too late")


def test_a_proposal_that_changes_nothing_is_refused(priya, camden_service):
    with pytest.raises(DomainError, match="You have not changed anything"):
        propose(priya, camden_service)


def test_a_manager_proposes_only_for_services_in_their_borough(hana, dev, provider, camden_service):
    with pytest.raises(PermissionDenied):
        propose(hana, camden_service, phone="020 7946 0777")
    london = make_service(dev, provider, name="London Mentors", areas=["london"])
    assert propose(hana, london, phone="020 7946 0778").organisation.slug == "hackney"


def test_managers_see_only_their_own_service_s_proposals(client_for, priya, hana, camden_service):
    proposal = propose(priya, camden_service, phone="020 7946 0777")
    url = reverse("directory:proposal", args=[proposal.public_id])
    assert client_for(hana).get(url).status_code == 403
    assert (
        "Second Start Motor Skills"
        not in client_for(hana).get(reverse("directory:proposals")).content.decode()
    )
    assert (
        "Second Start Motor Skills"
        in client_for(priya).get(reverse("directory:proposals")).content.decode()
    )


def test_the_manager_cannot_decide_their_own_proposal(client_for, priya, camden_service):
    proposal = propose(priya, camden_service, phone="020 7946 0777")
    url = reverse("directory:proposal", args=[proposal.public_id])
    assert client_for(priya).post(url, {"decision": "accept"}).status_code == 403
    proposal.refresh_from_db()
    assert proposal.is_open


def test_a_proposal_form_with_several_problems_shows_them_all(client_for, priya, camden_service):
    data = form_data(values_of(service_detail(camden_service.id)))
    data.update(minimum_age="fifteen", phone="")
    response = client_for(priya).post(
        reverse("directory:service-propose", args=[camden_service.id]), data
    )
    html = response.content.decode()
    assert "Enter the age as a whole number, like 16" in html
    assert "Say why the service should change, and how you know" in html
    assert not Proposal.objects.exists()
