"""Who is acting: the person (or Resettle itself), and how they reached us.

Every business operation takes an `Actor` first, never an HTTP request, so a page, an API call, a
management command and a background task are checked and audited the same way:

* a page or an API call: `request.actor` (set by `ActorMiddleware`), which reads the request as
  it is at the moment of use, because signing in changes the person and the session mid-request;
* a command or task acting for a named person: `Actor(user, via="command")`;
* Resettle acting by itself (retention, scheduled jobs): `Actor.system()`.

Code that reacts to a change without being handed the actor (a model signal, such as the one that
audits every change to an account) asks `current_actor()`: the request's actor while a request is
being answered (`ActorMiddleware`), the one a service named with `acting_as(actor)`, or else
Resettle itself from a command (a change made in `manage.py shell`, say).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from ipware import get_client_ip

WEB, API, COMMAND, TASK = "web", "api", "command", "task"


class Actor:
    """The person acting (None for Resettle itself), their address and session, and the channel."""

    def __init__(
        self,
        user: Any = None,
        *,
        ip_address: str | None = None,
        session_key: str | None = None,
        via: str = COMMAND,
    ) -> None:
        self._user = user
        self._ip_address = ip_address
        self._session_key = session_key
        self.via = via

    @classmethod
    def system(cls, via: str = TASK) -> Actor:
        return cls(None, via=via)

    @property
    def user(self) -> Any:
        user = self._user
        return user if user is not None and user.is_authenticated else None

    @property
    def ip_address(self) -> str | None:
        return self._ip_address

    @property
    def session_key(self) -> str | None:
        return self._session_key

    @property
    def is_system(self) -> bool:
        return self.user is None

    def __repr__(self) -> str:
        who = getattr(self.user, "pk", None)
        return f"<Actor user={who} via={self.via}>"


def client_address(request) -> str | None:
    """The address the request came from: the client's, not a proxy's (docs/configuration.md).

    With `PROXY_COUNT` (RESETTLE_PROXY_COUNT) proxies in front, each adding the address it was
    reached from to `X-Forwarded-For`, the client is the PROXY_COUNT-th address from the right:
    anything further left was written by the client and is not trusted. django-ipware reads the
    header. Without proxies the header is ignored. Lockout (django-axes, through
    AXES_CLIENT_IP_CALLABLE), the audit trail and the session list all use this one answer.
    """
    meta = getattr(request, "META", {})
    direct = meta.get("REMOTE_ADDR") or None
    proxies = getattr(settings, "PROXY_COUNT", 0)
    if proxies <= 0:
        return direct
    # ipware counts the proxies *inside* the header; the nearest proxy is REMOTE_ADDR, not in it.
    address, _routable = get_client_ip(
        request,
        proxy_order="left-most",
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        strict=False,
    )
    return address or direct


class RequestActor(Actor):
    """The actor of an HTTP request, read from the request each time it is asked."""

    def __init__(self, request, via: str = WEB) -> None:
        super().__init__(via=via)
        self._request = request

    @property
    def user(self) -> Any:
        user = getattr(self._request, "user", None)
        return user if user is not None and user.is_authenticated else None

    @property
    def ip_address(self) -> str | None:
        return client_address(self._request)

    @property
    def session_key(self) -> str | None:
        session = getattr(self._request, "session", None)
        return session.session_key if session is not None else None


_current: ContextVar[Actor | None] = ContextVar("resettle_current_actor", default=None)


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """Name who is acting for everything done inside the block (signals included)."""
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def current_actor() -> Actor:
    """Who is acting now: see the module's docstring."""
    return _current.get() or Actor.system(via=COMMAND)


def named_actor() -> Actor | None:
    """The actor a request or a service named, or None outside them."""
    return _current.get()


def actor_of(request) -> Actor:
    """The request's actor (set by the middleware, or made here for a request without it)."""
    actor = getattr(request, "actor", None)
    if actor is None:
        actor = request.actor = RequestActor(request)
    return actor


class ActorMiddleware:
    """Give every request its `actor`. Placed after authentication."""

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        request.actor = RequestActor(request)
        with acting_as(request.actor):
            return self.get_response(request)
