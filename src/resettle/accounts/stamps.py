"""When this session last gave a password and a code: stamped at sign-in and when asked again.

`reauth` reads the stamps before a sensitive change; signing in and two-factor sign-in write them.
"""

from __future__ import annotations

import time

from django.http import HttpRequest

PASSWORD_AT = "resettle_password_given_at"  # noqa: S105 (a session key name)
CODE_AT = "resettle_code_given_at"


def mark_password(request: HttpRequest) -> None:
    request.session[PASSWORD_AT] = int(time.time())


def mark_code(request: HttpRequest) -> None:
    request.session[CODE_AT] = int(time.time())
