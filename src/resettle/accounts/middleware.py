"""Idle and absolute session limits (ENGINEERING.md: 30 minutes idle, 12 hours absolute)."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

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
        return self.get_response(request)
