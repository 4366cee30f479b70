"""Recording legal status; a placement in a secure establishment offers to share with it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.access.models import Share
from resettle.audit.models import AuditEvent
from resettle.children.models import LegalStatusEpisode
from resettle.core.dates import today

pytestmark = pytest.mark.django_db


def date_fields(prefix, value):
    return {
        f"{prefix}_day": value.day,
        f"{prefix}_month": value.month,
        f"{prefix}_year": value.year,
    }


def test_sentence_to_feltham_offers_to_share_with_feltham(
    client_for, amara, chloe, feltham, camden_child
):
    client = client_for(amara)
    release = today() + timedelta(days=120)
    response = client.post(
        reverse("children:legal-status-add", args=[camden_child.public_id]),
        {
            "status": "sentenced_custody",
            "sentence_type": "dto",
            "establishment": feltham.pk,
            **date_fields("starts_on", today()),
            **date_fields("expected_release_on", release),
        },
    )
    episode = LegalStatusEpisode.across_children.get(child=camden_child)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?placement={episode.public_id}")
    offer = client.get(response["Location"]).content.decode()
    assert "You recorded that Jay is at HMYOI Feltham" in offer
    assert "Placed at HMYOI Feltham" in offer  # purpose filled in
    assert f'value="{(release + timedelta(days=90)).day}"' in offer
    assert AuditEvent.objects.filter(action="child.legal_status_recorded").exists()
    # Accepting the offer is an ordinary share.
    ends = release + timedelta(days=90)
    client.post(
        reverse("access:share-add", args=[camden_child.public_id]),
        {
            "organisation": feltham.pk,
            "purpose": "Placed at HMYOI Feltham",
            **date_fields("ends_on", ends),
        },
    )
    assert Share.across_children.active().filter(child=camden_child, organisation=feltham).exists()
    assert (
        client_for(chloe).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 200
    )


def test_no_offer_when_already_shared(client_for, amara, feltham, camden_child):
    Share.objects.create(
        child=camden_child, organisation=feltham, purpose="x", ends_on=today() + timedelta(days=10)
    )
    response = client_for(amara).post(
        reverse("children:legal-status-add", args=[camden_child.public_id]),
        {"status": "remand_yda", "establishment": feltham.pk, **date_fields("starts_on", today())},
    )
    assert response["Location"] == reverse("children:detail", args=[camden_child.public_id])


def test_custody_needs_an_establishment_and_sentence_details(client_for, amara, camden_child):
    response = client_for(amara).post(
        reverse("children:legal-status-add", args=[camden_child.public_id]),
        {"status": "sentenced_custody", **date_fields("starts_on", today())},
    )
    body = response.content.decode()
    assert "Choose the secure establishment" in body
    assert "Select the sentence" in body
    assert "Enter the expected release date" in body
    assert not LegalStatusEpisode.across_children.exists()


def test_order_ended_sets_the_date_retention_counts_from(client_for, amara, camden_child):
    ended = today() - timedelta(days=3)
    client_for(amara).post(
        reverse("children:legal-status-add", args=[camden_child.public_id]),
        {"status": "order_ended", **date_fields("starts_on", ended)},
    )
    camden_child.refresh_from_db()
    assert camden_child.order_ended_on == ended


def test_current_legal_status_shows_in_the_childs_header(client_for, amara, feltham, camden_child):
    LegalStatusEpisode.objects.create(
        child=camden_child, status="remand_yda", establishment=feltham, starts_on=today()
    )
    body = (
        client_for(amara)
        .get(reverse("children:detail", args=[camden_child.public_id]))
        .content.decode()
    )
    assert "Remanded to youth detention accommodation, HMYOI Feltham" in body


def test_shared_practitioner_cannot_record_legal_status(client_for, chloe, feltham, camden_child):
    Share.objects.create(
        child=camden_child, organisation=feltham, purpose="x", ends_on=today() + timedelta(days=10)
    )
    response = client_for(chloe).get(
        reverse("children:legal-status-add", args=[camden_child.public_id])
    )
    assert response.status_code == 403
