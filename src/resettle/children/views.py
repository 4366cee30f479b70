"""Adding a child, and the pages that change a child's details and legal status.

The caseload and the child's summary are in the web shell; sharing and transfers in
views_sharing.py. Views stay thin: rules live in access.policy, rules.py and services.py.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.access.services import placement_share_offer
from resettle.audit.services import record
from resettle.core.errors import DomainError

from . import services
from .forms import ChildForm, EndOfOrderForm, LegalStatusForm
from .models import Child
from .pages import CHANGE, READ, child_page


@require_http_methods(["GET", "POST"])
def add_child(request: HttpRequest) -> HttpResponse:
    if not policy.can_add_child(request.user):
        raise PermissionDenied(_("Your role cannot add children."))
    form = ChildForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.add_child(request.actor, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("%(name)s has been added") % {"name": child.preferred_name})
            return redirect("children:detail", public_id=child.public_id)
    return render(request, "children/child_form.html", {"form": form, "adding": True})


@require_http_methods(["GET", "POST"])
@child_page("summary", CHANGE, viewed="edit")
def edit_child(request: HttpRequest, child: Child) -> HttpResponse:
    # The form works on a copy: the service compares what was typed with the child as they were.
    form = ChildForm(
        request.POST if request.method == "POST" else None,
        instance=copy.copy(child),
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_child(request.actor, child, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The child's details have been saved"))
            return redirect("children:detail", public_id=child.public_id)
    return render(
        request, "children/child_form.html", {"form": form, "child": child, "adding": False}
    )


@require_GET
@child_page("history", READ, viewed=None)
def child_history(request: HttpRequest, child: Child) -> HttpResponse:
    record(request.actor, "child.history_viewed", child=child)
    return render(
        request,
        "children/child_history.html",
        {"child": child, "changes": services.change_history(child)},
    )


@require_http_methods(["GET", "POST"])
@child_page("summary", CHANGE, viewed="legal-status-add")
def add_legal_status(request: HttpRequest, child: Child) -> HttpResponse:
    form = LegalStatusForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data.get(name) for name in services.LEGAL_STATUS_FIELDS}
        try:
            episode = services.record_legal_status(request.actor, child, **values)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("Legal status recorded: %(status)s") % {"status": episode.get_status_display()},
            )
            for share in episode.shares_ending:
                messages.info(
                    request,
                    _(
                        "%(organisation)s was sharing %(name)s's record for the placement there: "
                        "it stops on %(date)s."
                    )
                    % {
                        "organisation": share.organisation.name,
                        "name": child.preferred_name,
                        "date": f"{share.ends_on:%-d %B %Y}",
                    },
                )
            if placement_share_offer(child, episode):
                # Offer to share the record with the establishment the child is placed in.
                url = reverse("access:share-add", args=[child.public_id])
                return redirect(f"{url}?placement={episode.public_id}")
            return redirect("children:detail", public_id=child.public_id)
    return render(request, "children/legal_status_form.html", {"child": child, "form": form})


@require_http_methods(["GET", "POST"])
@child_page("summary", CHANGE, viewed="end-of-order")
def end_of_order(request: HttpRequest, child: Child) -> HttpResponse:
    initial = {name: getattr(child, name) for name in services.END_OF_ORDER_FIELDS}
    form = EndOfOrderForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data.get(name) for name in services.END_OF_ORDER_FIELDS}
        try:
            services.record_end_of_order(request.actor, child, **values)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The end of the order has been recorded"))
            return redirect("children:detail", public_id=child.public_id)
    return render(request, "children/end_of_order_form.html", {"form": form, "child": child})
