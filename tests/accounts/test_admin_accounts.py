"""Administrators manage accounts without ever seeing or setting a secret, every change to an
account reaches the audit trail, and nobody changes their own role or organisation."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.accounts import changes, passwords, services
from resettle.accounts.models import Role, User
from resettle.audit.actors import WEB, Actor, acting_as
from resettle.audit.models import AuditEvent

from .mfa_helpers import give_authenticator, give_recovery_codes, sign_in

pytestmark = pytest.mark.django_db


def change_url(user) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def form_data(page, **changes_) -> dict:
    """What the administrator's browser sends back from a change page, with `changes_` made."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if value is None or value is False:
            continue
        if name in {"last_login", "date_joined"}:
            data[f"{name}_0"] = value.strftime("%Y-%m-%d")
            data[f"{name}_1"] = value.strftime("%H:%M:%S")
            continue
        if hasattr(field, "queryset") and hasattr(value, "__iter__"):
            value = [getattr(v, "pk", v) for v in value]
        data[name] = getattr(value, "pk", value)
    for name, value in changes_.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def assert_no_such_page(client: Client, url: str) -> None:
    """The admin sends an address it does not know, via "no such object", to its index."""
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1] == ("/admin/", 302), url
    assert response.templates[0].name == "admin/index.html"


def entries(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


# ---- No secrets in the administration pages ----------------------------------------------------


def test_the_account_page_has_no_password_field_and_no_way_to_set_one(client_for, alex, amara):
    admin = client_for(alex)
    page = admin.get(change_url(amara))
    assert page.status_code == 200
    html = page.content.decode()
    assert amara.password not in html
    assert "argon2" not in html and "md5$" not in html
    assert "password/" not in html  # Django's link to its "change password" page
    assert "Set by the person" in html
    assert "password" not in page.context["adminform"].form.fields
    assert_no_such_page(admin, f"/admin/accounts/user/{amara.pk}/password/")


def test_posting_a_password_to_the_account_page_changes_nothing(client_for, alex, amara):
    admin = client_for(alex)
    page = admin.get(change_url(amara))
    before = User.objects.get(pk=amara.pk).password
    data = form_data(page, password="a password the administrator chose")
    assert admin.post(change_url(amara), data).status_code == 302
    assert User.objects.get(pk=amara.pk).password == before


def test_authenticator_keys_qr_codes_and_recovery_codes_are_never_shown(client_for, alex, amara):
    app = give_authenticator(amara)
    codes = give_recovery_codes(amara, ["abcd2345", "efgh6745"])
    admin = client_for(alex)
    for url in [
        reverse("admin:otp_totp_totpdevice_changelist"),
        reverse("admin:otp_totp_totpdevice_change", args=[app.pk]),
        reverse("admin:otp_static_staticdevice_changelist"),
        reverse("admin:otp_static_staticdevice_change", args=[codes.pk]),
    ]:
        response = admin.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert app.key not in html, url
        assert "qrcode" not in html.lower(), url
        for token in codes.token_set.values_list("token", flat=True):
            assert token not in html, url
        assert "abcd2345" not in html and "abcd 2345" not in html, url
    # django-otp's own pages for the key and QR code are gone.
    assert_no_such_page(admin, f"/admin/otp_totp/totpdevice/{app.pk}/config/")
    assert_no_such_page(admin, f"/admin/otp_totp/totpdevice/{app.pk}/qrcode/")


def test_administrators_cannot_add_change_or_delete_two_factor_devices(client_for, alex, amara):
    app = give_authenticator(amara)
    admin = client_for(alex)
    assert admin.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
    assert admin.get(reverse("admin:otp_static_staticdevice_add")).status_code == 403
    assert (
        admin.post(
            reverse("admin:otp_totp_totpdevice_delete", args=[app.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    response = admin.post(
        reverse("admin:otp_totp_totpdevice_change", args=[app.pk]),
        {"user": amara.pk, "name": "mine now", "key": "00" * 20, "confirmed": "on"},
    )
    assert response.status_code == 403
    app.refresh_from_db()
    assert app.name == "Authenticator app"


# ---- New accounts and password links ----------------------------------------------------------


def test_a_new_account_has_no_password_and_the_person_is_sent_a_link(client_for, alex, camden):
    admin = client_for(alex)
    add = reverse("admin:accounts_user_add")
    page = admin.get(add)
    assert "password" not in page.content.decode().lower().split("<form")[1].split("</form>")[0]
    response = admin.post(
        add,
        {
            "email": "Nia.Forde@Camden.test",
            "full_name": "Nia Forde",
            "job_title": "Case worker",
            "organisation": camden.pk,
            "role": Role.CASE_WORKER,
        },
    )
    assert response.status_code == 302
    nia = User.objects.get(email="nia.forde@camden.test")
    assert not nia.has_usable_password()
    [email] = mail.outbox
    assert email.to == ["nia.forde@camden.test"]
    assert email.subject == "Set your Resettle password"
    link = re.search(r"https?://\S+", email.body).group(0)
    # The administrator never sees the link.
    token = link.rstrip("/").split("/")[-1]
    assert token not in admin.get(change_url(nia)).content.decode()
    created, sent = entries("user.created"), entries("user.password_link_sent")
    assert created[0].actor == alex and created[0].detail["user"] == str(nia.public_id)
    assert created[0].detail["role"] == Role.CASE_WORKER
    assert sent[0].actor == alex and sent[0].detail == {"user": str(nia.public_id)}


def test_the_send_a_link_action_emails_the_person_and_is_audited(client_for, alex, amara, ben):
    ben.is_active = False
    ben.save()
    response = client_for(alex).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "send_password_link", "_selected_action": [amara.pk, ben.pk]},
    )
    assert response.status_code == 302
    assert [email.to for email in mail.outbox] == [["amara@camden.test"]]  # not the inactive
    assert "/account/password/set-up/" in mail.outbox[0].body
    [sent] = entries("user.password_link_sent")
    assert (sent.actor, sent.detail) == (alex, {"user": str(amara.public_id)})


# ---- Every change is audited -------------------------------------------------------------------


def test_changing_someones_role_and_organisation_in_the_admin_is_audited(
    client_for, alex, amara, hackney
):
    admin = client_for(alex)
    page = admin.get(change_url(amara))
    response = admin.post(
        change_url(amara),
        form_data(page, role=Role.YJS_MANAGER, organisation=hackney.pk, is_staff="on"),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    amara.refresh_from_db()
    assert (amara.role, amara.organisation) == (Role.YJS_MANAGER, hackney)
    [role] = entries("user.role_changed")
    assert role.actor == alex
    assert role.detail == {
        "user": str(amara.public_id),
        "before": Role.CASE_WORKER,
        "after": Role.YJS_MANAGER,
    }
    [organisation] = entries("user.organisation_changed")
    assert organisation.detail["after"] == hackney.pk
    [access] = entries("user.admin_access_changed")
    assert access.detail == {"user": str(amara.public_id), "is_staff": True}


def test_changing_an_email_address_and_reactivating_are_audited(client_for, alex, amara):
    amara.is_active = False
    amara.save()
    admin = client_for(alex)
    page = admin.get(change_url(amara))
    admin.post(change_url(amara), form_data(page, email="amara.o@camden.test", is_active="on"))
    assert [e.actor for e in entries("user.email_changed")] == [alex]
    assert [e.actor for e in entries("user.reactivated")] == [alex]


def test_a_change_made_outside_the_service_is_audited_as_made_by_a_command(amara, camden):
    """As in `manage.py shell`: no request, nobody named."""
    amara.role = Role.YJS_MANAGER
    amara.set_password("a new password from the shell")
    amara.save()
    [role] = entries("user.role_changed")
    assert (role.actor, role.role, role.detail["via"]) == (None, "system", "command")
    [password] = entries("user.password_set")
    assert password.detail == {"user": str(amara.public_id), "via": "command"}


def test_a_bulk_update_is_audited_too(amara, ben, alex):
    User.objects.filter(pk__in=[amara.pk, ben.pk]).update(role=Role.YJS_MANAGER)
    changed = {e.detail["user"]: e.detail["after"] for e in entries("user.role_changed")}
    assert changed == {str(amara.public_id): Role.YJS_MANAGER, str(ben.public_id): Role.YJS_MANAGER}
    with pytest.raises(changes.OwnAccessChange), acting_as(Actor(alex, via=WEB)):
        User.objects.filter(is_staff=True).update(is_superuser=False)
    assert User.objects.get(pk=alex.pk).is_superuser


def test_two_factor_devices_removed_outside_the_service_are_audited(amara):
    give_authenticator(amara)
    give_recovery_codes(amara, ["abcd2345"])
    TOTPDevice.objects.filter(user=amara).delete()
    StaticDevice.objects.filter(user=amara).delete()
    changed = [(e.detail["device"], e.detail["change"]) for e in entries("user.mfa_changed")]
    assert changed == [
        ("authenticator app", "added"),
        ("recovery codes", "added"),
        ("authenticator app", "removed"),
        ("recovery codes", "removed"),
    ]


def test_saving_an_account_without_watched_changes_records_nothing(amara):
    amara.job_title = "Senior case worker"
    amara.save()
    amara.full_name = "Amara O. Okafor"
    amara.save(update_fields=["full_name"])
    assert not AuditEvent.objects.filter(action__startswith="user.").exists()


# ---- Nobody changes their own role or organisation ---------------------------------------------


def test_your_own_role_and_organisation_are_read_only_in_the_admin(client_for, alex, camden):
    admin = client_for(alex)
    page = admin.get(change_url(alex))
    form = page.context["adminform"].form
    for name in ["role", "organisation", "is_staff", "is_superuser", "groups", "is_active"]:
        assert name not in form.fields, name
    data = form_data(page, role=Role.YJS_MANAGER, organisation=camden.pk)
    assert admin.post(change_url(alex), data).status_code == 302
    alex.refresh_from_db()
    assert (alex.role, alex.organisation.kind) == (Role.ADMINISTRATOR, "partnership")
    assert not entries("user.role_changed")
    # Camden's caseload stays out of reach.
    assert admin.get(reverse("children:caseload")).status_code == 403


def test_a_person_changing_their_own_role_is_refused_wherever_it_is_done(alex, camden):
    alex.role = Role.YJS_MANAGER
    alex.organisation = camden
    with pytest.raises(changes.OwnAccessChange):
        services.save_account(Actor(alex, via=WEB), alex)
    alex_again = User.objects.get(pk=alex.pk)
    alex_again.is_superuser = False
    alex_again.organisation = camden
    with pytest.raises(changes.OwnAccessChange), acting_as(Actor(alex_again, via=WEB)):
        alex_again.save()
    stored = User.objects.get(pk=alex.pk)
    assert (stored.role, stored.organisation.kind) == (Role.ADMINISTRATOR, "partnership")
    assert stored.is_superuser


def test_an_administrator_may_change_another_administrators_role(alex, partnership):
    other = User.objects.create_user(
        "sol@resettle.test",
        "x" * 16,
        full_name="Sol Amari",
        organisation=partnership,
        role=Role.ADMINISTRATOR,
        is_staff=True,
    )
    other.role = Role.PARTNERSHIP_LEAD
    services.save_account(Actor(alex, via=WEB), other)
    assert User.objects.get(pk=other.pk).role == Role.PARTNERSHIP_LEAD
    assert entries("user.role_changed")[0].actor == alex


# ---- Signing in to the administration pages ----------------------------------------------------


def test_the_admin_sign_in_is_the_services_sign_in_and_is_audited(client, alex):
    response = client.get("/admin/")
    assert response.status_code == 302
    response = client.get(response.url)  # /admin/login/?next=/admin/
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))
    assert "next=%2Fadmin%2F" in response.url
    response = sign_in(client, alex, next_url="/admin/")
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert [e.actor for e in entries("user.signed_in")] == [alex]


def test_django_admins_own_sign_in_form_cannot_be_used(client, alex):
    response = client.post(
        "/admin/login/", {"username": alex.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 405
    assert client.get("/admin/").status_code == 302


def test_someone_signed_in_who_is_not_an_administrator_is_refused(client_for, amara):
    client = client_for(amara)
    assert client.get("/admin/login/?next=/admin/").status_code == 403


def test_signing_out_of_the_admin_is_audited(client_for, alex):
    client = client_for(alex)
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert [e.actor for e in entries("user.signed_out")] == [alex]
    assert Client().get("/admin/").status_code == 302


def test_an_administrator_is_told_when_the_link_could_not_be_sent(
    client_for, alex, camden, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("the mail server is not answering")

    monkeypatch.setattr(passwords, "send_mail", broken)
    response = client_for(alex).post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nia@camden.test",
            "full_name": "Nia Forde",
            "organisation": camden.pk,
            "role": Role.CASE_WORKER,
        },
        follow=True,
    )
    assert "The email with the link could not be sent" in response.content.decode()
    assert User.objects.filter(email="nia@camden.test").exists()
    assert not entries("user.password_link_sent")
