"""Keeping track of sessions as people sign in and out, ending them on deactivation, and auditing
every change to an account and its two-factor devices (see `changes.py`)."""

from __future__ import annotations

import logging

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.audit.actors import current_actor, named_actor

from . import changes, mfa, sessions
from .models import User

security = logging.getLogger("resettle.security")


@receiver(user_logged_in, dispatch_uid="resettle_session_signed_in")
def session_signed_in(sender, request, user, **kwargs) -> None:
    if request is None or not hasattr(request, "session"):
        return
    sessions.track(request, user)
    # Someone who has set up an authenticator app gives a code after their password, even where
    # two-factor sign-in is optional (demo mode).
    if mfa.has_authenticator(user):
        request.session[mfa.MFA_PENDING] = True
    else:
        request.session.pop(mfa.MFA_PENDING, None)


@receiver(user_logged_out, dispatch_uid="resettle_session_signed_out")
def session_signed_out(sender, request, user, **kwargs) -> None:
    if request is not None:
        sessions.forget(request)


@receiver(pre_save, sender=User, dispatch_uid="resettle_user_note_changes")
def note_changes(sender, instance: User, raw: bool = False, update_fields=None, **kwargs) -> None:
    """Read the stored account before a save that may change what is watched; refuse a person
    changing their own role, organisation or administration access."""
    instance._resettle_before = None
    if raw or instance.pk is None or not changes.watched_fields_touched(update_fields):
        return
    before = User.objects.filter(pk=instance.pk).values(*changes.WATCHED).first()
    if before is None:
        return
    changes.refuse_own_access_change(instance, before, current_actor())
    instance._resettle_before = before


@receiver(post_save, sender=User, dispatch_uid="resettle_user_record_changes")
def record_changes(sender, instance: User, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    before, instance._resettle_before = getattr(instance, "_resettle_before", None), None
    if created:
        # Accounts made in the service (the administration pages, a service) are recorded; the
        # first administrator (createsuperuser), the demo and test fixtures are not.
        actor = named_actor()
        if actor is not None:
            changes.record_created(instance, actor)
        return
    if before is None:
        return
    changes.record_changes(instance, before, current_actor())
    if before["is_active"] and not instance.is_active:
        sessions.end_sessions(instance)


@receiver(post_save, sender=TOTPDevice, dispatch_uid="resettle_authenticator_saved")
@receiver(post_save, sender=StaticDevice, dispatch_uid="resettle_recovery_codes_saved")
def device_saved(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    # An authenticator app counts once confirmed; the set-up page saves unconfirmed ones.
    if (
        not raw
        and instance.confirmed
        and (created or "confirmed" in (kwargs["update_fields"] or ()))
    ):
        changes.record_device_change(instance, "added")


@receiver(post_delete, sender=TOTPDevice, dispatch_uid="resettle_authenticator_deleted")
@receiver(post_delete, sender=StaticDevice, dispatch_uid="resettle_recovery_codes_deleted")
def device_deleted(sender, instance, **kwargs) -> None:
    if instance.confirmed:
        changes.record_device_change(instance, "removed")


@receiver(user_login_failed, dispatch_uid="resettle_sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs) -> None:
    # Never the address typed: it may not be anyone's, and it is personal data if it is.
    security.warning("sign-in failed", extra={"event": "sign_in.failed"})


@receiver(user_locked_out, dispatch_uid="resettle_locked_out")
def locked_out(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    security.warning("sign-in locked out", extra={"event": "sign_in.locked_out"})
