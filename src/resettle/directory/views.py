"""The menu of support's pages: finding a service, a service's page and its history, and the
curators' and managers' forms. Thin: rules live in access.policy and services."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import display, services, tabular
from .forms import OrganizationForm, SearchForm, ServiceForm
from .models import Organization, Service, ServiceStatus
from .queries import Search, for_listing, search_services, service_detail
from .values import values_of

PAGE_SIZE = 20
CHECK_AGAIN = timedelta(days=365)  # details older than this are to be checked before referring
NOT_A_READER = gettext_lazy("Your role does not use the menu of support.")


def require_reader(request: HttpRequest) -> None:
    if not policy.can_read_directory(request.user):
        raise PermissionDenied(NOT_A_READER)


def require_curator(request: HttpRequest) -> None:
    if not policy.can_curate_directory(request.user):
        raise PermissionDenied(services.CURATORS_ONLY)


def paged(request: HttpRequest, items, size: int = PAGE_SIZE) -> dict:
    page = Paginator(items, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1),
        "query_string": query.urlencode(),
    }


def _search_from(form: SearchForm) -> Search:
    """What the form asks for; a filter with a bad value is ignored and the others still apply."""
    form.is_valid()
    data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    options = data.get("options") or []
    return Search(
        words=data.get("q") or "",
        pathway=data.get("pathway") or "",
        area=data.get("area") or "",
        age=data.get("age"),
        support=data.get("support") or "",
        open_now="open_now" in options,
        include_closed="include_closed" in options,
    )


def saved(form, call, current: dict | None = None, more: dict | None = None) -> bool:
    """Call the service if the form reads; either way, the form shows every problem at once
    (`more`: other problems the service would find, for a form that could not be read)."""
    if not form.is_valid():
        found = {**services.problems(form.values(), current), **(more or {})}
        for field, message in found.items():
            if field not in form.errors:
                form.add_error(field if field in form.fields else None, message)
        return False
    try:
        call()
    except DomainError as exc:
        exc.add_to(form)
        return False
    return True


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    require_reader(request)
    asked = any(request.GET.get(k) for k in SearchForm.base_fields)
    form = SearchForm(request.GET if asked else None)
    wanted = _search_from(form) if asked else Search()
    context = paged(request, for_listing(search_services(wanted)))
    context["page"].object_list = display.rows(context["page"].object_list)
    return render(
        request,
        "directory/search.html",
        {
            **context,
            "form": form,
            "filtered": wanted != Search(),
            "can_curate": policy.can_curate_directory(request.user),
            "can_propose": policy.can_propose_directory_changes(request.user),
        },
    )


@require_GET
def service(request: HttpRequest, service_id) -> HttpResponse:
    require_reader(request)
    item = service_detail(service_id)
    return render(
        request,
        "directory/service.html",
        {
            "service": item,
            "pathways": display.pathways_of(item),
            "support": display.support_of(item),
            "other_terms": display.other_terms_of(item),
            "areas": display.areas_text(item),
            "ages": display.ages_text(item),
            "hours": _hours(item),
            "locations": [sal.location for sal in item.service_at_locations.all()],
            "is_active": item.status == ServiceStatus.ACTIVE,
            "stale": item.assured_date is None or item.assured_date < today() - CHECK_AGAIN,
            "can_curate": policy.can_curate_directory(request.user),
            "can_propose": policy.can_propose_service_change(request.user, item),
        },
    )


def _hours(item) -> list[str]:
    schedules = [*item.schedules.all()]
    schedules += [s for sal in item.service_at_locations.all() for s in sal.schedules.all()]
    unique = {s.id: s for s in schedules}.values()
    return [text for text in (display.hours_text(s) for s in unique) if text]


@require_GET
def history(request: HttpRequest, service_id) -> HttpResponse:
    require_reader(request)
    item = get_object_or_404(Service, id=service_id)
    records = item.history.select_related("history_user").order_by("-history_date", "-pk")
    context = paged(request, records)
    organizations = dict(Organization.objects.values_list("id", "name"))
    context["entries"] = display.history_entries(
        context["page"].object_list, {str(k): v for k, v in organizations.items()}
    )
    return render(request, "directory/history.html", {**context, "service": item})


@require_http_methods(["GET", "POST"])
def add_service(request: HttpRequest) -> HttpResponse:
    require_curator(request)
    form = ServiceForm(request.POST or None, initial={"status": ServiceStatus.ACTIVE})
    added = []

    def add():
        added.append(services.add_service(request.actor, assured=form.is_assured, **form.values()))

    if request.method == "POST" and saved(form, add):
        messages.success(request, _("The service has been added"))
        return redirect("directory:service", service_id=added[0].id)
    return render(request, "directory/service_form.html", {"form": form, "service": None})


@require_http_methods(["GET", "POST"])
def edit_service(request: HttpRequest, service_id) -> HttpResponse:
    require_curator(request)
    item = service_detail(service_id)
    form = ServiceForm(request.POST or None, initial=values_of(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.change_service(request.actor, item, assured=form.is_assured, **form.values())
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The service has been changed"))
            return redirect("directory:service", service_id=item.id)
    return render(request, "directory/service_form.html", {"form": form, "service": item})


@require_http_methods(["GET", "POST"])
def add_organization(request: HttpRequest) -> HttpResponse:
    require_curator(request)
    form = OrganizationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_organization(request.actor, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The organisation has been added"))
            return redirect(reverse("directory:service-add"))
    return render(request, "directory/organization_form.html", {"form": form})


@require_GET
def export_tabular(request: HttpRequest) -> HttpResponse:
    """The whole directory as an HSDS tabular data package (a zip of CSV files)."""
    require_reader(request)
    response = HttpResponse(tabular.zipped(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="menu-of-support-hsds.zip"'
    record(request.actor, "directory.exported", form="tabular")
    return response
