"""Your account: confirming it is you before changing your password or two-factor sign-in."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken

from resettle.accounts import reauth
from resettle.accounts.models import UserSession
from resettle.audit.models import AuditEvent

from .mfa_helpers import (
    CASELOAD,
    PASSWORD,
    actions_for,
    age_reauthentication,
    code_for,
    give_authenticator,
    give_recovery_codes,
    let_code_be_used_again,
    sign_in,
    sign_in_with_code,
    stored,
)

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")
PASSWORD_CHANGE = reverse("accounts:password-change")
NEW_CODES = reverse("accounts:mfa-new-recovery-codes")
NEW_PASSWORD = "plum tractor seaside lantern"


def confirm_password(client: Client, next_url: str = PASSWORD_CHANGE, **extra):
    return client.post(reauth.reauthenticate_url(next_url), {"password": PASSWORD, **extra})


def test_account_page_offers_password_and_two_factor_changes(client_for, amara):
    response = client_for(amara).get(ACCOUNT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your account" in html
    assert "amara@camden.test" in html
    assert "Change password" in html
    assert "Set up an authenticator app" in html
    assert "Not set up" in html


def test_account_page_shows_the_app_and_codes_left_for_someone_with_an_app(client, amara):
    device = give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345", "efgh6723", "ijkl2345"])
    sign_in_with_code(client, amara, device)
    html = client.get(ACCOUNT).content.decode()
    assert "Set up a new authenticator app" in html
    assert "Get new recovery codes" in html
    assert "3 codes left" in html


def test_changing_password_needs_the_password_first(client_for, amara):
    client = client_for(amara)
    response = client.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response.url == reauth.reauthenticate_url(PASSWORD_CHANGE)
    page = client.get(response.url)
    assert "Confirm it is you" in page.content.decode()
    assert "Code from your authenticator app" not in page.content.decode()


def test_wrong_password_when_confirming_is_a_govuk_error(client_for, amara):
    client = client_for(amara)
    response = client.post(reauth.reauthenticate_url(PASSWORD_CHANGE), {"password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_password"' in html
    assert "The password is not correct" in html
    assert client.get(PASSWORD_CHANGE).status_code == 302


def test_empty_password_when_confirming_is_explained(client_for, amara):
    response = client_for(amara).post(reauth.reauthenticate_url(PASSWORD_CHANGE), {})
    assert "Enter your password" in response.content.decode()


def test_password_change_works_keeps_you_signed_in_and_is_audited(client_for, amara):
    client = client_for(amara)
    response = confirm_password(client)
    assert response.status_code == 302
    assert response.url == PASSWORD_CHANGE
    assert client.get(PASSWORD_CHANGE).status_code == 200

    response = client.post(
        PASSWORD_CHANGE, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response.url == ACCOUNT
    amara.refresh_from_db()
    assert amara.check_password(NEW_PASSWORD)
    page = client.get(ACCOUNT)
    assert page.status_code == 200
    assert "Your password has been changed" in page.content.decode()
    assert "user.password_changed" in actions_for(amara)
    # The session row follows the session to its new id.
    assert UserSession.objects.filter(session_key=client.session.session_key).exists()


def test_confirming_it_is_you_expires_after_five_minutes(client_for, amara):
    client = client_for(amara)
    confirm_password(client)
    age_reauthentication(client, 299)
    assert client.get(PASSWORD_CHANGE).status_code == 200

    age_reauthentication(client, 301)
    response = client.get(PASSWORD_CHANGE)
    assert response.status_code == 302
    assert response.url == reauth.reauthenticate_url(PASSWORD_CHANGE)
    response = client.post(
        PASSWORD_CHANGE, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    amara.refresh_from_db()
    assert not amara.check_password(NEW_PASSWORD)


def test_new_password_must_pass_the_password_rules(client_for, amara):
    client = client_for(amara)
    confirm_password(client)
    response = client.post(PASSWORD_CHANGE, {"new_password1": "short", "new_password2": "short"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "at least 12 characters" in html
    assert 'href="#id_new_password1"' in html


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"new_password1": NEW_PASSWORD, "new_password2": "something else"}, "do not match"),
        ({"new_password1": "", "new_password2": ""}, "Enter a new password"),
        ({"new_password1": PASSWORD, "new_password2": PASSWORD}, "must be different"),
        ({"new_password1": "password123456", "new_password2": "password123456"}, "too common"),
    ],
)
def test_new_password_mistakes_are_explained(client_for, amara, data, message):
    client = client_for(amara)
    confirm_password(client)
    response = client.post(PASSWORD_CHANGE, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    amara.refresh_from_db()
    assert amara.check_password(PASSWORD)


def test_password_change_signs_you_out_everywhere_else(client_for, amara, camden_child):
    elsewhere = client_for(amara)
    here = client_for(amara)
    confirm_password(here)
    here.post(PASSWORD_CHANGE, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert here.get(CASELOAD).status_code == 200
    response = elsewhere.get(CASELOAD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))
    assert UserSession.objects.filter(user=amara).count() == 1
    event = AuditEvent.objects.get(action="user.password_changed")
    assert event.detail == {"other_sessions_ended": 1}


def test_someone_with_an_app_must_also_give_a_code_to_confirm(client, amara):
    device = give_authenticator(amara)
    sign_in_with_code(client, amara, device)
    age_reauthentication(client, 301)

    response = confirm_password(client)
    assert response.status_code == 200
    assert "Enter the 6-digit code from your authenticator app" in response.content.decode()

    let_code_be_used_again(device)
    response = confirm_password(client, code="000000" if code_for(device) != "000000" else "111111")
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert actions_for(amara)[-1] == "user.mfa_failed"

    let_code_be_used_again(device)
    device.throttle_reset()
    response = confirm_password(client, code=code_for(device))
    assert response.status_code == 302
    assert response.url == PASSWORD_CHANGE


def test_a_recovery_code_also_confirms_it_is_you(client, amara):
    device = give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345"])
    sign_in_with_code(client, amara, device)
    age_reauthentication(client, 301)

    response = confirm_password(client, code="abcd 2345")

    assert response.url == PASSWORD_CHANGE
    assert not StaticToken.objects.filter(token=stored("abcd2345")).exists()


def test_wrong_password_does_not_use_up_a_recovery_code(client, amara):
    device = give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345"])
    sign_in_with_code(client, amara, device)
    client.post(reauth.reauthenticate_url(PASSWORD_CHANGE), {"password": "no", "code": "abcd2345"})
    assert StaticToken.objects.filter(token=stored("abcd2345")).exists()


def test_a_session_without_a_code_is_sent_to_give_one_before_confirming(client_for, amara):
    # Demo mode, signed in before setting up an app elsewhere: no code given in this session.
    give_authenticator(amara)
    client = client_for(amara)
    response = client.get(reauth.reauthenticate_url(PASSWORD_CHANGE))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:mfa-verify"))


def test_new_recovery_codes_replace_the_old_ones(client, amara):
    device = give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345"])
    sign_in_with_code(client, amara, device)
    page = client.get(NEW_CODES)
    assert page.status_code == 200
    assert "Your current recovery codes will stop working" in page.content.decode()

    response = client.post(NEW_CODES)

    assert response.url == reverse("accounts:mfa-recovery-codes")
    assert not StaticToken.objects.filter(token=stored("abcd2345")).exists()
    assert StaticToken.objects.filter(device__user=amara).count() == 10
    assert actions_for(amara)[-1] == "user.recovery_codes_created"
    assert client.post(reverse("accounts:mfa-recovery-codes")).url == ACCOUNT


def test_new_recovery_codes_need_confirming_it_is_you(client, amara):
    device = give_authenticator(amara)
    sign_in_with_code(client, amara, device)
    age_reauthentication(client, 301)
    response = client.post(NEW_CODES)
    assert response.status_code == 302
    assert response.url == reauth.reauthenticate_url(NEW_CODES)
    assert not StaticToken.objects.filter(device__user=amara).exists()


def test_signing_in_with_a_recovery_code_then_getting_new_codes_keeps_you_signed_in(
    settings, client, amara, camden_child
):
    settings.MFA_REQUIRED = True
    give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345"])
    sign_in(client, amara)
    client.post(reverse("accounts:mfa-recovery"), {"code": "abcd2345"})
    client.post(NEW_CODES)
    assert client.get(CASELOAD).status_code == 200


def test_someone_without_an_app_cannot_get_recovery_codes(client_for, amara):
    client = client_for(amara)
    confirm_password(client, next_url=NEW_CODES)
    response = client.post(NEW_CODES)
    assert response.url == ACCOUNT
    assert not StaticToken.objects.exists()


def test_guessing_the_password_when_confirming_counts_towards_a_lockout(client_for, amara):
    client = client_for(amara)
    url = reauth.reauthenticate_url(PASSWORD_CHANGE)
    statuses = [
        client.post(url, {"password": f"wrong guess {n}"}).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert client.post(url, {"password": PASSWORD}).status_code == 429
    assert client.get(PASSWORD_CHANGE).status_code == 302


def test_your_account_is_in_the_navigation(client_for, amara):
    client = client_for(amara)
    assert f'href="{ACCOUNT}"' in client.get(reverse("core:home"), follow=True).content.decode()
    html = client.get(ACCOUNT).content.decode()
    assert f'href="{ACCOUNT}" aria-current="page"' in html
