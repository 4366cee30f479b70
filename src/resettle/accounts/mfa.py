"""Two-factor sign-in: an authenticator app (TOTP) and single-use recovery codes (django-otp).

Outside demo mode everyone must give a code from their authenticator app after their password
(MFA_REQUIRED). In demo mode it is optional, but someone who has set up an app is still asked for a
code when they sign in with their password.
"""

from __future__ import annotations

import enum
import re
from base64 import b32encode, b64encode
from collections.abc import Callable
from io import BytesIO
from typing import TYPE_CHECKING, TypeVar
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.audit.actors import actor_of
from resettle.audit.services import record

from . import changes, recovery_codes, stamps

if TYPE_CHECKING:
    from .models import User

# Set at sign-in when the person has an authenticator app: this session must give a code.
MFA_PENDING = "resettle_mfa_pending"
# Recovery codes waiting to be shown, once, with where to go afterwards.
RECOVERY_CODES_TO_SHOW = "resettle_recovery_codes"
RECOVERY_CODE_COUNT = 10

V = TypeVar("V", bound=Callable)


def mfa_not_required(view: V) -> V:
    """Mark a view that a signed-in person may use before giving their code."""
    view.mfa_required = False  # type: ignore[attr-defined]
    return view


# Devices ------------------------------------------------------------------------------------


def authenticator_for(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def has_authenticator(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_device_for(user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-id").first()


def recovery_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def is_verified(request: HttpRequest) -> bool:
    """Whether this session has given a code (django-otp's OTPMiddleware sets `is_verified`)."""
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def code_needed(request: HttpRequest) -> bool:
    """Whether this signed-in session must still give a code before using the service."""
    if not (settings.MFA_REQUIRED or request.session.get(MFA_PENDING)):
        return False
    return not is_verified(request)


# Where to go --------------------------------------------------------------------------------


def safe_next(request: HttpRequest, default: str = "") -> str:
    """The `next` address from the query or form, if it is on this site; else `default`."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(default or settings.LOGIN_REDIRECT_URL)


def url_with_next(name: str, next_url: str = "") -> str:
    url = reverse(name)
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def second_step_url(user: User, next_url: str = "") -> str:
    """Enter a code if the person has an authenticator app; set one up if not."""
    name = "accounts:mfa-verify" if has_authenticator(user) else "accounts:mfa-setup"
    return url_with_next(name, next_url)


def redirect_to_second_step(request: HttpRequest, next_url: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(
        second_step_url(request.user, next_url if request.method == "GET" else "")
    )


# Checking codes -----------------------------------------------------------------------------


class CodeResult(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"
    TOO_MANY_TRIES = "too_many_tries"


def check_code(device: Device, code: str) -> CodeResult:
    """Check a code against one device, with django-otp's throttling after wrong codes."""
    with transaction.atomic():
        device = type(device).objects.select_for_update().get(pk=device.pk)
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            return CodeResult.TOO_MANY_TRIES
        if isinstance(device, StaticDevice):
            right = recovery_codes.use(device, code)  # stored as digests, not as codes
        else:
            right = device.verify_token(code)
        return CodeResult.ACCEPTED if right else CodeResult.WRONG


RECOVERY_CODE_SHAPE = recovery_codes.SHAPE


def normalise_recovery_code(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").lower()


def check_any_code(user: User, code: str) -> CodeResult:
    """A 6-digit code from the authenticator app, or else a recovery code (used up if right)."""
    code = re.sub(r"\s", "", code or "")
    if code.isdigit():
        device: Device | None = authenticator_for(user)
    else:
        code = normalise_recovery_code(code)
        device = recovery_device_for(user)
    if device is None:
        return CodeResult.WRONG
    return check_code(device, code)


def wrong_code_message(result: CodeResult) -> str:
    if result is CodeResult.TOO_MANY_TRIES:
        return _(
            "You have entered too many codes that are not correct. Wait a minute, then try again"
        )
    return _("The code is not correct. Enter the code your authenticator app shows now")


def complete_verification(request: HttpRequest, device: Device, *, method: str) -> None:
    """Mark this session as having given a code."""
    otp_login(request, device)
    request.session.pop(MFA_PENDING, None)
    stamps.mark_code(request)
    record(actor_of(request), "user.mfa_verified", method=method)


def record_failure(request: HttpRequest, *, method: str, result: CodeResult) -> None:
    record(actor_of(request), "user.mfa_failed", method=method, reason=result.value)


# Setting up an authenticator app ------------------------------------------------------------


def pending_authenticator(user: User) -> TOTPDevice:
    """The unconfirmed device whose secret is on the set-up page (the same one on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def secret_in_groups(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device: TOTPDevice) -> str:
    """The set-up address as a QR code, an SVG in a `data:` address (CSP allows data: images)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=10
    )
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + b64encode(buffer.getvalue()).decode("ascii")


def confirm_authenticator(
    request: HttpRequest, device: TOTPDevice, code: str
) -> tuple[CodeResult, list[str]]:
    """Check the first code from a new app; if right, it replaces any old app.

    Returns the result and, if the code was right, the person's 10 new recovery codes. The
    session is marked as having given a code.
    """
    user = request.user
    result = check_code(device, code)
    if result is not CodeResult.ACCEPTED:
        record_failure(request, method="set_up", result=result)
        return result, []
    with transaction.atomic(), changes.recorded_here("mfa"):
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = create_recovery_codes(user)
        record(actor_of(request), "user.mfa_enrolled")
        record(actor_of(request), "user.recovery_codes_created")
    otp_login(request, device)
    request.session.pop(MFA_PENDING, None)
    stamps.mark_code(request)
    return result, codes


# Recovery codes -----------------------------------------------------------------------------


def create_recovery_codes(user: User) -> list[str]:
    """Replace the person's recovery codes with 10 new single-use ones."""
    with transaction.atomic(), changes.recorded_here("mfa"):
        # Keep the device itself: a session that signed in with a recovery code stays signed in.
        device = recovery_device_for(user)
        if device is None:
            device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.token_set.all().delete()
        codes: set[str] = set()
        while len(codes) < RECOVERY_CODE_COUNT:
            codes.add(StaticToken.random_token())
        ordered = sorted(codes)
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=recovery_codes.digest(c)) for c in ordered
        )
    return ordered


def show_recovery_codes_once(request: HttpRequest, codes: list[str], next_url: str) -> None:
    request.session[RECOVERY_CODES_TO_SHOW] = {"codes": codes, "next": next_url}


def format_recovery_code(code: str) -> str:
    return f"{code[:4]} {code[4:]}"
