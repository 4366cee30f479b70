"""Reset your password, check your email, choose a new password: with a link sent by email.

The link's token never stays in the address bar or reaches another site in a Referer: on first
use it moves into the session and the browser is sent to the page without it (as Django's own
password reset does).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.audit.actors import WEB, Actor, actor_of, client_address

from . import passwords
from .forms import PasswordResetRequestForm
from .forms_mfa import SetPasswordForm

LINK = "resettle_password_link"


def _base_url(request: HttpRequest) -> str:
    return settings.SITE_URL or request.build_absolute_uri("/")


@login_not_required
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        passwords.request_password_reset(
            actor_of(request), email=form.cleaned_data["email"], base_url=_base_url(request)
        )
        return redirect("accounts:password-reset-sent")
    return render(request, "accounts/password_reset.html", {"form": form})


@login_not_required
@require_GET
def reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


def _invalid(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_link_invalid.html")


@login_not_required
@require_GET
def link(request: HttpRequest, purpose: str, uid: str, token: str) -> HttpResponse:
    if passwords.user_for_link(purpose, uid, token) is None:
        return _invalid(request)
    request.session[LINK] = {"purpose": purpose, "uid": uid, "token": token}
    return redirect("accounts:password-choose")


@login_not_required
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    held = request.session.get(LINK) or {}
    user = passwords.user_for_link(held.get("purpose"), held.get("uid", ""), held.get("token"))
    if user is None:
        request.session.pop(LINK, None)
        return _invalid(request)
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        actor = Actor(user, ip_address=client_address(request), via=WEB)
        if request.user.is_authenticated:
            logout(request)  # whoever was signed in here; their session is ended with the rest
        passwords.set_password_from_link(actor, user, password=form.cleaned_data["new_password1"])
        request.session.pop(LINK, None)
        messages.success(request, _("Your password has been set. Sign in with your new password."))
        return redirect("accounts:sign-in")
    return render(
        request,
        "accounts/password_choose.html",
        {"form": form, "setting_up": held["purpose"] == passwords.SET_UP, "person": user},
    )
