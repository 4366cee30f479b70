"""Administrators: see a person's signed-in sessions and end them."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from . import services, sessions
from .models import User


def _person_for_administrator(request: HttpRequest, public_id: UUID) -> User:
    if not request.user.is_staff:
        raise PermissionDenied
    return get_object_or_404(User.objects.select_related("organisation"), public_id=public_id)


@require_GET
def user_sessions(request: HttpRequest, public_id: UUID) -> HttpResponse:
    person = _person_for_administrator(request, public_id)
    return render(
        request,
        "accounts/user_sessions.html",
        {
            "person": person,
            "user_sessions": list(sessions.current_sessions(person)),
            "current_key": request.session.session_key,
        },
    )


@require_http_methods(["GET", "POST"])
def end_user_sessions(request: HttpRequest, public_id: UUID) -> HttpResponse:
    person = _person_for_administrator(request, public_id)
    if request.method == "POST":
        ended = services.end_user_sessions(request.actor, person)
        messages.success(
            request,
            ngettext(
                "%(count)d session ended. %(name)s will need to sign in again.",
                "%(count)d sessions ended. %(name)s will need to sign in again.",
                ended,
            )
            % {"count": ended, "name": person.full_name}
            if ended
            else _("%(name)s had no sessions to end.") % {"name": person.full_name},
        )
        return redirect("accounts:user-sessions", public_id=person.public_id)
    return render(
        request,
        "accounts/user_sessions_end.html",
        {"person": person, "is_self": person.pk == request.user.pk},
    )
