"""Behind proxies, lockout, the audit trail and the session list use the client's own address.

RESETTLE_PROXY_COUNT (the setting PROXY_COUNT) says how many proxies sit in front of Resettle, each
adding the address it was reached from to X-Forwarded-For. The client is that many entries from
the right; anything further left was written by the client and is not believed.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from resettle.accounts.models import UserSession
from resettle.audit.actors import client_address
from resettle.audit.models import AuditEvent

from ..conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
PROXY = "10.0.0.5"
ALICE_HOME = "192.0.2.1"
BOB_HOME = "198.51.100.7"

pytestmark = pytest.mark.django_db


def through_one_proxy(forwarded_for: str) -> dict:
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded_for}


def address_of(**meta) -> str | None:
    return client_address(RequestFactory().get("/", **meta))


def test_without_proxies_the_forwarded_header_is_ignored():
    assert settings.PROXY_COUNT == 0
    assert address_of(**through_one_proxy(ALICE_HOME)) == PROXY


@override_settings(PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_last_forwarded_address():
    assert address_of(**through_one_proxy(ALICE_HOME)) == ALICE_HOME


@override_settings(PROXY_COUNT=1)
def test_an_address_the_client_forged_in_the_header_is_not_believed():
    # The client sent "X-Forwarded-For: 203.0.113.9"; the proxy appended the real address.
    assert address_of(**through_one_proxy(f"203.0.113.9, {ALICE_HOME}")) == ALICE_HOME


@override_settings(PROXY_COUNT=2)
def test_behind_two_proxies_the_client_is_second_from_the_right():
    forwarded = f"203.0.113.9, {ALICE_HOME}, 10.0.0.4"
    assert address_of(**through_one_proxy(forwarded)) == ALICE_HOME


@override_settings(PROXY_COUNT=1)
def test_a_request_that_did_not_come_through_the_proxy_uses_its_own_address():
    assert address_of(REMOTE_ADDR="10.0.0.9") == "10.0.0.9"
    assert address_of(REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="not an address") == "10.0.0.9"


def attempt(client: Client, password: str, forwarded_for: str):
    return client.post(
        SIGN_IN,
        {"username": "amara@camden.test", "password": password},
        **through_one_proxy(forwarded_for),
    )


@override_settings(PROXY_COUNT=1)
def test_a_lockout_behind_a_proxy_locks_out_the_guesser_not_everyone(amara):
    guesser = Client()
    statuses = [
        attempt(guesser, f"wrong {n}", BOB_HOME).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses[-1] == 429
    assert attempt(guesser, PASSWORD, BOB_HOME).status_code == 429
    # Amara, at home behind the same proxy, still signs in.
    response = attempt(Client(), PASSWORD, ALICE_HOME)
    assert response.status_code == 302
    assert response.wsgi_request.user == amara


@override_settings(PROXY_COUNT=1)
def test_the_audit_trail_and_session_list_record_the_clients_address(amara):
    attempt(Client(), PASSWORD, f"203.0.113.9, {ALICE_HOME}")
    assert AuditEvent.objects.get(action="user.signed_in").ip_address == ALICE_HOME
    assert UserSession.objects.get(user=amara).ip_address == ALICE_HOME
