"""Passwords are hashed with Argon2id at OWASP's parameters; older hashes are upgraded at sign-in,
and recovery codes are stored only as digests."""

from __future__ import annotations

from importlib import import_module
from types import SimpleNamespace

import pytest
from argon2 import extract_parameters
from argon2.low_level import Type
from django.apps import apps as django_apps
from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.db import connection
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from resettle.accounts import recovery_codes
from resettle.accounts.hashers import Argon2idHasher
from resettle.accounts.mfa import CodeResult, check_any_code, create_recovery_codes
from resettle.accounts.models import User
from resettle.audit.models import AuditEvent

from ..conftest import PASSWORD
from .mfa_helpers import give_authenticator

pytestmark = pytest.mark.django_db

PRODUCTION_HASHERS = [
    "resettle.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def parameters(encoded: str):
    assert encoded.startswith("argon2$")
    return extract_parameters(encoded.removeprefix("argon2"))


def test_passwords_are_hashed_with_argon2id_at_owasps_parameters(settings):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    params = parameters(make_password("lantern meadow quartz violin"))
    assert params.type is Type.ID
    assert (params.memory_cost, params.time_cost, params.parallelism) == (19456, 2, 1)
    assert check_password(
        "lantern meadow quartz violin", make_password("lantern meadow quartz violin")
    )


def test_a_hash_made_with_djangos_old_parameters_is_upgraded_when_its_owner_signs_in(
    settings, client, amara
):
    settings.PASSWORD_HASHERS = PRODUCTION_HASHERS
    old = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    assert parameters(old).memory_cost == 102400
    User.objects.filter(pk=amara.pk).update(password=old)
    already = AuditEvent.objects.count()

    response = client.post(
        reverse("accounts:sign-in"), {"username": amara.email, "password": PASSWORD}
    )

    assert response.status_code == 302
    stored = User.objects.get(pk=amara.pk).password
    assert stored != old
    assert (parameters(stored).memory_cost, parameters(stored).parallelism) == (19456, 1)
    assert check_password(PASSWORD, stored)
    # Hashing the same password again is not a change of password.
    written = AuditEvent.objects.order_by("id")[already:]
    assert [e.action for e in written] == ["user.signed_in"]


def test_the_hasher_keeps_djangos_name_so_existing_hashes_are_still_checked():
    assert Argon2idHasher.algorithm == Argon2PasswordHasher.algorithm == "argon2"


# ---- Recovery codes ------------------------------------------------------------------------------


def test_recovery_codes_are_stored_as_keyed_digests(amara):
    codes = create_recovery_codes(amara)
    stored = set(StaticToken.objects.filter(device__user=amara).values_list("token", flat=True))
    assert stored == {recovery_codes.digest(code) for code in codes}
    assert not stored & set(codes)
    assert all(len(value) == 16 for value in stored)


def test_a_code_digested_with_a_retired_secret_key_still_works(settings, amara):
    give_authenticator(amara)
    [first, second, *_] = create_recovery_codes(amara)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation-0123456789abcdefghijklmnopqrstuv"
    assert check_any_code(amara, first) is CodeResult.ACCEPTED
    assert check_any_code(amara, first) is not CodeResult.ACCEPTED  # once only
    settings.SECRET_KEY_FALLBACKS = []
    assert check_any_code(amara, second) is not CodeResult.ACCEPTED


def test_codes_stored_before_hashing_are_replaced_by_their_digests_and_keep_working(amara):
    migration = import_module("resettle.accounts.migrations.0005_hash_recovery_codes")
    give_authenticator(amara)
    device = StaticDevice.objects.create(user=amara, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")  # as stored before
    already = StaticToken.objects.create(device=device, token=recovery_codes.digest("efgh6745"))

    migration.hash_plain_codes(django_apps, SimpleNamespace(connection=connection))

    assert set(device.token_set.values_list("token", flat=True)) == {
        recovery_codes.digest("abcd2345"),
        already.token,
    }
    assert check_any_code(amara, "abcd 2345") is CodeResult.ACCEPTED
