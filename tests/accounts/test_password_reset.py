"""Reset your password: a link sent by email, used once, expiring, throttled, and never saying
whether an account exists."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from resettle.accounts import passwords, services
from resettle.accounts.models import PasswordResetRequest, Role, User
from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent

from ..conftest import PASSWORD
from .mfa_helpers import CASELOAD

pytestmark = pytest.mark.django_db

RESET = reverse("accounts:password-reset")
SENT = reverse("accounts:password-reset-sent")
CHOOSE = reverse("accounts:password-choose")
SIGN_IN = reverse("accounts:sign-in")
NEW_PASSWORD = "lantern meadow quartz violin"


def ask(client: Client, email: str, address: str = "192.0.2.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address)


def link_in(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def choose(client: Client, password: str = NEW_PASSWORD):
    return client.post(CHOOSE, {"new_password1": password, "new_password2": password})


def test_the_sign_in_page_offers_to_reset_your_password(client):
    assert f'href="{RESET}"' in client.get(SIGN_IN).content.decode()


def test_reset_your_password_is_a_govuk_form(client):
    response = client.get(RESET)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Reset your password" in html
    assert 'autocomplete="email"' in html
    response = client.post(RESET, {"email": ""})
    assert '<a href="#id_email">Enter your email address</a>' in response.content.decode()
    response = client.post(RESET, {"email": "a" * 250 + "@x.test"})
    assert "254 characters or fewer" in response.content.decode()


def test_the_whole_journey_from_asking_to_signing_in(client, amara):
    elsewhere = Client()
    elsewhere.force_login(amara)

    response = ask(client, "Amara@Camden.test")
    assert (response.status_code, response.url) == (302, SENT)
    assert "Check your email" in client.get(SENT).content.decode()
    [message] = mail.outbox
    assert message.to == ["amara@camden.test"]
    assert message.subject == "Reset your Resettle password"
    assert "2 hours" in message.body
    link = path_of(link_in(message))

    response = client.get(link)
    # The token leaves the address bar at once.
    assert (response.status_code, response.url) == (302, CHOOSE)
    page = client.get(CHOOSE)
    assert "Choose a new password" in page.content.decode()

    response = choose(client)
    assert (response.status_code, response.url) == (302, SIGN_IN)
    amara.refresh_from_db()
    assert amara.check_password(NEW_PASSWORD)
    assert "Your password has been set" in client.get(SIGN_IN).content.decode()
    # Signed out everywhere else.
    assert elsewhere.get(CASELOAD).status_code == 302
    # The new password signs in.
    response = client.post(SIGN_IN, {"username": amara.email, "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert response.wsgi_request.user == amara

    requested = AuditEvent.objects.get(action="user.password_reset_requested")
    assert requested.actor is None
    assert requested.detail == {"user": str(amara.public_id), "sent": True}
    done = AuditEvent.objects.get(action="user.password_reset")
    assert done.actor == amara
    assert done.detail == {"user": str(amara.public_id), "sessions_ended": 1}
    assert not AuditEvent.objects.filter(action__in=["user.password_set", "user.password_changed"])


def test_a_link_works_once(client, amara):
    ask(client, amara.email)
    link = path_of(link_in(mail.outbox[0]))
    client.get(link)
    choose(client)
    again = Client()
    response = again.get(link)
    assert response.status_code == 200
    assert "This link has expired or has already been used" in response.content.decode()
    assert "This link has expired" in again.get(CHOOSE).content.decode()


def test_a_link_stops_working_when_the_person_signs_in(client, amara):
    ask(client, amara.email)
    link = path_of(link_in(mail.outbox[0]))
    Client().post(SIGN_IN, {"username": amara.email, "password": PASSWORD})
    assert "This link has expired" in client.get(link).content.decode()


def test_a_link_expires_after_two_hours(client, amara, settings):
    ask(client, amara.email)
    link = path_of(link_in(mail.outbox[0]))
    client.get(link)
    settings.PASSWORD_SELF_RESET_TIMEOUT = -1  # as if two hours had passed
    assert "This link has expired" in client.get(CHOOSE).content.decode()
    assert "This link has expired" in choose(client).content.decode()
    amara.refresh_from_db()
    assert amara.check_password(PASSWORD)


def test_a_changed_or_made_up_link_is_refused(client, amara):
    ask(client, amara.email)
    link = path_of(link_in(mail.outbox[0]))
    *start, uid, token, _ = link.split("/")
    for forged in [
        # One character changed (never to itself: a token ending in "0" stays valid as "0").
        f"{'/'.join(start)}/{uid}/{token[:-1]}{'1' if token.endswith('0') else '0'}/",
        f"{'/'.join(start)}/{uid}/nonsense/",
        f"{'/'.join(start)}/bm9ib2R5/{token}/",
        link.replace("/reset/", "/set-up/"),  # a reset token is not a set-up token
        link.replace("/reset/", "/teleport/"),
    ]:
        response = client.get(forged)
        assert response.status_code == 200, forged
        assert "This link has expired" in response.content.decode(), forged


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, amara):
    known = ask(Client(), amara.email, address="192.0.2.7")
    unknown = ask(client, "nobody@camden.test", address="192.0.2.8")
    assert (unknown.status_code, unknown.url) == (known.status_code, known.url)
    assert [m.to for m in mail.outbox] == [["amara@camden.test"]]
    assert not AuditEvent.objects.filter(detail__user__isnull=True, action__startswith="user.")
    # Nothing kept says which address was typed.
    stored = PasswordResetRequest.objects.values_list("email_digest", flat=True)
    assert all("nobody" not in value and "@" not in value for value in stored)


def test_a_deactivated_account_gets_no_email(client, amara):
    amara.is_active = False
    amara.save()
    assert ask(client, amara.email).url == SENT
    assert mail.outbox == []


def test_at_most_three_emails_an_hour_go_to_one_address(amara):
    for n in range(5):
        response = ask(Client(), amara.email, address=f"192.0.2.{n + 1}")
        assert response.url == SENT
    assert len(mail.outbox) == 3
    sent = AuditEvent.objects.filter(action="user.password_reset_requested").order_by("id")
    assert [e.detail["sent"] for e in sent] == [True, True, True, False, False]


def test_one_network_address_may_ask_ten_times_an_hour(amara, ben):
    for n in range(10):
        ask(Client(), f"nobody{n}@camden.test", address="198.51.100.9")
    assert ask(Client(), ben.email, address="198.51.100.9").url == SENT
    assert mail.outbox == []
    assert ask(Client(), ben.email, address="198.51.100.10").url == SENT
    assert [m.to for m in mail.outbox] == [["ben@hackney.test"]]


def test_the_new_password_must_pass_the_password_rules(client, amara):
    ask(client, amara.email)
    client.get(path_of(link_in(mail.outbox[0])))
    response = choose(client, "short")
    html = response.content.decode()
    assert "There is a problem" in html
    assert "at least 12 characters" in html
    amara.refresh_from_db()
    assert amara.check_password(PASSWORD)


def test_a_set_up_link_lasts_three_days_and_sets_a_first_password(client, camden, alex):
    nia = services.create_account(
        Actor(alex, via=WEB),
        User(
            email="nia@camden.test",
            full_name="Nia Forde",
            organisation=camden,
            role=Role.CASE_WORKER,
        ),
    )
    passwords.send_password_link(Actor(alex, via=WEB), nia, base_url="http://testserver")
    [message] = mail.outbox
    assert "3 days" in message.body
    client.get(path_of(link_in(message)))
    assert "Choose your password" in client.get(CHOOSE).content.decode()
    assert choose(client).url == SIGN_IN
    nia.refresh_from_db()
    assert nia.check_password(NEW_PASSWORD)


def test_someone_signed_in_who_uses_a_link_is_signed_out_first(client_for, amara, ben):
    client = client_for(ben)
    ask(client, amara.email)
    client.get(path_of(link_in(mail.outbox[0])))
    assert choose(client).url == SIGN_IN
    assert client.get(CASELOAD).status_code == 302
    amara.refresh_from_db()
    assert amara.check_password(NEW_PASSWORD)


def test_an_email_that_cannot_be_sent_changes_nothing_the_asker_sees(client, amara, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("the mail server is not answering")

    monkeypatch.setattr(passwords, "send_mail", broken)
    response = ask(client, amara.email)
    assert (response.status_code, response.url) == (302, SENT)
    requested = AuditEvent.objects.get(action="user.password_reset_requested")
    assert requested.detail["sent"] is False
