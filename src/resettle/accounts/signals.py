"""Keeping track of sessions as people sign in and out, and ending them on deactivation."""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from . import mfa, sessions
from .models import User


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


@receiver(pre_save, sender=User, dispatch_uid="resettle_user_note_deactivation")
def note_deactivation(sender, instance: User, raw: bool = False, **kwargs) -> None:
    # Only an inactive user being saved can be a deactivation, so only then ask the database.
    if raw or instance.pk is None or instance.is_active:
        return
    instance._resettle_deactivating = User.objects.filter(pk=instance.pk, is_active=True).exists()


@receiver(post_save, sender=User, dispatch_uid="resettle_user_end_sessions_on_deactivation")
def end_sessions_on_deactivation(sender, instance: User, raw: bool = False, **kwargs) -> None:
    if raw or not getattr(instance, "_resettle_deactivating", False):
        return
    instance._resettle_deactivating = False
    sessions.end_sessions(instance)
