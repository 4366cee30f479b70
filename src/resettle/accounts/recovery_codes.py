"""Recovery codes are stored only as keyed digests, never as the codes themselves.

A person sees their codes once, when they are made. What is stored (in django-otp's StaticToken,
16 characters) is the first 16 hexadecimal characters of HMAC-SHA256 of the code, keyed with the
secret key (Django's `salted_hmac`), so a copy of the database alone does not give anyone a way
past two-factor sign-in, and administrators cannot read codes. Codes are random (40 bits), entered
at most a few times a minute (django-otp's throttling), and the key is not in the database, so a
fast keyed hash is enough; a slow one would need a salt per code and could not be looked up.

Digests made with a retired secret key (SECRET_KEY_FALLBACKS) are still accepted, so rotating the
key does not lock anyone out of their codes.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice

SALT = "resettle.accounts.recovery-code"
DIGEST_LENGTH = 16  # django-otp's StaticToken.token holds 16 characters
SHAPE = re.compile(r"^[a-z2-7]{8}$")


def digest(code: str, secret: str | None = None) -> str:
    return salted_hmac(SALT, code, secret=secret or settings.SECRET_KEY).hexdigest()[:DIGEST_LENGTH]


def digests(code: str) -> list[str]:
    """The code's digest with the current secret key and every retired one."""
    return [
        digest(code, secret) for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    ]


def use(device: StaticDevice, code: str) -> bool:
    """Use up a recovery code, as django-otp's StaticDevice.verify_token does with plain codes.

    The caller has locked the device row and checked the throttle. A right code is deleted and
    the throttle reset; a wrong one counts towards the throttle.
    """
    match = device.token_set.filter(token__in=digests(code)).first()
    if match is None:
        device.throttle_increment()
        return False
    match.delete()
    device.throttle_reset(commit=False)
    device.set_last_used_timestamp(commit=False)
    device.save()
    return True
