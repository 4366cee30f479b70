"""Pages that belong to the service as a whole, the health checks, and the error pages."""

import logging
import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.core.middleware import DATABASE_UNAVAILABLE, log_unavailable, service_unavailable

security = logging.getLogger("resettle.security")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if policy.can_view_children(request.user):
        return redirect("children:caseload")
    if policy.can_view_partnership_figures(request.user):  # the partnership lead: London's figures
        return redirect("insight:overview")
    return render(request, "core/home.html")


@login_not_required
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@login_not_required
@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. It does not ask the database, so a database outage does
    not make a load balancer restart every copy of the service (that is what /readyz/ is for)."""
    return JsonResponse({"status": "ok"})


# Once every migration is applied it stays applied for the life of the process.
_migrations_applied = False


def _migrations_pending() -> bool:
    global _migrations_applied  # a process-wide fact, learnt once
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations_applied = not plan
    return not _migrations_applied


@login_not_required
@require_GET
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness, for a load balancer: the database answers and every migration is applied.

    200 {"status": "ready"} or 503 {"status": "unavailable", "checks": {...}}: send traffic
    elsewhere until it is ready (during a deployment's migrations, or a database outage).
    """
    checks = {"database": "ok", "migrations": "applied"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if _migrations_pending():
            checks["migrations"] = "pending"
    except DatabaseError:
        checks = {"database": "unavailable", "migrations": "unknown"}
    ready = checks == {"database": "ok", "migrations": "applied"}
    return JsonResponse(
        {"status": "ready" if ready else "unavailable", "checks": checks},
        status=200 if ready else 503,
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    user = getattr(request, "user", None)
    security.warning(
        "access refused",
        extra={
            "event": "access.refused",
            "path": request.path,
            "user_id": user.pk if user is not None and user.is_authenticated else None,
        },
    )
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    """A server error; or, when the database has gone away, "service unavailable" (503).

    Database errors raised by a view are answered by DatabaseUnavailableMiddleware; this catches
    those raised elsewhere (loading the session, say). Neither page asks the database anything.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        log_unavailable(error)
        return service_unavailable()
    return render(request, "500.html", status=500)
