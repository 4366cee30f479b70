"""Idle and absolute session limits (30 minutes idle, 12 hours absolute: docs/decisions/0003)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from . import mfa, sessions

SIGNED_IN_AT = "resettle_signed_in_at"
LAST_SEEN = "resettle_last_seen"


def mark_signed_in(request: HttpRequest) -> None:
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_SEEN] = now


class SessionTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            signed_in_at = request.session.get(SIGNED_IN_AT, now)
            last_seen = request.session.get(LAST_SEEN, now)
            idle = now - last_seen > settings.SESSION_IDLE_TIMEOUT.total_seconds()
            expired = now - signed_in_at > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds()
            if idle or expired:
                logout(request)
                return redirect(
                    "accounts:signed-out-inactive" if idle else "accounts:signed-out-expired"
                )
            # Write at most once a minute so most requests do not touch the session store.
            if now - last_seen >= 60 or SIGNED_IN_AT not in request.session:
                request.session[LAST_SEEN] = now
                request.session.setdefault(SIGNED_IN_AT, signed_in_at)
                if now - last_seen >= 60:
                    sessions.touch(request)  # "last active" on the administrator's page
        return self.get_response(request)


class MFARequiredMiddleware:
    """Keep a signed-in person who has not yet given a code to the two-factor pages.

    Placed after LoginRequiredMiddleware. When two-factor sign-in is required (MFA_REQUIRED, on
    outside demo mode), or this session signed in with a password for someone who has set up an
    authenticator app, every page except public ones (marked `login_not_required`) and those marked
    `mfa_not_required` (setting up an app, entering a code, signing out) redirects to the code page,
    or to setting up an app for someone who has none.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or not mfa.code_needed(request):
            return None
        if not getattr(view_func, "login_required", True):
            return None  # public pages: sign-in, signed out, accessibility, privacy, health
        if not getattr(view_func, "mfa_required", True):
            return None
        return mfa.redirect_to_second_step(request, next_url=request.get_full_path())
