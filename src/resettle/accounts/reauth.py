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

PASSWORD_AT = "resettle_password_given_at"  # noqa: S105 (a session key name)
CODE_AT = "resettle_code_given_at"


def mark_password(request: HttpRequest) -> None:
    request.session[PASSWORD_AT] = int(time.time())


def mark_code(request: HttpRequest) -> None:
    request.session[CODE_AT] = int(time.time())


def _given_recently(request: HttpRequest, key: str) -> bool:
    given_at = request.session.get(key)
    if not isinstance(given_at, int):
        return False
    return 0 <= time.time() - given_at <= settings.MFA_REAUTHENTICATE_SECONDS


def is_recent(request: HttpRequest) -> bool:
    from . import mfa

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
