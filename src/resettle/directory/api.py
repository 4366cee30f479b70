"""The menu of support in Open Referral HSDS 3.0: read-only endpoints after the HSDS OpenAPI.

`/api/hsds/` says which HSDS this is; `/api/hsds/services` is a `Page` of services (filters
`search`, `taxonomy_term_id`, `taxonomy_id`, `organization_id`, `modified_after`; `full=true` for
fully nested services, `minimal=true` for ids and dates); `/api/hsds/services/{id}` is one fully
nested service; `/api/hsds/taxonomy_terms` is a `Page` of terms, to find the ids to filter on.

Like every page of Resettle they need a signed-in person (docs/directory.md says why): the
directory holds no personal data, but Resettle is not a public website.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from functools import wraps

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from resettle.access import policy

from .hsds import (
    HSDS_VERSION,
    OPENAPI_URL,
    as_hsds,
    page_of,
    service_document,
    service_summary,
    term_document,
)
from .models import Attribute, Service, TaxonomyTerm
from .queries import Search, search_services, with_everything

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200


class BadRequest(Exception):
    pass


def _json(data, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def api(view):
    """A read-only HSDS endpoint: for people who may read the directory; bad input is a 400."""

    @require_GET
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not policy.can_read_directory(request.user):
            return _json({"detail": "Your role does not use the menu of support."}, 403)
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return _json({"detail": str(exc)}, 400)

    return wrapped


def _uuid(request: HttpRequest, name: str) -> uuid.UUID | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise BadRequest(f"{name} must be an id (a UUID)") from exc


def _whole(request: HttpRequest, name: str, default: int, highest: int) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= highest:
        raise BadRequest(f"{name} must be a whole number from 1 to {highest}")
    return int(raw)


def _flag(request: HttpRequest, name: str) -> bool:
    raw = request.GET.get(name, "").strip().lower()
    if raw not in ("", "true", "false", "1", "0"):
        raise BadRequest(f"{name} must be true or false")
    return raw in ("true", "1")


def _moment(request: HttpRequest, name: str) -> datetime | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError as exc:
        raise BadRequest(f"{name} must be a date and time, like 2026-03-04T09:30:00Z") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _page(request: HttpRequest, items: QuerySet, shape) -> JsonResponse:
    number = _whole(request, "page", 1, 10**6)
    per_page = _whole(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    paginator = Paginator(items, per_page)
    total = paginator.count
    try:
        contents = [shape(item) for item in paginator.page(number).object_list]
    except EmptyPage:
        contents = []
    pages = paginator.num_pages if total else 0
    return _json(page_of(contents, total=total, number=number, pages=pages))


@api
def root(request: HttpRequest) -> JsonResponse:
    return _json({"version": HSDS_VERSION, "openapi_url": OPENAPI_URL})


@api
def services(request: HttpRequest) -> JsonResponse:
    found = search_services(Search(words=request.GET.get("search", "")[:200], include_closed=True))
    term, taxonomy = _uuid(request, "taxonomy_term_id"), _uuid(request, "taxonomy_id")
    if term:
        found = found.filter(
            Exists(Attribute.objects.filter(service=OuterRef("pk"), taxonomy_term_id=term))
        )
    if taxonomy:
        found = found.filter(
            Exists(
                Attribute.objects.filter(
                    service=OuterRef("pk"), taxonomy_term__taxonomy_id=taxonomy
                )
            )
        )
    if organization := _uuid(request, "organization_id"):
        found = found.filter(organization_id=organization)
    if after := _moment(request, "modified_after"):
        found = found.filter(last_modified__gte=after)
    if _flag(request, "minimal"):
        shape = lambda s: {"id": str(s.id), "last_modified": as_hsds(s.last_modified)}  # noqa: E731
        return _page(request, found.only("id", "last_modified"), shape)
    if _flag(request, "full"):
        return _page(request, with_everything(found), service_document)
    return _page(request, found.select_related("organization"), service_summary)


@api
def service(request: HttpRequest, service_id: str) -> JsonResponse:
    try:
        wanted = uuid.UUID(service_id)
    except ValueError:
        return _json({"detail": "No service has this id"}, 404)
    item = with_everything(Service.objects.filter(id=wanted)).first()
    if item is None:
        return _json({"detail": "No service has this id"}, 404)
    return _json(service_document(item))


@api
def taxonomy_terms(request: HttpRequest) -> JsonResponse:
    terms = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy_id", "name", "id")
    if words := request.GET.get("search", "").strip()[:200]:
        terms = terms.filter(Q(name__icontains=words) | Q(code__icontains=words))
    if taxonomy := _uuid(request, "taxonomy_id"):
        terms = terms.filter(taxonomy_id=taxonomy)
    if parent := _uuid(request, "parent_id"):
        terms = terms.filter(parent_id=parent)
    if _flag(request, "top_only"):
        terms = terms.filter(parent__isnull=True)
    return _page(request, terms, term_document)
