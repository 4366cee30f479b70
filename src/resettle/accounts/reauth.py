"""Asking again before a sensitive change.

Changing your password, authenticator app or recovery codes needs your password (and a code, if
you have an authenticator app) given within the last few minutes (MFA_REAUTHENTICATE_SECONDS).
Signing in counts: the password and the code it took are stamped in the session.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from . import mfa
from .stamps import CODE_AT, PASSWORD_AT, mark_code, mark_password

__all__ = ["CODE_AT", "PASSWORD_AT", "is_recent", "mark_code", "mark_password"]


def _given_recently(request: HttpRequest, key: str) -> bool:
    given_at = request.session.get(key)
    if not isinstance(given_at, int):
        return False
    return 0 <= time.time() - given_at <= settings.MFA_REAUTHENTICATE_SECONDS


def is_recent(request: HttpRequest) -> bool:
    if not _given_recently(request, PASSWORD_AT):
        return False
    return _given_recently(request, CODE_AT) or not mfa.has_authenticator(request.user)


def reauthenticate_url(next_url: str) -> str:
    return f"{reverse('accounts:reauthenticate')}?{urlencode({'next': next_url})}"


def reauthentication_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Send the person to confirm their password (and code) first, unless they just did."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_recent(request):
            return HttpResponseRedirect(reauthenticate_url(request.path))
        return view(request, *args, **kwargs)

    return wrapper
