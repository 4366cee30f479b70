"""Setting up an authenticator app, and recovery codes shown once."""

from __future__ import annotations

import re
from base64 import b32decode, b64decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts import reauth, recovery_codes

from .mfa_helpers import (
    CASELOAD,
    actions_for,
    age_reauthentication,
    code_for,
    give_authenticator,
    give_recovery_codes,
    let_code_be_used_again,
    sign_in,
    sign_in_with_code,
    with_next,
    wrong_code_for,
)
from .mfa_helpers import stored as stored_code

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:mfa-setup")
RECOVERY_CODES = reverse("accounts:mfa-recovery-codes")


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED = True


def pending_device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def shown_codes(html: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{4} [a-z2-7]{4})</code></li>", html)


def test_setting_up_an_app_with_the_right_code_verifies_and_shows_ten_recovery_codes(
    mfa_required, client, amara, camden_child
):
    sign_in(client, amara, next_url=CASELOAD)
    page = client.get(with_next("accounts:mfa-setup", CASELOAD))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Set up your authenticator app" in html
    device = pending_device(amara)

    response = client.post(SETUP, {"code": code_for(device), "next": CASELOAD})

    assert response.status_code == 302
    assert response.url == RECOVERY_CODES
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(RECOVERY_CODES).content.decode()
    assert "Save your recovery codes" in codes_page
    assert "I have saved my recovery codes" in codes_page
    codes = shown_codes(codes_page)
    assert len(codes) == 10
    assert len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=amara).values_list("token", flat=True))
    # Only digests are stored, never the codes.
    assert stored == {recovery_codes.digest(code.replace(" ", "")) for code in codes}
    # The session gave a code, so the service is open.
    assert client.get(CASELOAD).status_code == 200
    assert actions_for(amara) == [
        "user.signed_in",
        "user.mfa_enrolled",
        "user.recovery_codes_created",
    ]


def test_recovery_codes_are_shown_once(mfa_required, client, amara, camden_child):
    sign_in(client, amara, next_url=CASELOAD)
    client.get(SETUP)
    client.post(SETUP, {"code": code_for(pending_device(amara)), "next": CASELOAD})
    assert len(shown_codes(client.get(RECOVERY_CODES).content.decode())) == 10

    response = client.post(RECOVERY_CODES)

    assert response.status_code == 302
    assert response.url == CASELOAD
    again = client.get(RECOVERY_CODES)
    assert again.status_code == 302
    assert again.url == reverse("accounts:account")


def test_wrong_code_when_setting_up_gives_a_govuk_error(mfa_required, client, amara):
    sign_in(client, amara)
    first = client.get(SETUP).content.decode()
    device = pending_device(amara)

    response = client.post(SETUP, {"code": wrong_code_for(device)})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_code"' in html
    assert "The code is not correct" in html
    device.refresh_from_db()
    assert not device.confirmed
    assert actions_for(amara)[-1] == "user.mfa_failed"
    # The same key is still offered, so the app the person just set up still works.
    assert _secret(html) == _secret(first)
    assert client.get(CASELOAD).status_code == 302


def _secret(html: str) -> str:
    match = re.search(r"<code>((?:[A-Z2-7]{4} ?){8})</code>", html)
    assert match, "the key for typing into the app is shown"
    return match.group(1)


def test_setup_page_shows_a_qr_code_image_and_the_key_in_groups(mfa_required, client, amara):
    sign_in(client, amara)
    html = client.get(SETUP).content.decode()
    device = pending_device(amara)

    secret = _secret(html)
    assert b32decode(secret.replace(" ", "")) == device.bin_key
    match = re.search(
        r'<img src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]+)"', html
    )
    assert match
    assert b64decode(match.group(1)).decode().lstrip().startswith("<?xml")
    assert "<svg" in b64decode(match.group(1)).decode()
    assert "QR code" in match.group(2)
    # Nothing inline that the content security policy would block.
    assert "<script>" not in html
    assert "style=" not in html


def test_reloading_the_setup_page_keeps_the_same_key(mfa_required, client, amara):
    sign_in(client, amara)
    first = _secret(client.get(SETUP).content.decode())
    second = _secret(client.get(SETUP).content.decode())
    assert first == second
    assert TOTPDevice.objects.filter(user=amara).count() == 1


def test_setting_up_needs_the_password_given_within_five_minutes(mfa_required, client, amara):
    sign_in(client, amara)
    age_reauthentication(client, 301)

    response = client.get(SETUP)

    assert response.status_code == 302
    assert response.url == reauth.reauthenticate_url(SETUP)
    # Confirming the password (the page is open before a code is given) leads back.
    response = client.post(
        reauth.reauthenticate_url(SETUP), {"password": "correct horse battery staple"}
    )
    assert response.url == SETUP
    assert client.get(SETUP).status_code == 200


def test_new_app_from_the_account_page_replaces_the_old_one_and_its_codes(
    client, amara, camden_child
):
    old = give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345"])
    sign_in_with_code(client, amara, old)
    # Signing in just now counts as confirming it is you.
    page = client.get(with_next("accounts:mfa-setup", reverse("accounts:account")))
    assert page.status_code == 200
    assert "your old authenticator app and your old recovery codes will stop working" in (
        page.content.decode()
    )
    new = pending_device(amara)

    client.post(SETUP, {"code": code_for(new), "next": reverse("accounts:account")})

    assert list(TOTPDevice.objects.filter(user=amara)) == [new]
    assert not StaticToken.objects.filter(token=stored_code("abcd2345")).exists()
    assert StaticToken.objects.filter(device__user=amara).count() == 10
    response = client.post(RECOVERY_CODES)
    assert response.url == reverse("accounts:account")
    assert client.get(CASELOAD).status_code == 200


def test_replacing_an_app_later_needs_password_and_code_again(client, amara):
    device = give_authenticator(amara)
    sign_in_with_code(client, amara, device)
    age_reauthentication(client, 301)

    response = client.get(SETUP)
    assert response.url == reauth.reauthenticate_url(SETUP)

    page = client.get(response.url).content.decode()
    assert "Code from your authenticator app" in page
    let_code_be_used_again(device)
    response = client.post(
        response.url, {"password": "correct horse battery staple", "code": code_for(device)}
    )
    assert response.url == SETUP
    assert client.get(SETUP).status_code == 200
