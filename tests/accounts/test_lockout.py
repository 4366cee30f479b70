"""Lockout after repeated failed sign-ins, by email address and network address together."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from ..conftest import PASSWORD

SIGN_IN = reverse("accounts:sign-in")
CASELOAD = reverse("children:caseload")
HOME_ADDRESS = "192.0.2.1"
OTHER_ADDRESS = "198.51.100.7"

pytestmark = pytest.mark.django_db


def attempt(client: Client, username: str, password: str, address: str = HOME_ADDRESS):
    return client.post(SIGN_IN, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_until_locked(client: Client, username: str) -> list[int]:
    return [
        attempt(client, username, f"wrong guess {n}").status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]


def test_lockout_limit_is_five_failures():
    assert settings.AXES_FAILURE_LIMIT == 5


def test_four_failures_still_allow_the_right_password(client, amara):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "amara@camden.test", f"wrong guess {n}")
        assert response.status_code == 200
        assert "Enter a correct email address and password" in response.content.decode()
    assert attempt(client, "amara@camden.test", PASSWORD).status_code == 302


def test_after_five_failures_even_the_right_password_is_refused(client, amara):
    statuses = fail_until_locked(client, "amara@camden.test")
    assert statuses[:-1] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    # The fifth failure reaches the limit and is answered with the locked-out page.
    assert statuses[-1] == 429

    response = attempt(client, "amara@camden.test", PASSWORD)
    assert response.status_code == 429
    content = response.content.decode()
    assert "You cannot sign in for now" in content
    assert "Enter a correct email address and password" not in content
    assert not response.wsgi_request.user.is_authenticated
    # Not signed in: the caseload still sends them to sign in.
    assert client.get(CASELOAD).status_code == 302


def test_lockout_counts_the_email_however_it_is_typed(client, amara):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "Amara@Camden.test" if n % 2 else "amara@camden.test", f"guess {n}")
    assert attempt(client, "AMARA@CAMDEN.TEST", PASSWORD).status_code == 429


def test_same_email_from_another_address_can_still_sign_in(client, amara):
    fail_until_locked(client, "amara@camden.test")
    response = attempt(Client(), "amara@camden.test", PASSWORD, address=OTHER_ADDRESS)
    assert response.status_code == 302
    assert response.wsgi_request.user == amara


def test_another_email_from_the_same_address_can_still_sign_in(client, amara, ben):
    fail_until_locked(client, "amara@camden.test")
    response = attempt(Client(), "ben@hackney.test", PASSWORD)
    assert response.status_code == 302
    assert response.wsgi_request.user == ben


def test_successful_sign_in_resets_the_failure_count(client, amara):
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "amara@camden.test", f"wrong guess {n}")
    assert attempt(client, "amara@camden.test", PASSWORD).status_code == 302
    client.post(reverse("accounts:sign-out"))
    # The count starts again, so four more failures do not lock the account.
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "amara@camden.test", f"again {n}").status_code == 200
    assert attempt(client, "amara@camden.test", PASSWORD).status_code == 302
