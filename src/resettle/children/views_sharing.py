"""Sharing, restriction and transfer pages. Thin: rules live in access.policy and
access.services; the child is resolved by `child_page`."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resettle.access import policy, services
from resettle.access.forms import (
    ReasonForm,
    RestrictionForm,
    ShareForm,
    TransferDecisionForm,
    TransferRequestForm,
)
from resettle.access.models import Share, Transfer
from resettle.audit.services import record
from resettle.core.errors import DomainError

from .models import Child
from .pages import CHANGE, MANAGE, READ, child_page

RESTRICTION = ("restriction",)


@require_GET
@child_page("sharing", READ, related=RESTRICTION)
def sharing(request: HttpRequest, child: Child) -> HttpResponse:
    shares = list(
        Share.objects.for_child(child).select_related("organisation", "created_by", "revoked_by")
    )
    restriction = getattr(child, "restriction", None)
    allowed = list(restriction.allowed_users.order_by("full_name")) if restriction else []
    transfers = list(
        Transfer.objects.for_child(child).select_related("to_service", "from_service")[:10]
    )
    user = request.user
    return render(
        request,
        "access/sharing.html",
        {
            "child": child,
            "active_shares": [s for s in shares if s.is_active],
            "past_shares": [s for s in shares if not s.is_active],
            "restriction": restriction,
            "allowed": allowed,
            "transfers": transfers,
            "open_transfer": next((t for t in transfers if t.status == "requested"), None),
            "can_share": policy.can_manage_sharing(user, child),
            "can_restrict": policy.can_restrict(user, child),
            "can_transfer": policy.can_request_transfer(user, child),
            "can_export": policy.can_export_child(user, child),
        },
    )


def _placement(request: HttpRequest, child: Child):
    """The placement a link after recording one names (`?placement=<episode id>`), if any."""
    try:
        episode_id = uuid.UUID(request.GET.get("placement", ""))
    except ValueError:
        return None  # no placement, or an address typed by hand: offer nothing
    episode = (
        child.legal_statuses.select_related("establishment").filter(public_id=episode_id).first()
    )
    return episode if episode is not None and episode.establishment_id else None


@require_http_methods(["GET", "POST"])
@child_page("sharing", CHANGE, viewed="share-add", related=RESTRICTION)
def add_share(request: HttpRequest, child: Child) -> HttpResponse:
    placement = _placement(request, child)
    offer = services.placement_share_offer(child, placement) if placement else None
    form = ShareForm(
        request.POST if request.method == "POST" else None, child=child, initial=offer or {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            share = services.share_child(
                request.actor,
                child,
                form.cleaned_data["organisation"],
                form.cleaned_data["purpose"],
                form.cleaned_data["ends_on"],
                placement=placement,
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("%(name)s's record is shared with %(org)s until %(date)s")
                % {
                    "name": child.preferred_name,
                    "org": share.organisation.name,
                    "date": f"{share.ends_on:%-d %B %Y}",
                },
            )
            return redirect("access:sharing", public_id=child.public_id)
    return render(request, "access/share_form.html", {"child": child, "form": form, "offer": offer})


@require_http_methods(["GET", "POST"])
@child_page("sharing", CHANGE, viewed="share-revoke", related=RESTRICTION)
def revoke_share(request: HttpRequest, child: Child, share_id) -> HttpResponse:
    share = (
        Share.objects.for_child(child).select_related("organisation").filter(public_id=share_id)
    ).first()
    if share is None:
        raise Http404("No such share")
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.revoke_share(request.actor, child, share, form.cleaned_data["reason"])
        messages.success(
            request,
            _("%(org)s can no longer see %(name)s's record")
            % {"org": share.organisation.name, "name": child.preferred_name},
        )
        return redirect("access:sharing", public_id=child.public_id)
    return render(
        request, "access/revoke_share.html", {"child": child, "share": share, "form": form}
    )


@require_http_methods(["GET", "POST"])
@child_page("sharing", MANAGE, viewed="restriction", related=RESTRICTION)
def restriction(request: HttpRequest, child: Child) -> HttpResponse:
    current = getattr(child, "restriction", None)
    initial = (
        {"reason": current.reason, "people": list(current.allowed_users.all())} if current else {}
    )
    form = RestrictionForm(
        request.POST if request.method == "POST" else None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        services.restrict_child(
            request.actor, child, form.cleaned_data["reason"], list(form.cleaned_data["people"])
        )
        messages.success(
            request,
            _("Only the people you chose can now see %(name)s's record")
            % {"name": child.preferred_name},
        )
        return redirect("access:sharing", public_id=child.public_id)
    return render(
        request, "access/restriction_form.html", {"child": child, "form": form, "current": current}
    )


@require_POST
@child_page("sharing", MANAGE, related=RESTRICTION)
def remove_restriction(request: HttpRequest, child: Child) -> HttpResponse:
    services.unrestrict_child(request.actor, child)
    messages.success(request, _("The restriction has been removed"))
    return redirect("access:sharing", public_id=child.public_id)


@require_http_methods(["GET", "POST"])
@child_page("sharing", CHANGE, viewed="transfer", related=RESTRICTION)
def request_transfer(request: HttpRequest, child: Child) -> HttpResponse:
    form = TransferRequestForm(request.POST if request.method == "POST" else None, child=child)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = services.request_transfer(
                request.actor, child, form.cleaned_data["to_service"], form.cleaned_data["reason"]
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("Transfer requested. A manager at %(org)s will accept or decline it.")
                % {"org": transfer.to_service.name},
            )
            return redirect("access:sharing", public_id=child.public_id)
    return render(request, "access/transfer_request.html", {"child": child, "form": form})


@require_GET
def transfers(request: HttpRequest) -> HttpResponse:
    if not policy.can_see_transfers(request.user):
        raise PermissionDenied
    org = request.user.organisation_id
    base = policy.transfers_visible_to(request.user).select_related(
        "child", "from_service", "to_service", "created_by"
    )
    incoming = list(base.filter(to_service_id=org, status=Transfer.Status.REQUESTED))
    outgoing = list(base.filter(from_service_id=org, status=Transfer.Status.REQUESTED))
    page = Paginator(
        base.exclude(status=Transfer.Status.REQUESTED).order_by("-decided_at", "-id"), 25
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "access/transfers.html",
        {
            "incoming": incoming,
            "outgoing": outgoing,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_ends=1),
            "query_string": "",
        },
    )


def _transfer(request: HttpRequest, transfer_id) -> Transfer:
    transfer = (
        policy.transfers_visible_to(request.user)
        .select_related("child", "from_service", "to_service", "created_by")
        .filter(public_id=transfer_id)
        .first()
    )
    if transfer is None:
        raise Http404("No such transfer")
    return transfer


@require_http_methods(["GET", "POST"])
def decide_transfer(request: HttpRequest, transfer_id) -> HttpResponse:
    transfer = _transfer(request, transfer_id)
    if not policy.can_decide_transfer(request.user, transfer):
        raise PermissionDenied
    form = TransferDecisionForm(
        request.POST if request.method == "POST" else None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "accept":
            services.accept_transfer(
                request.actor, transfer, data["lead_practitioner"], data["note"]
            )
            messages.success(
                request,
                _("%(name)s has transferred to your service") % {"name": transfer.child},
            )
            return redirect("children:detail", public_id=transfer.child.public_id)
        services.decline_transfer(request.actor, transfer, data["note"])
        messages.success(request, _("You declined the transfer"))
        return redirect("access:transfers")
    if request.method == "GET":
        record(request.actor, "child.viewed", child=transfer.child, section="transfer-request")
    return render(request, "access/transfer_decide.html", {"transfer": transfer, "form": form})


@require_POST
def cancel_transfer(request: HttpRequest, transfer_id) -> HttpResponse:
    transfer = _transfer(request, transfer_id)
    services.cancel_transfer(request.actor, transfer)
    messages.success(request, _("The transfer request has been cancelled"))
    return redirect("access:sharing", public_id=transfer.child.public_id)
