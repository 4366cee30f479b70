"""A form sent twice is saved once.

Every form carries a one-off key beside its CSRF token (`{% csrf_token %}` is replaced, for every
template, by `core.templatetags.once`). The first post with a key claims it in the `Submission`
table (a unique key), inside the same transaction as the view's work:
- the view answers with a redirect (it saved): the key is kept, with where it sent the person;
- anything else (the form shown again with errors, a preview): the key is released, so the
  corrected form can be sent;
- a server error: the whole request is rolled back, so nothing is half-saved.
A second post with the same key (a double click, a refresh, a second tab) saves nothing and is
sent where the first went, with a message. On PostgreSQL a second post racing the first waits on
the unique key until the first commits, then is answered the same way.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Submission

FIELD = "submission"
KEPT_FOR = timedelta(days=1)
REDIRECTS = (301, 302, 303)


def new_key() -> str:
    return uuid.uuid4().hex


def _key(request: HttpRequest) -> str | None:
    if request.method != "POST" or not request.content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        return None
    value = request.POST.get(FIELD, "")
    try:
        return uuid.UUID(hex=value).hex
    except ValueError:
        return None  # no key, or not one we made: the post is handled as any other


class OnceOnlyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request)
        user = getattr(request, "user", None)
        if key is None or user is None or not user.is_authenticated:
            return self.get_response(request)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    claim = Submission.objects.create(key=key, user=user)
            except IntegrityError:
                return already_sent(request, key)
            response = self.get_response(request)
            if response.status_code >= 500:
                transaction.set_rollback(True)
            elif response.status_code in REDIRECTS:
                claim.location = response["Location"][:2000]
                claim.save(update_fields=["location"])
            else:
                claim.delete()
        Submission.objects.filter(user=user, created_at__lt=timezone.now() - KEPT_FOR).delete()
        return response


def already_sent(request: HttpRequest, key: str) -> HttpResponse:
    first = Submission.objects.filter(key=key, user=request.user).first()
    if first is not None and first.location:
        messages.info(request, _("You sent this form twice. It was saved once."))
        return HttpResponseRedirect(first.location)
    return render(request, "core/already_sent.html", status=409)
