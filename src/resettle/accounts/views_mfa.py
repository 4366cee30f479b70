"""Setting up an authenticator app, giving a code at sign-in, and recovery codes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from resettle.audit.actors import actor_of
from resettle.audit.services import record

from . import mfa, reauth
from .forms_mfa import AuthenticatorCodeForm, RecoveryCodeForm
from .mfa import CodeResult


@mfa.mfa_not_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Set up your authenticator app: scan the QR code (or type the key), then give a code."""
    user = request.user
    next_url = mfa.safe_next(request)
    replacing = mfa.has_authenticator(user)
    if replacing and not mfa.is_verified(request):
        # Someone with an app gives a code from it before they can replace it.
        return HttpResponseRedirect(
            mfa.url_with_next("accounts:mfa-verify", request.get_full_path())
        )
    if not reauth.is_recent(request):
        return HttpResponseRedirect(reauth.reauthenticate_url(request.get_full_path()))
    device = mfa.pending_authenticator(user)
    form = AuthenticatorCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result, codes = mfa.confirm_authenticator(request, device, form.cleaned_data["code"])
        if result is CodeResult.ACCEPTED:
            mfa.show_recovery_codes_once(request, codes, next_url)
            return redirect("accounts:mfa-recovery-codes")
        form.add_error("code", mfa.wrong_code_message(result))
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": mfa.qr_code_data_uri(device),
            "secret": mfa.secret_in_groups(device),
            "replacing": replacing,
        },
    )


@mfa.mfa_not_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Enter the 6-digit code from your authenticator app (after your password)."""
    next_url = mfa.safe_next(request)
    device = mfa.authenticator_for(request.user)
    if device is None:
        return HttpResponseRedirect(mfa.url_with_next("accounts:mfa-setup", next_url))
    if mfa.is_verified(request):
        return HttpResponseRedirect(next_url)
    form = AuthenticatorCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        result = mfa.check_code(device, form.cleaned_data["code"])
        if result is CodeResult.ACCEPTED:
            mfa.complete_verification(request, device, method="authenticator")
            return HttpResponseRedirect(next_url)
        mfa.record_failure(request, method="authenticator", result=result)
        form.add_error("code", mfa.wrong_code_message(result))
    return render(
        request,
        "accounts/mfa_verify.html",
        {
            "form": form,
            "next": next_url,
            "recovery_url": mfa.url_with_next("accounts:mfa-recovery", next_url),
        },
    )


@mfa.mfa_not_required
@require_http_methods(["GET", "POST"])
def recovery(request: HttpRequest) -> HttpResponse:
    """Sign in with a recovery code instead of a code from the app. Each code works once."""
    next_url = mfa.safe_next(request)
    if not mfa.has_authenticator(request.user):
        return HttpResponseRedirect(mfa.url_with_next("accounts:mfa-setup", next_url))
    if mfa.is_verified(request):
        return HttpResponseRedirect(next_url)
    form = RecoveryCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = mfa.recovery_device_for(request.user)
        result = mfa.check_code(device, form.cleaned_data["code"]) if device else CodeResult.WRONG
        if result is CodeResult.ACCEPTED:
            mfa.complete_verification(request, device, method="recovery_code")
            left = mfa.recovery_codes_left(request.user)
            messages.success(
                request,
                ngettext(
                    "You have %(count)d recovery code left. You can get new ones from your "
                    "account page.",
                    "You have %(count)d recovery codes left. You can get new ones from your "
                    "account page.",
                    left,
                )
                % {"count": left},
            )
            return HttpResponseRedirect(next_url)
        mfa.record_failure(request, method="recovery_code", result=result)
        if result is CodeResult.TOO_MANY_TRIES:
            form.add_error("code", mfa.wrong_code_message(result))
        else:
            form.add_error(
                "code", _("The recovery code is not correct, or it has already been used")
            )
    return render(
        request,
        "accounts/mfa_recovery.html",
        {
            "form": form,
            "next": next_url,
            "verify_url": mfa.url_with_next("accounts:mfa-verify", next_url),
        },
    )


@require_http_methods(["GET", "POST"])
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Your new recovery codes, shown once."""
    pending = request.session.get(mfa.RECOVERY_CODES_TO_SHOW)
    if not pending:
        return redirect("accounts:account")
    if request.method == "POST":
        del request.session[mfa.RECOVERY_CODES_TO_SHOW]
        return HttpResponseRedirect(pending.get("next") or reverse("accounts:account"))
    return render(
        request,
        "accounts/mfa_recovery_codes.html",
        {"codes": [mfa.format_recovery_code(c) for c in pending["codes"]]},
    )


@reauth.reauthentication_required
@require_http_methods(["GET", "POST"])
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    """Get new recovery codes (the old ones stop working)."""
    if not mfa.has_authenticator(request.user):
        return redirect("accounts:account")
    if request.method == "POST":
        codes = mfa.create_recovery_codes(request.user)
        record(actor_of(request), "user.recovery_codes_created")
        mfa.show_recovery_codes_once(request, codes, reverse("accounts:account"))
        return redirect("accounts:mfa-recovery-codes")
    return render(
        request,
        "accounts/mfa_new_recovery_codes.html",
        {"codes_left": mfa.recovery_codes_left(request.user)},
    )
