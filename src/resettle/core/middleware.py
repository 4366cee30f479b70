"""Cross-cutting: request ids and the request log, response hygiene, and a clear answer when the
database is unavailable."""

import logging
import time
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import empty
from django.utils.translation import gettext as _

from . import logs

logger = logging.getLogger("resettle.availability")
requests_log = logging.getLogger("resettle.requests")

# The errors a database that has gone away (restarting, failing over, unreachable) gives.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


class RequestIdMiddleware:
    """Give the request an id for every log line it causes (core/logs.py), echo it in the
    X-Request-ID response header, and log one line for the request: method, path (never the query
    string, which can hold a search for a child's name), status, time taken, the processor time
    this request's thread used (what more servers would share; the rest is waiting: for the
    database, or for a processor another request holds) and who (an id)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id, token = logs.start_request(request.headers.get("X-Request-ID"))
        request.request_id = request_id
        started, cpu_started = time.monotonic(), time.thread_time()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            requests_log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000),
                    "cpu_ms": round((time.thread_time() - cpu_started) * 1000),
                    "user_id": _user_id(request),
                },
            )
            return response
        finally:
            logs.end_request(token)


def _user_id(request: HttpRequest) -> int | None:
    """The signed-in person's id, if the request already looked them up (never a new query)."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None


class NoStoreMiddleware:
    """Pages for a signed-in user may hold personal data: no browser or proxy may keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response


def service_unavailable() -> HttpResponse:
    """The "service unavailable" page (503), made without asking the database anything.

    It is rendered without the request, so no context processor looks up the person or their
    organisation: the page only needs the service's name.
    """
    html = render_to_string(
        "503.html", {"service_name": _("Resettle"), "service_phase": _("Alpha")}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """A view that loses the database answers 503 "Sorry, the service is unavailable", not 500.

    Every business operation runs in one transaction, so whatever it had written is rolled back:
    nothing is half-saved. (Errors raised by other middleware, before or after the view, reach
    the 500 handler, which answers the same way: `resettle.web.site.server_error`.)
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_UNAVAILABLE):
            log_unavailable(exception)
            return service_unavailable()
        return None


def log_unavailable(exception: Exception) -> None:
    logger.error(
        "database unavailable",
        extra={"event": "database.unavailable", "error": type(exception).__name__},
    )
