"""The secure establishment's workspace: the children placed here now, children shared with us for
another reason, arrivals and releases, and our week (with what other agencies expect of us).

For secure estate practitioners (access.policy.can_use_estate_workspace); anyone else gets a 403.
Each child's record is opened through its own pages (children.pages.child_page), which audit the
view; these lists show only children the person may see.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.core.dates import today
from resettle.release.queries import IdsFirst
from resettle.release.readiness import HORIZON_DAYS, RAG_RULE

from . import queries

STATUS_LABELS = {
    "remand": gettext_lazy("On remand"),
    "sentenced": gettext_lazy("Sentenced"),
    "recall": gettext_lazy("Recalled"),
}


def _require_workspace(request: HttpRequest) -> None:
    if not policy.can_use_estate_workspace(request.user):
        raise PermissionDenied(_("The establishment's workspace is for the secure estate's staff."))


def _paged(request: HttpRequest, rows, prepare=None):
    page = Paginator(rows, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    if prepare is not None:
        page.object_list = prepare(page.object_list)
    return page, page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)


def _render(request: HttpRequest, template: str, tab: str, **context) -> HttpResponse:
    return render(
        request,
        template,
        {"tab": tab, "establishment": request.user.organisation, "today": today(), **context},
    )


@require_GET
def placed(request: HttpRequest) -> HttpResponse:
    _require_workspace(request)
    status = request.GET.get("status", "")
    status = status if status in queries.STATUS_FILTERS else ""
    # The page's statuses found first (ordered by release and name), then their children, lead
    # and service joined to those 25 only, not to every child placed here (release.IdsFirst).
    page, page_range = _paged(
        request, IdsFirst(queries.placed_here(request.user, status=status)), queries.as_children
    )
    return _render(
        request,
        "estate/placed.html",
        "placed",
        page=page,
        page_range=page_range,
        status=status,
        statuses=STATUS_LABELS.items(),
        query_string=f"status={status}" if status else "",
    )


@require_GET
def shared(request: HttpRequest) -> HttpResponse:
    _require_workspace(request)
    page, page_range = _paged(request, queries.shared_for_another_reason(request.user))
    return _render(
        request, "estate/shared.html", "shared", page=page, page_range=page_range, query_string=""
    )


@require_GET
def movements(request: HttpRequest) -> HttpResponse:
    _require_workspace(request)
    return _render(
        request,
        "estate/movements.html",
        "movements",
        arrivals=queries.arrivals(request.user),
        children=queries.releases(request.user),
        rag_rule=RAG_RULE,
        weeks=HORIZON_DAYS // 7,
        arrival_weeks=queries.ARRIVALS_BACK_DAYS // 7,
    )


@require_GET
def week(request: HttpRequest) -> HttpResponse:
    _require_workspace(request)
    return _render(
        request,
        "estate/week.html",
        "week",
        week=queries.our_week(request.user),
        limit=queries.SECTION_LIMIT,
    )
