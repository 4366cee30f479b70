"""The caseload: the children a person works with, searchable, filterable and sortable."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from resettle.access import policy
from resettle.access.parts import in_order
from resettle.children.forms import CaseloadFilterForm
from resettle.children.models import Child, current_episodes
from resettle.children.stages import attach_stages
from resettle.quality.kept import attach_five_cs

SEARCH_SESSION_KEY = "resettle_caseload_search"
FILTERS_IN_URL = ("scope", "care_status", "lead", "sort")


def narrow(children: QuerySet, user, scope: str, form: CaseloadFilterForm) -> QuerySet:
    """The scope's own rule (placed here now, or not) and the search and filters."""
    if scope in (policy.PLACED, policy.OTHER):
        # Placed here now (by the child's current legal status), or shared for another reason.
        placed = Q(current_place=user.organisation_id)
        children = children.annotate(
            current_place=Subquery(current_episodes().values("establishment_id")[:1])
        )
        elsewhere = Q(current_place__isnull=True) | ~placed
        children = children.filter(placed if scope == policy.PLACED else elsewhere)
    return form.narrow(children) if form.is_bound else children


@require_http_methods(["GET", "POST"])
def caseload(request: HttpRequest) -> HttpResponse:
    if not policy.can_view_children(request.user):
        raise PermissionDenied(_("Your role does not work with children's records."))
    # What is typed into the search box is usually a child's name, so it never goes into a URL
    # (where browser history and server logs would keep it): the form is posted, the text is kept
    # in the session, and the page is shown again with only non-personal filters in the URL.
    if request.method == "POST" or "q" in request.GET or "clear" in request.GET:
        source = request.POST if request.method == "POST" else request.GET
        if "clear" in source:
            request.session.pop(SEARCH_SESSION_KEY, None)
            params = {"scope": source["scope"]} if source.get("scope") else {}
        else:
            request.session[SEARCH_SESSION_KEY] = source.get("q", "").strip()[:100]
            params = {k: source[k] for k in FILTERS_IN_URL if source.get(k)}
        url = reverse("children:caseload")
        return redirect(f"{url}?{urlencode(params)}" if params else url)
    user = request.user
    scope = policy.scope_from(user, request.GET.get("scope"))

    data = request.GET.copy()
    data["q"] = request.session.get(SEARCH_SESSION_KEY, "")
    bound = any(data.get(k) for k in ("q", *FILTERS_IN_URL[1:]))
    form = CaseloadFilterForm(data if bound else None, user=user)
    # The children in scope as parts that never share a child (a service's own, those shared
    # with it), each narrowed by the filters, then joined: each part is read in the page's order
    # from its own index, so a service of thousands is paged without reading them all.
    parts = policy.in_scope_parts(Child.objects.all(), user, scope)
    if form.is_bound:
        form.is_valid()  # a filter with a bad value is ignored; the others still apply
    parts = [narrow(part, user, scope, form) for part in parts]
    # First the page's ids, in order, from the sort columns alone (each part read in that order
    # from its index: children.models.Child.Meta.indexes); then those children, with what a row
    # shows. Asked in one query, the joins for the rows lead the database to read every child.
    paginator = Paginator(in_order(parts, form.ordering()), settings.CASELOAD_PAGE_SIZE)
    paginator.count = policy.count_parts(parts)  # from the ids alone: the indexes
    page = paginator.get_page(request.GET.get("page"))
    ids = [row["id"] for row in page.object_list]
    rows = Child.objects.for_caseload().in_bulk(ids)
    page.object_list = [rows[i] for i in ids if i in rows]
    page.object_list = attach_five_cs(page.object_list, user)  # a fixed number of queries
    page.object_list = attach_stages(page.object_list)  # one query for the page
    filtered = form.is_bound and any(form.cleaned_data.get(k) for k in ("q", "care_status", "lead"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "children/caseload.html",
        {
            "form": form,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "scope": scope,
            "filtered": filtered,
            "query_string": query.urlencode(),
            "can_add": policy.can_add_child(user),
        },
    )
