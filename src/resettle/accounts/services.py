"""Things done to people's accounts, each audited (see also `passwords.py` for password links).

Changes to an account's email, role, organisation, password, active state and administration
access are recorded by the account's own save signal (`changes.py`), in the name of the actor these
functions are given (`acting_as`), so they are recorded the same way from here, the administration
pages or a command.
"""

from __future__ import annotations

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.audit.actors import Actor, acting_as
from resettle.audit.services import record

from . import changes, sessions
from .models import User


def end_user_sessions(actor: Actor, user: User) -> int:
    """Sign the person out everywhere. An administrator ending their own keeps this session."""
    keep = actor.session_key if user.pk == getattr(actor.user, "pk", None) else None
    ended = sessions.end_sessions(user, keep=keep)
    record(actor, "user.sessions_ended", user=str(user.public_id), sessions=ended)
    return ended


@transaction.atomic
def deactivate_user(actor: Actor, user: User) -> None:
    """Stop the person signing in. Saving the change ends their sessions and records it."""
    user.is_active = False
    with acting_as(actor):
        user.save(update_fields=["is_active"])


@transaction.atomic
def save_account(actor: Actor, user: User, *, update_fields=None) -> None:
    """Save changes an administrator made to an account.

    Each change to what is watched is recorded (`changes.py`); a person changing their own role,
    organisation or administration access is refused with `changes.OwnAccessChange`.
    """
    with acting_as(actor):
        user.save(update_fields=update_fields)


@transaction.atomic
def create_account(actor: Actor, user: User) -> User:
    """Make a new account with no password: the person sets one from an emailed link."""
    user.email = User.objects.normalize_email(user.email).lower()
    user.set_unusable_password()
    with acting_as(actor):
        user.save()
    return user


def reset_two_factor(actor: Actor, user: User) -> None:
    """For someone who has lost their authenticator app and recovery codes.

    Their app and codes are removed and their sessions ended; when they next sign in they set up
    an app again (straight away where two-factor sign-in is required).
    """
    with transaction.atomic(), changes.recorded_here("mfa"):
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        keep = actor.session_key if user.pk == getattr(actor.user, "pk", None) else None
        sessions.end_sessions(user, keep=keep)
        record(actor, "user.mfa_reset", user=str(user.public_id))
