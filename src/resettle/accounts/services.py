"""Things administrators do to people's accounts, each audited."""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.audit.actors import Actor
from resettle.audit.services import record

from . import sessions
from .models import User


def end_user_sessions(actor: Actor, user: User) -> int:
    """Sign the person out everywhere. An administrator ending their own keeps this session."""
    keep = actor.session_key if user.pk == getattr(actor.user, "pk", None) else None
    ended = sessions.end_sessions(user, keep=keep)
    record(actor, "user.sessions_ended", user=str(user.public_id), sessions=ended)
    return ended


def deactivate_user(actor: Actor, user: User) -> None:
    """Stop the person signing in. Saving the change ends their sessions (see signals)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    record(actor, "user.deactivated", user=str(user.public_id))


def reset_two_factor(actor: Actor, user: User) -> None:
    """For someone who has lost their authenticator app and recovery codes.

    Their app and codes are removed and their sessions ended; when they next sign in they set up
    an app again (straight away where two-factor sign-in is required).
    """
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        keep = actor.session_key if user.pk == getattr(actor.user, "pk", None) else None
        sessions.end_sessions(user, keep=keep)
        record(actor, "user.mfa_reset", user=str(user.public_id))
