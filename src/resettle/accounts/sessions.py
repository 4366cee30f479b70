"""Knowing who is signed in where, and ending their sessions.

Each sign-in makes a `UserSession` row pointing at the session in Django's session store (the
database backend). Ending a person's sessions deletes them from the store, so their next request
finds no session and is sent to sign in.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import import_module
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from resettle.audit.actors import client_address

from .models import UserSession

if TYPE_CHECKING:
    from .models import User


def _session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def track(request: HttpRequest, user: User) -> None:
    """Note the session that has just signed in (called from the user_logged_in signal)."""
    if request is None or not hasattr(request, "session"):
        return
    if request.session.session_key is None:
        request.session.save()
    now = timezone.now()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={
            "user": user,
            "created_at": now,
            "last_seen_at": now,
            "ip_address": client_address(request),
        },
    )
    # No session outlives the absolute limit, so older rows point at nothing.
    UserSession.objects.filter(
        user=user, created_at__lt=now - settings.SESSION_ABSOLUTE_TIMEOUT
    ).delete()


def forget(request: HttpRequest) -> None:
    """The session is signing out."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


def touch(request: HttpRequest) -> None:
    key = request.session.session_key
    if key:
        UserSession.objects.filter(session_key=key).update(last_seen_at=timezone.now())


def rekey(old_key: str | None, new_key: str | None) -> None:
    """The session kept its data but got a new key (for example after a password change)."""
    if old_key and new_key and old_key != new_key:
        UserSession.objects.filter(session_key=old_key).update(session_key=new_key)


def current_sessions(user: User) -> QuerySet[UserSession]:
    """Sessions that may still be in use: not past the idle or absolute limits."""
    now = timezone.now()
    idle_limit = settings.SESSION_IDLE_TIMEOUT.total_seconds() + 60  # last seen is kept per minute
    return UserSession.objects.filter(
        user=user,
        created_at__gte=now - settings.SESSION_ABSOLUTE_TIMEOUT,
        last_seen_at__gte=now - timedelta(seconds=idle_limit),
    )


def end_sessions(user: User, *, keep: str | None = None) -> int:
    """End every session the person has (but `keep`, if given). Returns how many were live."""
    store = _session_store()
    with transaction.atomic():
        rows = list(
            UserSession.objects.select_for_update()
            .filter(user=user)
            .exclude(session_key=keep or "")
            .values_list("pk", "session_key")
        )
        live = 0
        for _pk, session_key in rows:
            session = store(session_key=session_key)
            if session.exists(session_key):
                live += 1
            session.delete()
        UserSession.objects.filter(pk__in=[pk for pk, _key in rows]).delete()
    return live
