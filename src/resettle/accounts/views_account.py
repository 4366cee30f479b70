"""Your account: confirming it is you, and changing your password."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import authenticate, update_session_auth_hash
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.audit.actors import actor_of
from resettle.audit.services import record

from . import changes, mfa, reauth, sessions
from .forms_mfa import ReauthenticateForm, SetPasswordForm
from .mfa import CodeResult


@require_GET
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    device = mfa.authenticator_for(user)
    return render(
        request,
        "accounts/account.html",
        {
            "authenticator": device,
            "recovery_codes_left": mfa.recovery_codes_left(user) if device else 0,
            "account_url": reverse("accounts:account"),
        },
    )


@mfa.mfa_not_required
@require_http_methods(["GET", "POST"])
def reauthenticate(request: HttpRequest) -> HttpResponse:
    """Confirm it is you: your password, and a code if you have an authenticator app."""
    user = request.user
    next_url = mfa.safe_next(request, "accounts:account")
    needs_code = mfa.has_authenticator(user)
    if needs_code and not mfa.is_verified(request):
        return HttpResponseRedirect(
            mfa.url_with_next("accounts:mfa-verify", request.get_full_path())
        )
    form = ReauthenticateForm(
        request.POST if request.method == "POST" else None, needs_code=needs_code
    )
    if request.method == "POST" and form.is_valid():
        # authenticate() goes through django-axes, so guessing here counts towards a lockout.
        confirmed = authenticate(
            request, username=user.get_username(), password=form.cleaned_data["password"]
        )
        if confirmed is None or confirmed.pk != user.pk:
            form.add_error("password", _("The password is not correct"))
        elif needs_code:
            result = mfa.check_any_code(user, form.cleaned_data["code"])
            if result is CodeResult.ACCEPTED:
                reauth.mark_password(request)
                reauth.mark_code(request)
                return HttpResponseRedirect(next_url)
            mfa.record_failure(request, method="reauthenticate", result=result)
            form.add_error("code", mfa.wrong_code_message(result))
        else:
            reauth.mark_password(request)
            return HttpResponseRedirect(next_url)
    return render(
        request,
        "accounts/reauthenticate.html",
        {"form": form, "next": next_url, "needs_code": needs_code},
    )


@reauth.reauthentication_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = SetPasswordForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        with changes.recorded_here("password"):  # recorded below, with the sessions ended
            form.save()
        old_key = request.session.session_key
        update_session_auth_hash(request, user)  # stay signed in here, with a new session id
        sessions.rekey(old_key, request.session.session_key)
        ended = sessions.end_sessions(user, keep=request.session.session_key)
        record(actor_of(request), "user.password_changed", other_sessions_ended=ended)
        messages.success(request, _("Your password has been changed"))
        return redirect("accounts:account")
    return render(request, "accounts/password_change.html", {"form": form})
