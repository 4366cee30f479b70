"""Setting and resetting passwords with a link sent by email: nobody else ever sets a password.

An administrator never sees or sets anyone's password. A new account has no password; the person
gets an email with a link to choose one. An administrator can send the same link again (a person
who has forgotten their password, or whose link has expired), and anyone can ask for one on
"Reset your password".

A link holds a token (Django's PasswordResetTokenGenerator, keyed with the secret key) made from
the account's password, last sign-in and active state, so it stops working once used, once the
person signs in, or once the account is deactivated; and it expires (PASSWORD_RESET_TIMEOUT for a
link an administrator sends, PASSWORD_SELF_RESET_TIMEOUT for one a person asked for). Asking for a
link never says whether an account exists, and is throttled by address and by network address.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPException
from uuid import UUID

from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

from resettle.audit.actors import Actor, acting_as
from resettle.audit.services import record

from . import changes, sessions
from .models import PasswordResetRequest, User

security = logging.getLogger("resettle.security")

SET_UP, RESET = "set-up", "reset"
PURPOSES = (SET_UP, RESET)


class PasswordLinkTokens(PasswordResetTokenGenerator):
    """Tokens for one purpose, each with its own key and lifetime."""

    def __init__(self, purpose: str, lifetime_setting: str) -> None:
        super().__init__()
        self.key_salt = f"resettle.accounts.passwords.{purpose}"
        self.lifetime_setting = lifetime_setting

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        # Deactivating the account also ends its links.
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"

    def check_token(self, user: User | None, token: str | None) -> bool:
        if not super().check_token(user, token):
            return False
        made_at = base36_to_int(token.split("-")[0])
        age = self._num_seconds(self._now()) - made_at
        return age <= getattr(settings, self.lifetime_setting)


TOKENS = {
    SET_UP: PasswordLinkTokens(SET_UP, "PASSWORD_RESET_TIMEOUT"),
    RESET: PasswordLinkTokens(RESET, "PASSWORD_SELF_RESET_TIMEOUT"),
}


def link_for(user: User, purpose: str, base_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.public_id))
    token = TOKENS[purpose].make_token(user)
    path = reverse(
        "accounts:password-link", kwargs={"purpose": purpose, "uid": uid, "token": token}
    )
    return f"{base_url.rstrip('/')}{path}"


def user_for_link(purpose: str, uid: str, token: str) -> User | None:
    """The person a link is for, if the link is theirs, unused and in date; else None."""
    if purpose not in TOKENS:
        return None
    try:
        public_id = UUID(urlsafe_base64_decode(uid).decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return None
    user = User.objects.filter(public_id=public_id, is_active=True).first()
    if user is None or not TOKENS[purpose].check_token(user, token):
        return None
    return user


def _lifetime(purpose: str) -> timedelta:
    setting = TOKENS[purpose].lifetime_setting
    return timedelta(seconds=getattr(settings, setting))


def _send(user: User, purpose: str, base_url: str) -> bool:
    """Send the link; False (and an error in the logs) if the email could not be sent."""
    hours = int(_lifetime(purpose).total_seconds() // 3600)
    context = {
        "name": user.get_short_name(),
        "url": link_for(user, purpose, base_url),
        "purpose": purpose,
        "hours": hours,
        "days": hours // 24,
    }
    try:
        send_mail(
            render_to_string("accounts/email/password_link_subject.txt", context).strip(),
            render_to_string("accounts/email/password_link.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [user.email],
            fail_silently=False,
        )
    except (SMTPException, OSError) as error:
        security.error(
            "password link not sent",
            extra={"event": "password_link.not_sent", "error": type(error).__name__},
        )
        return False
    return True


def send_password_link(actor: Actor, user: User, *, base_url: str) -> bool:
    """An administrator sends the person a link to set (or reset) their password.

    Returns False if the email could not be sent (nothing is recorded then)."""
    if not _send(user, SET_UP, base_url):
        return False
    record(actor, "user.password_link_sent", user=str(user.public_id))
    security.info("password link sent", extra={"event": "password_link.sent"})
    return True


def _digest(email: str) -> str:
    return salted_hmac("resettle.accounts.password-reset-request", email.lower()).hexdigest()


def _throttled(digest: str, ip_address: str | None) -> bool:
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=hour_ago)
    per_address = recent.filter(email_digest=digest, sent=True).count()
    per_client = recent.filter(ip_address=ip_address).count() if ip_address else 0
    return (
        per_address >= settings.PASSWORD_RESET_EMAILS_PER_ADDRESS_PER_HOUR
        or per_client >= settings.PASSWORD_RESET_REQUESTS_PER_CLIENT_PER_HOUR
    )


@transaction.atomic
def request_password_reset(actor: Actor, *, email: str, base_url: str) -> None:
    """Someone asks for a reset link for `email`. Whatever happens, the answer is the same.

    A link is sent only to an active account with that address, and only if neither the address
    nor the network address the request came from has asked too often in the last hour.
    """
    digest = _digest(email)
    PasswordResetRequest.objects.filter(
        requested_at__lt=timezone.now() - timedelta(days=1)
    ).delete()
    throttled = _throttled(digest, actor.ip_address)
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    send = user is not None and not throttled
    PasswordResetRequest.objects.create(email_digest=digest, ip_address=actor.ip_address, sent=send)
    if throttled:
        security.warning("password reset throttled", extra={"event": "password_reset.throttled"})
    if user is None:
        security.info("password reset for no account", extra={"event": "password_reset.unknown"})
        return
    if send:
        # If the email cannot be sent, the page still says the same (and the logs say why).
        send = _send(user, RESET, base_url)
    record(actor, "user.password_reset_requested", user=str(user.public_id), sent=send)
    security.info("password reset requested", extra={"event": "password_reset.requested"})


@transaction.atomic
def set_password_from_link(actor: Actor, user: User, *, password: str) -> int:
    """The person chose a password from their link: it is set, the link is used up, and they are
    signed out everywhere. Returns how many sessions were ended."""
    with acting_as(actor), changes.recorded_here("password"):
        user.set_password(password)
        user.save(update_fields=["password"])
    ended = sessions.end_sessions(user)
    reset_lockouts(username=user.email)
    record(actor, "user.password_reset", user=str(user.public_id), sessions_ended=ended)
    security.info("password set from link", extra={"event": "password_link.used"})
    return ended
