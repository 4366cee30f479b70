"""Child mode: a signed-in session handed to one child on a shared device.

While it is on, the session reaches only the child-mode pages (see middleware.py). The session
holds which child and which worker started it; leaving needs the worker's password.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.http import HttpRequest

    from resettle.children.models import Child

SESSION_KEY = "resettle_child_mode"
# The only pages a session in child mode may reach.
ALLOWED_VIEWS = frozenset(
    {"childview:child-mode", "childview:child-mode-answers", "childview:child-mode-leave"}
)


def start(request: HttpRequest, child: Child) -> None:
    request.session[SESSION_KEY] = {"child": str(child.public_id), "user": request.user.pk}


def end(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def child_public_id(request: HttpRequest) -> str | None:
    """The child this session is locked to, or None when child mode is off."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    state = session.get(SESSION_KEY)
    if not isinstance(state, dict):
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or state.get("user") != user.pk:
        return None
    return state.get("child")


def is_on(request: HttpRequest) -> bool:
    return child_public_id(request) is not None
