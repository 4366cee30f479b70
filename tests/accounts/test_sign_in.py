"""Signing in and out with an email address and password."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from resettle.audit.models import AuditEvent

from ..conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
SIGN_OUT = reverse("accounts:sign-out")
CASELOAD = reverse("children:caseload")

pytestmark = pytest.mark.django_db


def sign_in(client: Client, username: str, password: str, **extra):
    return client.post(SIGN_IN, {"username": username, "password": password}, **extra)


def session_key(client: Client) -> str | None:
    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    return cookie.value if cookie else None


def test_sign_in_page_shows_the_form_to_anyone(client):
    response = client.get(SIGN_IN)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sign in to Resettle" in content
    assert 'name="username"' in content
    assert 'type="password"' in content


def test_case_worker_who_signs_in_lands_on_their_caseload(client, amara, camden_child):
    response = sign_in(client, "amara@camden.test", PASSWORD, follow=True)
    assert response.redirect_chain[-1][0] == CASELOAD
    assert response.status_code == 200
    assert "My caseload" in response.content.decode()
    assert "Jay" in response.content.decode()


def test_sign_in_follows_a_safe_next_address(client, amara, camden_child):
    detail = reverse("children:detail", args=[camden_child.public_id])
    response = client.post(
        f"{SIGN_IN}?next={detail}", {"username": "amara@camden.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == detail


def test_sign_in_ignores_a_next_address_on_another_site(client, amara):
    response = client.post(
        f"{SIGN_IN}?next=https://evil.example/steal",
        {"username": "amara@camden.test", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert "evil.example" not in response.url


def test_wrong_password_shows_the_error_and_keeps_the_email(client, amara):
    response = sign_in(client, "amara@camden.test", "not the password")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enter a correct email address and password" in content
    assert "There is a problem" in content
    assert 'value="amara@camden.test"' in content
    # The password is never sent back to the browser.
    assert "not the password" not in content
    assert not response.wsgi_request.user.is_authenticated


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client, amara):
    response = sign_in(client, "nobody@camden.test", PASSWORD)
    assert response.status_code == 200
    assert "Enter a correct email address and password" in response.content.decode()


def test_empty_fields_give_the_govuk_messages_linked_to_the_fields(client):
    response = sign_in(client, "", "")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<a href="#id_username">Enter your email address</a>' in content
    assert '<a href="#id_password">Enter your password</a>' in content


def test_badly_formed_email_is_explained(client):
    response = sign_in(client, "amara-at-camden", PASSWORD)
    content = response.content.decode()
    assert "Enter an email address in the correct format, like name@example.org" in content
    assert 'value="amara-at-camden"' in content


def test_email_address_is_not_case_sensitive(client, amara):
    response = sign_in(client, "  AMARA@Camden.TEST ", PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user == amara


def test_deactivated_user_cannot_sign_in(client, amara):
    amara.is_active = False
    amara.save()
    response = sign_in(client, "amara@camden.test", PASSWORD)
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_signing_in_gives_a_new_session_id(client, amara):
    before = client.session.session_key
    assert before
    response = sign_in(client, "amara@camden.test", PASSWORD)
    assert response.status_code == 302
    after = session_key(client)
    assert after and after != before
    assert not Session.objects.filter(session_key=before).exists()


def test_signing_in_is_audited(client, amara):
    sign_in(client, "amara@camden.test", PASSWORD, REMOTE_ADDR="192.0.2.10")
    event = AuditEvent.objects.get(action="user.signed_in")
    assert event.actor == amara
    assert event.actor_email == "amara@camden.test"
    assert event.organisation_id == amara.organisation_id
    assert event.role == amara.role
    assert event.ip_address == "192.0.2.10"
    assert event.child is None


def test_failed_sign_in_is_not_audited_as_a_sign_in(client, amara):
    sign_in(client, "amara@camden.test", "wrong password")
    assert not AuditEvent.objects.filter(action="user.signed_in").exists()


def test_signed_in_user_visiting_sign_in_is_sent_on(client_for, amara):
    response = client_for(amara).get(SIGN_IN)
    assert response.status_code == 302


def test_sign_out_ends_the_session_and_shows_the_signed_out_page(client, amara):
    sign_in(client, "amara@camden.test", PASSWORD)
    old_key = session_key(client)
    response = client.post(SIGN_OUT, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:signed-out")
    assert "You have signed out" in response.content.decode()
    assert not Session.objects.filter(session_key=old_key).exists()
    assert AuditEvent.objects.filter(action="user.signed_out", actor=amara).count() == 1

    after = client.get(CASELOAD)
    assert after.status_code == 302
    assert after.url.startswith(SIGN_IN)


def test_get_to_sign_out_does_not_sign_out(client_for, amara):
    client = client_for(amara)
    response = client.get(SIGN_OUT)
    assert response.status_code == 405
    assert client.get(CASELOAD).status_code == 200
    assert not AuditEvent.objects.filter(action="user.signed_out").exists()


def test_sign_out_without_a_session_is_harmless(client):
    response = client.post(SIGN_OUT)
    assert response.status_code == 302
    assert response.url == reverse("accounts:signed-out")
    assert not AuditEvent.objects.exists()


def _address_of_length(length: int) -> str:
    """A well-formed email address `length` characters long (labels of at most 63)."""
    local = "a" * 64
    domain_length = length - len(local) - 1 - len(".test")
    labels = []
    while domain_length > 0:
        label = min(63, domain_length)
        if 0 < domain_length - label - 1 < 2:  # leave at least 2 for the next label and its dot
            label -= 2
        labels.append("b" * label)
        domain_length -= label + 1
    address = f"{local}@{'.'.join(labels)}.test"
    assert len(address) == length, len(address)
    return address


@pytest.mark.parametrize("length", [255, 256, 300, 320])
def test_an_email_longer_than_any_mailbox_is_refused_before_it_is_checked(client, length):
    """Longer than the lockout table's column: on PostgreSQL this was a server error."""
    response = sign_in(client, _address_of_length(length), "a guess")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<a href="#id_username">Email address must be 254 characters or fewer</a>' in content
    # authenticate() never ran, so nothing was written to the lockout tables.
    assert not AccessAttempt.objects.exists()
    assert not AccessFailureLog.objects.exists()


def test_the_longest_possible_email_is_still_checked_as_usual(client, amara):
    response = sign_in(client, _address_of_length(254), "a guess")
    assert "Enter a correct email address and password" in response.content.decode()
