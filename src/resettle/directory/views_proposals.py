"""Proposals: a youth justice service manager proposes a change to a service that covers their
borough; a curator reads the difference and accepts or rejects it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.core.errors import DomainError

from . import services
from .forms import DecisionForm, ProposalForm
from .models import Organization, Proposal
from .queries import service_detail
from .values import KEYS, LABELS, display, values_of
from .views import paged, require_reader, saved

OPEN, DECIDED = "open", "decided"


@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, service_id) -> HttpResponse:
    require_reader(request)
    item = service_detail(service_id)
    policy.require(
        policy.can_propose_service_change(request.user, item),
        _("Managers of a youth justice service propose changes to the services in their borough."),
    )
    current = values_of(item)
    form = ProposalForm(request.POST or None, initial=current)
    made = []

    def send():
        reason = form.cleaned_data.get("reason", "")
        made.append(services.propose_change(request.actor, item, reason=reason, **form.values()))

    no_reason = not request.POST.get("reason", "").strip()
    more = {"reason": services.REASON_NEEDED} if no_reason else {}
    if request.method == "POST" and saved(form, send, current, more):
        messages.success(request, _("Your proposal has been sent to the partnership lead"))
        return redirect("directory:proposal", proposal_id=made[0].public_id)
    return render(request, "directory/propose_form.html", {"form": form, "service": item})


@require_GET
def proposals(request: HttpRequest) -> HttpResponse:
    user = request.user
    curator = policy.can_curate_directory(user)
    if not (curator or policy.can_propose_directory_changes(user)):
        raise PermissionDenied(_("Proposals are for managers and the directory's curators."))
    showing = DECIDED if request.GET.get("show") == DECIDED else OPEN
    items = Proposal.objects.select_related("service", "proposed_by", "organisation")
    if not curator:
        items = items.filter(organisation_id=user.organisation_id)
    if showing == OPEN:
        items = items.filter(status=Proposal.Status.OPEN).order_by("proposed_at", "id")
    else:
        items = items.exclude(status=Proposal.Status.OPEN).order_by("-decided_at", "-id")
    return render(
        request,
        "directory/proposals.html",
        {**paged(request, items), "showing": showing, "curator": curator},
    )


def _proposal(request: HttpRequest, proposal_id) -> Proposal:
    proposal = (
        Proposal.objects.select_related("service", "proposed_by", "organisation", "decided_by")
        .filter(public_id=proposal_id)
        .first()
    )
    if proposal is None:
        raise Http404("No such proposal")
    if not policy.can_see_proposal(request.user, proposal):
        raise PermissionDenied(_("This proposal is for its manager and the directory's curators."))
    return proposal


@require_http_methods(["GET", "POST"])
def proposal(request: HttpRequest, proposal_id) -> HttpResponse:
    item = _proposal(request, proposal_id)
    service = service_detail(item.service_id)
    can_decide = policy.can_curate_directory(request.user) and item.is_open
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        policy.require(can_decide, _("Only the directory's curators decide open proposals."))
        if form.is_valid():
            note = form.cleaned_data["note"]
            try:
                if form.cleaned_data["decision"] == "accept":
                    services.accept_proposal(request.actor, item, note=note)
                    messages.success(request, _("The change has been made"))
                else:
                    services.reject_proposal(request.actor, item, note=note)
                    messages.success(request, _("The proposal has been rejected"))
            except DomainError as exc:
                exc.add_to(form)
            else:
                return redirect("directory:proposals")
    return render(
        request,
        "directory/proposal.html",
        {
            "proposal": item,
            "service": service,
            "rows": _rows(item, values_of(service)),
            "form": form,
            "can_decide": can_decide,
        },
    )


def _rows(item: Proposal, current: dict) -> list[dict]:
    """Each value the proposal changes: as it was when proposed, as it is now, as proposed."""
    organizations = {str(k): v for k, v in Organization.objects.values_list("id", "name")}
    return [
        {
            "label": str(LABELS[key]),
            "before": display(key, item.before.get(key), organizations),
            "now": display(key, current.get(key), organizations),
            "proposed": display(key, item.changes[key], organizations),
            "moved": item.is_open and current.get(key) != item.before.get(key),
        }
        for key in KEYS
        if key in item.changes
    ]
