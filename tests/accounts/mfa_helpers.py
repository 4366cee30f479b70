"""Helpers for the two-factor and session tests: signing in through the real pages, and codes."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts import reauth, recovery_codes
from resettle.audit.models import AuditEvent

PASSWORD = "correct horse battery staple"
CASELOAD = reverse("children:caseload")


def with_next(name: str, next_url: str) -> str:
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def sign_in(client: Client, user, next_url: str = ""):
    """The password step, as a person does it."""
    url = reverse("accounts:sign-in")
    if next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return client.post(url, {"username": user.email, "password": PASSWORD})


def give_authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def give_recovery_codes(user, codes: list[str]) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    for code in codes:
        StaticToken.objects.create(device=device, token=stored(code))
    return device


def stored(code: str) -> str:
    """What is stored for a recovery code: its digest, never the code."""
    return recovery_codes.digest(code)


def code_for(device: TOTPDevice) -> str:
    """The code the person's app shows now."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def let_code_be_used_again(device: TOTPDevice) -> None:
    """A code is accepted once per 30 seconds; tests that need a second code do not wait."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)


def wrong_code_for(device: TOTPDevice) -> str:
    right = int(code_for(device))
    return f"{(right + 500_000) % 1_000_000:06d}"


def sign_in_with_code(client: Client, user, device: TOTPDevice) -> None:
    response = sign_in(client, user)
    assert response.status_code == 302
    response = client.post(reverse("accounts:mfa-verify"), {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()


def age_reauthentication(client: Client, seconds: int) -> None:
    """Pretend the password (and code) were given `seconds` ago."""
    session = client.session
    for key in (reauth.PASSWORD_AT, reauth.CODE_AT):
        if key in session:
            session[key] = int(time.time()) - seconds
    session.save()


def actions_for(user) -> list[str]:
    return list(
        AuditEvent.objects.filter(actor=user).order_by("id").values_list("action", flat=True)
    )
