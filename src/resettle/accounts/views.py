"""Sign in, sign out and the pages that explain why you were signed out."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_GET

from resettle.audit.actors import actor_of
from resettle.audit.services import record

from . import mfa, reauth
from .forms import SignInForm
from .middleware import mark_signed_in


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)  # login() gives the user a new session id
        mark_signed_in(self.request)
        reauth.mark_password(self.request)
        record(actor_of(self.request), "user.signed_in")
        return response

    def get_success_url(self) -> str:
        # The password is the first step; then a code from the authenticator app (or setting
        # one up), then on to where the person was going.
        url = super().get_success_url()
        if self.request.user.is_authenticated and mfa.code_needed(self.request):
            return mfa.second_step_url(self.request.user, url)
        return url


# Open to anyone: someone whose session has already ended who presses "Sign out" should land on
# the signed-out page, not on sign-in with next=/sign-out/ (which would then be a GET, a 405).
@method_decorator(login_not_required, name="dispatch")
class SignOutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.user.is_authenticated:
            record(actor_of(request), "user.signed_out")
        return super().post(request, *args, **kwargs)


@login_not_required
@require_GET
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html", {"reason": "signed_out"})


@login_not_required
@require_GET
def signed_out_inactive(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html", {"reason": "inactive"})


@login_not_required
@require_GET
def signed_out_expired(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html", {"reason": "expired"})


@login_not_required
@require_GET
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """/admin/login/: there is one way in, the service's sign-in (lockout, two-factor, audit).

    Django's own admin login would sign people in without a code and without an audit entry.
    Someone signed in who may not use the administration pages is refused here rather than sent
    back to sign in, which would send them back here.
    """
    next_url = mfa.safe_next(request, "admin:index")
    if not request.user.is_authenticated:
        return HttpResponseRedirect(mfa.url_with_next("accounts:sign-in", next_url))
    if not request.user.is_staff:
        raise PermissionDenied
    return HttpResponseRedirect(next_url)
