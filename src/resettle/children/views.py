"""The caseload and the child's record.

Views stay thin: rules live in access.policy and in services.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.accounts.models import Role
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.journey.queries import attach_stages
from resettle.journey.stages import current_episode, derive_stage
from resettle.quality.queries import attach_five_cs

from . import services
from .forms import CaseloadFilterForm, ChildForm, LegalStatusForm
from .models import Child
from .navigation import child_sections


def _require_child_roles(request: HttpRequest) -> None:
    if not policy.can_view_children(request.user):
        raise PermissionDenied(_("Your role does not work with children's records."))


SEARCH_SESSION_KEY = "resettle_caseload_search"
FILTERS_IN_URL = ("scope", "care_status", "lead", "sort")


@require_http_methods(["GET", "POST"])
def caseload(request: HttpRequest) -> HttpResponse:
    _require_child_roles(request)
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
    if user.role in policy.SHARED_ROLES:
        scope = "shared"  # secure estate and partners see the children shared with them
    else:
        default_scope = "service" if user.role == Role.YJS_MANAGER else "mine"
        scope = request.GET.get("scope", default_scope)
        if scope not in {"mine", "service"}:
            scope = default_scope

    data = request.GET.copy()
    data["q"] = request.session.get(SEARCH_SESSION_KEY, "")
    bound = any(data.get(k) for k in ("q", *FILTERS_IN_URL[1:]))
    form = CaseloadFilterForm(data if bound else None, user=user)
    children = Child.objects.visible_to(user).for_caseload()
    if scope == "mine":
        children = children.filter(lead_practitioner=user)
    if form.is_bound:
        form.is_valid()
        data = form.cleaned_data  # a filter with a bad value is ignored; the others still apply
        children = children.search(data.get("q", ""))
        if data.get("care_status"):
            children = children.filter(care_status=data["care_status"])
        if data.get("lead") == "none":
            children = children.filter(lead_practitioner__isnull=True)
        elif data.get("lead"):
            children = children.filter(lead_practitioner__public_id=data["lead"])
    children = children.order_by(*form.ordering())

    page = Paginator(children, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
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


@require_http_methods(["GET", "POST"])
def add_child(request: HttpRequest) -> HttpResponse:
    if not policy.can_add_child(request.user):
        raise PermissionDenied(_("Your role cannot add children."))
    form = ChildForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        child = services.add_child(request, form)
        messages.success(request, _("%(name)s has been added") % {"name": child.preferred_name})
        return redirect("children:detail", public_id=child.public_id)
    return render(request, "children/child_form.html", {"form": form, "adding": True})


@require_GET
def child_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    child = policy.get_child_for_user(
        request.user, public_id, Child.objects.select_related("lead_practitioner", "owning_service")
    )
    record(request, "child.viewed", child=child, section="summary")
    statuses = list(child.legal_statuses.select_related("establishment")[:10])
    return render(
        request,
        "children/child_detail.html",
        {
            "child": child,
            "legal_statuses": statuses,
            "current_status": current_episode(statuses, today()),
            "stage": derive_stage(statuses, today()),
            "sections": child_sections(child, "summary", request.user),
            "can_edit": policy.can_edit_child(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
def edit_child(request: HttpRequest, public_id: str) -> HttpResponse:
    child = policy.get_child_for_user(request.user, public_id)
    policy.require_edit_child(request.user, child)
    form = ChildForm(request.POST or None, instance=child, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.change_child(request, form)
        messages.success(request, _("The child's details have been saved"))
        return redirect("children:detail", public_id=child.public_id)
    if request.method == "GET":
        record(request, "child.viewed", child=child, section="edit")
    return render(
        request, "children/child_form.html", {"form": form, "child": child, "adding": False}
    )


@require_GET
def child_history(request: HttpRequest, public_id: str) -> HttpResponse:
    child = policy.get_child_for_user(
        request.user, public_id, Child.objects.select_related("lead_practitioner", "owning_service")
    )
    record(request, "child.history_viewed", child=child)
    changes = services.change_history(child)
    return render(
        request,
        "children/child_history.html",
        {
            "child": child,
            "sections": child_sections(child, "history", request.user),
            "changes": changes,
        },
    )


@require_http_methods(["GET", "POST"])
def add_legal_status(request: HttpRequest, public_id: str) -> HttpResponse:
    child = policy.get_child_for_user(
        request.user, public_id, Child.objects.select_related("lead_practitioner", "owning_service")
    )
    policy.require_edit_child(request.user, child)
    form = LegalStatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        episode = services.record_legal_status(request, child, form)
        messages.success(
            request,
            _("Legal status recorded: %(status)s") % {"status": episode.get_status_display()},
        )
        if services.placement_share_offer(child, episode):
            # Offer to share the record with the establishment the child is placed in.
            url = reverse("access:share-add", args=[child.public_id])
            return redirect(f"{url}?placement={episode.public_id}")
        return redirect("children:detail", public_id=child.public_id)
    return render(request, "children/legal_status_form.html", {"child": child, "form": form})
