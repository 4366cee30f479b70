"""Cross-cutting response hygiene, and a clear answer when the database is unavailable."""

import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

logger = logging.getLogger("resettle.availability")

# The errors a database that has gone away (restarting, failing over, unreachable) gives.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


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
