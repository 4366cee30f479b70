"""Idle and absolute session limits, and no caching of signed-in pages."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.middleware import LAST_SEEN, SIGNED_IN_AT

CASELOAD = reverse("children:caseload")
MINUTE = 60
HOUR = 60 * MINUTE

pytestmark = pytest.mark.django_db


def age_session(client: Client, *, signed_in_ago: int, last_seen_ago: int) -> None:
    """Pretend the session began `signed_in_ago` seconds ago and was last used `last_seen_ago`."""
    now = int(time.time())
    session = client.session
    session[SIGNED_IN_AT] = now - signed_in_ago
    session[LAST_SEEN] = now - last_seen_ago
    session.save()


def test_anonymous_request_for_children_is_sent_to_sign_in(client):
    response = client.get(CASELOAD)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:sign-in')}?next={CASELOAD}"


def test_first_request_after_sign_in_stamps_the_session(client_for, amara):
    client = client_for(amara)
    assert client.get(CASELOAD).status_code == 200
    assert SIGNED_IN_AT in client.session
    assert LAST_SEEN in client.session


def test_activity_within_thirty_minutes_keeps_the_session(client_for, amara):
    client = client_for(amara)
    age_session(client, signed_in_ago=2 * HOUR, last_seen_ago=29 * MINUTE)
    assert client.get(CASELOAD).status_code == 200
    # The request counts as activity.
    assert int(time.time()) - client.session[LAST_SEEN] < MINUTE


def test_idle_for_over_thirty_minutes_signs_you_out(client_for, amara):
    client = client_for(amara)
    age_session(client, signed_in_ago=HOUR, last_seen_ago=31 * MINUTE)
    response = client.get(CASELOAD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signed-out-inactive")

    page = client.get(response.url)
    assert page.status_code == 200
    assert "You were signed out because you were inactive" in page.content.decode()
    # Really signed out: the caseload now needs a sign-in.
    again = client.get(CASELOAD)
    assert again.status_code == 302
    assert again.url.startswith(reverse("accounts:sign-in"))


def test_over_twelve_hours_signs_you_out_however_active(client_for, amara):
    client = client_for(amara)
    age_session(client, signed_in_ago=12 * HOUR + MINUTE, last_seen_ago=MINUTE)
    response = client.get(CASELOAD)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signed-out-expired")

    page = client.get(response.url)
    assert "Your session has ended" in page.content.decode()
    assert client.get(CASELOAD).status_code == 302


def test_just_under_twelve_hours_is_still_signed_in(client_for, amara):
    client = client_for(amara)
    age_session(client, signed_in_ago=12 * HOUR - MINUTE, last_seen_ago=MINUTE)
    assert client.get(CASELOAD).status_code == 200


def test_signed_out_pages_can_be_seen_without_signing_in(client):
    for name, text in [
        ("accounts:signed-out", "You have signed out"),
        ("accounts:signed-out-inactive", "You were signed out because you were inactive"),
        ("accounts:signed-out-expired", "Your session has ended"),
    ]:
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert text in response.content.decode()


def test_pages_for_a_signed_in_user_are_never_stored(client_for, amara, camden_child):
    client = client_for(amara)
    for url in [
        CASELOAD,
        reverse("children:detail", args=[camden_child.public_id]),
        reverse("children:edit", args=[camden_child.public_id]),
        reverse("children:history", args=[camden_child.public_id]),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        cache_control = response["Cache-Control"]
        assert "no-store" in cache_control
        assert "private" in cache_control
