"""Reading the audit trail: "who has accessed this record" for managers (MANAGE), search and export
for administrators (access.policy.can_search_audit).

Reading the trail is itself recorded in it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from datetime import UTC

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from resettle.access.policy import can_search_audit
from resettle.audit import queries
from resettle.audit.models import AuditEvent
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.pages import MANAGE, child_page

from .audit_forms import AccessLogFilterForm, AuditSearchForm
from .templatetags.labels import role_label

PAGE_SIZE = 50
EXPORT_CHUNK_SIZE = 2000


def _paginate(request: HttpRequest, events) -> dict:
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "query_string": query.urlencode(),
    }


@require_GET
@child_page("access-log", MANAGE, viewed=None)
def child_access_log(request: HttpRequest, child: Child) -> HttpResponse:
    form = AccessLogFilterForm(
        request.GET or None, events=AuditEvent.objects.filter(child=child), viewer=request.user
    )
    valid = form.is_valid() if form.is_bound else True
    filters = form.as_detail() if form.is_bound and valid else {}
    # The visit is recorded even when a filter could not be used: the page was still seen.
    record(
        request.actor,
        "audit.access_log_viewed",
        child=child,
        **({"filters": filters} if filters else {}),
    )
    events = queries.listing().filter(child=child)
    if filters:
        events = form.filter(events)
    context = {
        "child": child,
        "form": form,
        "filtered": bool(filters),
        **_paginate(request, events if valid else events.none()),
    }
    return render(request, "audit/child_access_log.html", context)


def _search_form(request: HttpRequest) -> AuditSearchForm:
    if not can_search_audit(request.user):
        raise PermissionDenied(_("Only administrators can search the audit trail."))
    return AuditSearchForm(request.GET or None)


def _search_results(form: AuditSearchForm):
    events = queries.listing()
    if form.is_bound:
        events = form.filter(events) if form.is_valid() else events.none()
    return events


def _filters(form: AuditSearchForm) -> dict:
    return form.as_detail() if form.is_bound and form.is_valid() else {}


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    form = _search_form(request)
    valid = not form.is_bound or form.is_valid()
    if valid:
        record(request.actor, "audit.searched", filters=_filters(form))
    context = {
        "form": form,
        "filtered": form.filtered,
        "export_query": request.GET.urlencode(),
        **_paginate(request, _search_results(form)),
    }
    return render(request, "audit/search.html", context)


# Cells that a spreadsheet would run as a formula get a leading apostrophe.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


CSV_HEADER = [
    "Entry",
    "When (UTC)",
    "Person",
    "Email address",
    "Organisation",
    "Role",
    "Action",
    "What they did",
    "Child's record reference",
    "IP address",
    "Details",
    "Hash",
]


def _csv_rows(events) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow(CSV_HEADER)
    for event in events.iterator(chunk_size=EXPORT_CHUNK_SIZE):
        yield writer.writerow(
            [
                _cell(x)
                for x in (
                    event.pk,
                    event.at.astimezone(UTC).isoformat(timespec="seconds"),
                    event.actor.full_name if event.actor else "",
                    event.actor_email,
                    event.organisation.name if event.organisation else "",
                    role_label(event.role) if event.role else "",
                    event.action,
                    event.action_display,
                    event.child.public_id if event.child else "",
                    event.ip_address,
                    json.dumps(event.detail, sort_keys=True) if event.detail else "",
                    event.hash,
                )
            ]
        )


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    form = _search_form(request)
    if form.is_bound and not form.is_valid():
        # Show the search page with its errors rather than export something unintended.
        return search(request)
    events = _search_results(form)
    record(request.actor, "audit.exported", entries=events.count(), filters=_filters(form))
    response = StreamingHttpResponse(_csv_rows(events), content_type="text/csv; charset=utf-8")
    filename = f"audit-trail-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
