"""Your personal access tokens: made (after confirming it is you, as for a new password), shown
once, listed with their last use, revoked. Administrators revoke anyone's in the administration
pages (admin.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resettle.access import policy
from resettle.accounts.reauth import reauthentication_required
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import services
from .forms import TokenForm
from .models import AccessToken

DEFAULT_DAYS = 90


def uses_api(view: Callable) -> Callable:
    @wraps(view)
    def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not policy.can_use_api(request.user):
            raise PermissionDenied(_("Your role does not use the API."))
        return view(request, *args, **kwargs)

    return page


@require_GET
@uses_api
def tokens(request: HttpRequest) -> HttpResponse:
    return render(request, "api/tokens.html", {"tokens": services.tokens_of(request.user)})


@require_http_methods(["GET", "POST"])
@uses_api
@reauthentication_required
def add_token(request: HttpRequest) -> HttpResponse:
    initial = {"scope": "read", "expires_on": today() + timedelta(days=DEFAULT_DAYS)}
    form = TokenForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = services.create_token(request.actor, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            # Shown once, in this response only: it is never stored or shown again.
            return render(request, "api/token_created.html", {"token": token, "raw": raw})
    return render(
        request, "api/token_form.html", {"form": form, "latest": services.latest_expiry()}
    )


@require_POST
@uses_api
def revoke_token(request: HttpRequest, token_id) -> HttpResponse:
    token = AccessToken.objects.filter(public_id=token_id, user=request.user).first()
    if token is None:
        raise Http404("No such token")
    if services.revoke_token(request.actor, token):
        messages.success(request, _("The token '%(name)s' has been revoked") % {"name": token.name})
    return redirect("integrations:tokens")
