"""Two-factor sign-in: after the password, a code from an authenticator app or a recovery code."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from .mfa_helpers import (
    CASELOAD,
    actions_for,
    code_for,
    give_authenticator,
    give_recovery_codes,
    let_code_be_used_again,
    sign_in,
    with_next,
    wrong_code_for,
)

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:mfa-verify")
RECOVERY = reverse("accounts:mfa-recovery")


@pytest.fixture
def mfa_required(settings):
    settings.MFA_REQUIRED = True


@pytest.fixture
def mfa_optional(settings):
    settings.MFA_REQUIRED = False


# Required (outside demo mode) ----------------------------------------------------------------


def test_signed_in_user_without_an_app_is_sent_from_the_caseload_to_set_one_up(
    mfa_required, client_for, amara
):
    response = client_for(amara).get(CASELOAD)
    assert response.status_code == 302
    assert response.url == with_next("accounts:mfa-setup", CASELOAD)


def test_password_is_followed_by_setting_up_an_app_for_someone_without_one(
    mfa_required, client, amara, camden_child
):
    response = sign_in(client, amara, next_url=CASELOAD)
    assert response.status_code == 302
    assert response.url == with_next("accounts:mfa-setup", CASELOAD)
    assert client.get(CASELOAD).status_code == 302


def test_user_with_an_app_must_give_a_code_after_their_password(
    mfa_required, client, amara, camden_child
):
    device = give_authenticator(amara)

    response = sign_in(client, amara, next_url=CASELOAD)
    assert response.status_code == 302
    assert response.url == with_next("accounts:mfa-verify", CASELOAD)
    # The password alone opens nothing.
    assert client.get(CASELOAD).url == with_next("accounts:mfa-verify", CASELOAD)
    assert client.get(reverse("children:detail", args=[camden_child.public_id])).status_code == 302

    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Enter the 6-digit code from your authenticator app" in html
    assert 'autocomplete="one-time-code"' in html
    assert "Use a recovery code instead" in html

    response = client.post(VERIFY, {"code": code_for(device), "next": CASELOAD})
    assert response.status_code == 302
    assert response.url == CASELOAD
    assert client.get(CASELOAD).status_code == 200
    assert actions_for(amara) == ["user.signed_in", "user.mfa_verified"]


def test_wrong_code_gives_a_govuk_error_and_is_audited(mfa_required, client, amara):
    device = give_authenticator(amara)
    sign_in(client, amara)

    response = client.post(VERIFY, {"code": wrong_code_for(device)})

    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert 'href="#id_code"' in html
    assert "The code is not correct" in html
    assert "govuk-input--error" in html
    assert actions_for(amara)[-1] == "user.mfa_failed"
    assert client.get(CASELOAD).status_code == 302


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the 6-digit code from your authenticator app"),
        ("12345", "The code must be 6 numbers"),
        ("abcdef", "The code must be 6 numbers"),
    ],
)
def test_missing_or_badly_formed_code_is_explained(mfa_required, client, amara, typed, message):
    give_authenticator(amara)
    sign_in(client, amara)
    response = client.post(VERIFY, {"code": typed})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_code_typed_with_spaces_is_accepted(mfa_required, client, amara, camden_child):
    device = give_authenticator(amara)
    sign_in(client, amara)
    code = code_for(device)
    response = client.post(VERIFY, {"code": f" {code[:3]} {code[3:]} "})
    assert response.status_code == 302
    assert client.get(CASELOAD).status_code == 200


def test_right_code_straight_after_a_wrong_one_is_held_back(mfa_required, client, amara):
    # django-otp waits 1, 2, 4, 8... seconds after each wrong code, which stops guessing.
    device = give_authenticator(amara)
    sign_in(client, amara)
    client.post(VERIFY, {"code": wrong_code_for(device)})

    response = client.post(VERIFY, {"code": code_for(device)})

    assert response.status_code == 200
    assert "too many codes that are not correct" in response.content.decode()
    assert client.get(CASELOAD).status_code == 302


def test_recovery_code_works_once_only(mfa_required, client, amara, camden_child):
    give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345", "efgh6723"])

    sign_in(client, amara, next_url=CASELOAD)
    page = client.get(with_next("accounts:mfa-recovery", CASELOAD))
    assert "Enter a recovery code" in page.content.decode()
    response = client.post(RECOVERY, {"code": "ABCD 2345", "next": CASELOAD})
    assert response.status_code == 302
    assert response.url == CASELOAD
    assert "You have 1 recovery code left" in client.get(CASELOAD).content.decode()

    client.post(reverse("accounts:sign-out"))
    again = Client()
    sign_in(again, amara)
    response = again.post(RECOVERY, {"code": "abcd2345"})
    assert response.status_code == 200
    assert "has already been used" in response.content.decode()
    assert again.get(CASELOAD).status_code == 302
    assert "user.mfa_failed" in actions_for(amara)


def test_badly_formed_recovery_code_is_explained(mfa_required, client, amara):
    give_authenticator(amara)
    sign_in(client, amara)
    response = client.post(RECOVERY, {"code": "abc 1"})
    assert "A recovery code is 8 letters and numbers" in response.content.decode()


def test_user_with_an_app_cannot_set_up_another_before_giving_a_code(mfa_required, client, amara):
    give_authenticator(amara)
    sign_in(client, amara)
    response = client.get(reverse("accounts:mfa-setup"))
    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


def test_user_without_an_app_is_sent_from_the_code_page_to_set_one_up(mfa_required, client, amara):
    sign_in(client, amara)
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:mfa-setup"))


def test_before_giving_a_code_you_can_still_sign_out_and_read_public_pages(
    mfa_required, client, amara
):
    give_authenticator(amara)
    sign_in(client, amara)
    assert client.get(reverse("core:accessibility")).status_code == 200
    assert client.get(reverse("core:privacy")).status_code == 200
    assert client.get(reverse("core:healthz")).status_code == 200
    response = client.post(reverse("accounts:sign-out"))
    assert response.url == reverse("accounts:signed-out")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "url",
    [
        reverse("core:home"),
        reverse("accounts:account"),
        reverse("accounts:password-change"),
        reverse("admin:index"),
    ],
)
def test_before_giving_a_code_everything_else_leads_to_the_code_page(
    mfa_required, client, alex, url
):
    give_authenticator(alex)
    sign_in(client, alex)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == with_next("accounts:mfa-verify", url)


def test_code_page_ignores_a_next_address_on_another_site(mfa_required, client, amara):
    device = give_authenticator(amara)
    sign_in(client, amara)
    response = client.post(VERIFY, {"code": code_for(device), "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_code_from_a_signed_in_session_stays_verified_until_sign_out(
    mfa_required, client, amara, camden_child
):
    device = give_authenticator(amara)
    sign_in(client, amara)
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get(CASELOAD).status_code == 200
    assert client.get(VERIFY).status_code == 302  # nothing more to do

    client.post(reverse("accounts:sign-out"))
    let_code_be_used_again(device)
    sign_in(client, amara)
    assert client.get(CASELOAD).status_code == 302


def test_code_page_query_count_is_fixed(mfa_required, client, amara, django_assert_num_queries):
    give_authenticator(amara)
    sign_in(client, amara)
    client.get(VERIFY)
    # Session, user, the person's authenticator app, and their organisation for the page banner.
    with django_assert_num_queries(4):
        assert client.get(VERIFY).status_code == 200


# Optional (demo mode) --------------------------------------------------------------------------


def test_in_demo_mode_sign_in_goes_straight_through(mfa_optional, client, amara, camden_child):
    response = sign_in(client, amara, next_url=CASELOAD)
    assert response.status_code == 302
    assert response.url == CASELOAD
    assert client.get(CASELOAD).status_code == 200


def test_in_demo_mode_someone_who_set_up_an_app_is_still_asked_for_a_code(
    mfa_optional, client, amara, camden_child
):
    device = give_authenticator(amara)
    response = sign_in(client, amara, next_url=CASELOAD)
    assert response.url == with_next("accounts:mfa-verify", CASELOAD)
    assert client.get(CASELOAD).status_code == 302
    client.post(VERIFY, {"code": code_for(device)})
    assert client.get(CASELOAD).status_code == 200


def _settings_in_a_fresh_process(env: dict[str, str], expression: str) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RESETTLE_")}
    environment.update(env, DJANGO_SETTINGS_MODULE="resettle.settings")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"from django.conf import settings; print({expression})"],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.PROJECT_DIR / "src",
    )
    return result.stdout.strip()


def test_two_factor_sign_in_is_required_outside_demo_mode():
    production = {
        "RESETTLE_SECRET_KEY": "x" * 50,
        "RESETTLE_AUDIT_KEY": "y" * 50,
        "RESETTLE_ALLOWED_HOSTS": "resettle.example",
    }
    assert _settings_in_a_fresh_process(production, "settings.MFA_REQUIRED") == "True"
    assert _settings_in_a_fresh_process({"RESETTLE_DEMO": "1"}, "settings.MFA_REQUIRED") == "False"
    demo_with_mfa = {"RESETTLE_DEMO": "1", "RESETTLE_MFA_REQUIRED": "1"}
    assert _settings_in_a_fresh_process(demo_with_mfa, "settings.MFA_REQUIRED") == "True"
