"""Knowing who is signed in, administrators ending sessions, and deactivation ending them too."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from resettle.accounts.models import User, UserSession
from resettle.audit.models import AuditEvent

from .mfa_helpers import CASELOAD, sign_in

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")


def sessions_url(user) -> str:
    return reverse("accounts:user-sessions", args=[user.public_id])


def end_url(user) -> str:
    return reverse("accounts:user-sessions-end", args=[user.public_id])


def is_signed_out(client: Client) -> bool:
    response = client.get(CASELOAD)
    return response.status_code == 302 and response.url.startswith(SIGN_IN)


# Tracking -------------------------------------------------------------------------------------


def test_sessions_are_kept_in_the_database():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_signing_in_notes_the_session_and_where_from(client, amara):
    sign_in(client, amara)
    row = UserSession.objects.get(user=amara)
    assert row.session_key == client.session.session_key
    assert row.ip_address == "127.0.0.1"
    assert timezone.now() - row.created_at < timedelta(minutes=1)


def test_signing_in_twice_gives_two_sessions(client, amara):
    sign_in(client, amara)
    sign_in(Client(), amara)
    assert UserSession.objects.filter(user=amara).count() == 2


def test_signing_out_forgets_the_session(client, amara):
    sign_in(client, amara)
    client.post(reverse("accounts:sign-out"))
    assert not UserSession.objects.filter(user=amara).exists()


def test_being_signed_out_for_inactivity_forgets_the_session(client_for, amara):
    from resettle.accounts.middleware import LAST_SEEN, SIGNED_IN_AT

    client = client_for(amara)
    session = client.session
    now = int(timezone.now().timestamp())
    session[SIGNED_IN_AT] = now - 3600
    session[LAST_SEEN] = now - 31 * 60
    session.save()
    assert client.get(CASELOAD).status_code == 302
    assert not UserSession.objects.filter(user=amara).exists()


def test_activity_updates_last_active_at_most_once_a_minute(client_for, amara, camden_child):
    from resettle.accounts.middleware import LAST_SEEN

    client = client_for(amara)
    client.get(CASELOAD)
    row = UserSession.objects.get(user=amara)
    long_ago = timezone.now() - timedelta(minutes=10)
    UserSession.objects.filter(pk=row.pk).update(last_seen_at=long_ago)

    client.get(CASELOAD)  # within the minute: no write
    row.refresh_from_db()
    assert row.last_seen_at == long_ago

    session = client.session
    session[LAST_SEEN] -= 120
    session.save()
    client.get(CASELOAD)
    row.refresh_from_db()
    assert timezone.now() - row.last_seen_at < timedelta(minutes=1)


def test_old_rows_are_tidied_when_the_person_signs_in_again(client, amara):
    stale = UserSession.objects.create(
        user=amara,
        session_key="x" * 32,
        created_at=timezone.now() - settings.SESSION_ABSOLUTE_TIMEOUT - timedelta(minutes=1),
    )
    sign_in(client, amara)
    assert not UserSession.objects.filter(pk=stale.pk).exists()


# The administrator's page ---------------------------------------------------------------------


def test_administrator_sees_a_persons_sessions(client_for, alex, amara):
    sign_in(Client(REMOTE_ADDR="192.0.2.10"), amara)
    response = client_for(alex).get(sessions_url(amara))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Signed-in sessions" in html
    assert "Amara Okafor" in html
    assert "192.0.2.10" in html
    assert "End all sessions" in html


def test_sessions_page_does_not_list_sessions_past_the_time_limits(client_for, alex, amara):
    old = timezone.now() - timedelta(hours=1)
    UserSession.objects.create(
        user=amara, session_key="y" * 32, created_at=old, last_seen_at=old, ip_address="192.0.2.99"
    )
    html = client_for(alex).get(sessions_url(amara)).content.decode()
    assert "192.0.2.99" not in html
    assert "This person is not signed in anywhere" in html


def test_administrator_ends_a_persons_sessions_and_they_are_signed_out_on_next_request(
    client_for, alex, amara, camden_child
):
    laptop = client_for(amara)
    phone = client_for(amara)
    assert laptop.get(CASELOAD).status_code == 200
    admin = client_for(alex)

    confirm = admin.get(end_url(amara))
    assert confirm.status_code == 200
    assert "Are you sure you want to end all sessions for Amara Okafor?" in confirm.content.decode()
    assert not is_signed_out(laptop)  # asking is not doing

    response = admin.post(end_url(amara))

    assert response.status_code == 302
    assert response.url == sessions_url(amara)
    assert "2 sessions ended" in admin.get(response.url).content.decode()
    assert is_signed_out(laptop)
    assert is_signed_out(phone)
    assert not UserSession.objects.filter(user=amara).exists()
    event = AuditEvent.objects.get(action="user.sessions_ended")
    assert event.actor == alex
    assert event.detail == {"user": str(amara.public_id), "sessions": 2}


def test_ending_one_persons_sessions_leaves_others_signed_in(client_for, alex, amara, priya):
    amaras = client_for(amara)
    priyas = client_for(priya)
    client_for(alex).post(end_url(amara))
    assert is_signed_out(amaras)
    assert not is_signed_out(priyas)


def test_administrator_ending_their_own_sessions_stays_signed_in_here(client_for, alex):
    elsewhere = client_for(alex)
    here = client_for(alex)
    response = here.post(end_url(alex))
    assert response.status_code == 302
    assert here.get(sessions_url(alex)).status_code == 200
    assert is_signed_out(elsewhere)


@pytest.mark.parametrize("person", ["amara", "priya", "dev"])
def test_people_who_are_not_administrators_get_403_on_the_sessions_pages(
    request, client_for, person, ben
):
    bens_session = client_for(ben)
    client = client_for(request.getfixturevalue(person))
    assert client.get(sessions_url(ben)).status_code == 403
    assert client.get(end_url(ben)).status_code == 403
    assert client.post(end_url(ben)).status_code == 403
    assert UserSession.objects.filter(user=ben).count() == 1
    assert not is_signed_out(bens_session)


def test_sessions_page_for_someone_unknown_is_404(client_for, alex):
    url = reverse("accounts:user-sessions", args=["6f1c1f5e-0000-4000-8000-000000000000"])
    assert client_for(alex).get(url).status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in_from_the_sessions_page(client, amara):
    response = client.get(sessions_url(amara))
    assert response.status_code == 302
    assert response.url.startswith(SIGN_IN)


def test_sessions_page_query_count_does_not_grow_with_sessions(
    client_for, alex, amara, django_assert_num_queries
):
    admin = client_for(alex)
    admin.get(sessions_url(amara))
    for _ in range(3):
        client_for(amara)
    # Session, administrator, the person and organisation, their sessions, banner organisation.
    with django_assert_num_queries(5):
        assert admin.get(sessions_url(amara)).status_code == 200


# Deactivation ----------------------------------------------------------------------------------


def test_deactivating_a_user_ends_their_sessions(client_for, amara, camden_child):
    client = client_for(amara)
    assert client.get(CASELOAD).status_code == 200
    key = client.session.session_key

    amara.is_active = False
    amara.save()

    assert not Session.objects.filter(session_key=key).exists()
    assert not UserSession.objects.filter(user=amara).exists()
    assert is_signed_out(client)


def test_saving_an_active_user_leaves_their_sessions_alone(client_for, amara):
    client = client_for(amara)
    amara.job_title = "Senior case worker"
    amara.save()
    assert not is_signed_out(client)


def test_an_inactive_user_is_refused_on_every_request_even_without_ending_sessions(
    client_for, amara, camden_child
):
    # A bulk update sends no signals, so the session survives; Django still refuses the user.
    client = client_for(amara)
    User.objects.filter(pk=amara.pk).update(is_active=False)
    assert UserSession.objects.filter(user=amara).exists()
    assert is_signed_out(client)


def test_deactivating_in_django_admin_ends_sessions_and_is_audited(client_for, alex, amara):
    amaras = client_for(amara)
    admin = client_for(alex)
    url = reverse("admin:accounts_user_change", args=[amara.pk])
    page = admin.get(url)
    assert page.status_code == 200
    assert sessions_url(amara) in page.content.decode()
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and name != "password"
    }
    data.update(
        organisation=amara.organisation_id,
        groups=[],
        last_login_0="",
        last_login_1="",
        date_joined_0=amara.date_joined.strftime("%Y-%m-%d"),
        date_joined_1=amara.date_joined.strftime("%H:%M:%S"),
    )
    data.pop("is_active")  # an unticked box sends nothing
    data = {k: v for k, v in data.items() if v is not False}

    response = admin.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    amara.refresh_from_db()
    assert not amara.is_active
    assert is_signed_out(amaras)
    event = AuditEvent.objects.get(action="user.deactivated")
    assert event.actor == alex
    assert event.detail == {"user": str(amara.public_id)}


def test_end_sessions_action_in_django_admin(client_for, alex, amara, ben):
    amaras = client_for(amara)
    bens = client_for(ben)
    admin = client_for(alex)
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "end_sessions", "_selected_action": [amara.pk, ben.pk]},
    )
    assert response.status_code == 302
    assert is_signed_out(amaras)
    assert is_signed_out(bens)
    assert AuditEvent.objects.filter(action="user.sessions_ended").count() == 2


def test_deactivate_action_in_django_admin_ends_sessions_and_is_audited(client_for, alex, amara):
    amaras = client_for(amara)
    response = client_for(alex).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [amara.pk]},
    )
    assert response.status_code == 302
    amara.refresh_from_db()
    assert not amara.is_active
    assert is_signed_out(amaras)
    assert AuditEvent.objects.get(action="user.deactivated").detail == {
        "user": str(amara.public_id)
    }


def test_reset_two_factor_action_removes_the_app_and_codes_and_ends_sessions(
    settings, client_for, alex, amara, camden_child
):
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .mfa_helpers import give_authenticator, give_recovery_codes

    give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345"])
    amaras = client_for(amara)

    client_for(alex).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [amara.pk]},
    )

    assert not TOTPDevice.objects.filter(user=amara).exists()
    assert not StaticDevice.objects.filter(user=amara).exists()
    assert is_signed_out(amaras)
    assert AuditEvent.objects.filter(action="user.mfa_reset", actor=alex).exists()
    # Next time they sign in they set up a new app.
    settings.MFA_REQUIRED = True
    response = sign_in(Client(), amara)
    assert response.url.startswith(reverse("accounts:mfa-setup"))
