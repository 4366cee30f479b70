"""Importing from a case management system on a page (YJS managers, their own service): upload the
files, see what would be created, changed and rejected, then confirm (or cancel). Nothing is saved
before the confirmation; the rejected rows can be downloaded as CSV."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resettle.access import policy
from resettle.audit.actors import Actor, client_address

from .forms import ImportForm
from .importing import engine, storage


def for_managers(view: Callable) -> Callable:
    @wraps(view)
    def page(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not policy.can_import_children(request.user):
            raise PermissionDenied(_("Only a youth justice service's managers import children."))
        return view(request, *args, **kwargs)

    return page


def _actor(request: HttpRequest) -> Actor:
    """The manager, marked as importing (audit entries say so)."""
    session = request.session.session_key
    return Actor(
        request.user, ip_address=client_address(request), session_key=session, via="import"
    )


def _check(request: HttpRequest, upload: storage.Upload, *, apply: bool) -> dict:
    with (
        upload.path(storage.CHILDREN).open("rb") as children,
        upload.path(storage.REJECTED).open("w", encoding="utf-8", newline="") as rejected,
    ):
        legal = (
            upload.path(storage.LEGAL_STATUS).open("rb")
            if upload.has(storage.LEGAL_STATUS)
            else None
        )
        try:
            result = engine.run(
                _actor(request),
                request.user.organisation,
                upload.source,
                children,
                legal,
                apply=apply,
                rejected=rejected,
            )
        finally:
            if legal is not None:
                legal.close()
    summary = {**result.as_dict(), "source": upload.source}
    upload.save_summary(summary)
    return summary


def _upload(request: HttpRequest) -> storage.Upload | None:
    return storage.find(request.session.get(storage.SESSION_KEY), request.user)


@require_http_methods(["GET", "POST"])
@for_managers
def upload(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        storage.discard(_upload(request))
        data = form.cleaned_data
        made = storage.save(request.user, data["source"], data["children"], data["legal_status"])
        request.session[storage.SESSION_KEY] = made.id
        _check(request, made, apply=False)
        return redirect("integrations:import-check")
    return render(request, "api/import_upload.html", {"form": form})


@require_http_methods(["GET", "POST"])
@for_managers
def check(request: HttpRequest) -> HttpResponse:
    made = _upload(request)
    if made is None or made.summary is None:
        return redirect("integrations:import")
    summary = made.summary
    if request.method == "POST" and not summary["applied"] and not summary["problem"]:
        summary = _check(request, made, apply=True)
        if not summary["problem"]:
            messages.success(request, _("The import is complete"))
        return redirect("integrations:import-check")
    return render(
        request,
        "api/import_check.html",
        {
            "summary": summary,
            "children": summary["files"]["children"],
            "legal": summary["files"]["legal_status"],
            "has_legal": made.has(storage.LEGAL_STATUS),
        },
    )


@require_GET
@for_managers
def rejected_rows(request: HttpRequest) -> HttpResponse:
    made = _upload(request)
    if made is None or not made.has(storage.REJECTED):
        return redirect("integrations:import")
    response = FileResponse(
        made.path(storage.REJECTED).open("rb"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="rejected-rows.csv"'
    return response


@require_POST
@for_managers
def cancel(request: HttpRequest) -> HttpResponse:
    storage.discard(_upload(request))
    request.session.pop(storage.SESSION_KEY, None)
    return redirect("integrations:import")
