"""Referral pages: referring from an action (a page about the child), the receiving
organisation's inbox, and one referral with its next steps. Thin: rules live in the policy and
services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.pages import CHANGE, child_page
from resettle.core.errors import DomainError
from resettle.plans.models import PlanAction

from . import queries, services
from .forms import MoveForm, ReferForm
from .models import TRANSITIONS, Status


@require_http_methods(["GET", "POST"])
@child_page("plan", CHANGE, viewed="referral-add")
def refer(request: HttpRequest, child: Child, action_id) -> HttpResponse:
    action = (
        PlanAction.objects.for_child(child)
        .select_related("plan", "service__organization__resettle_organisation")
        .filter(public_id=action_id)
        .first()
    )
    if action is None:
        raise Http404("No such action")
    action.plan.child = child
    receiving = services.receiving_organisation(action.service) if action.service else None
    form = ReferForm(
        request.POST if request.method == "POST" else None,
        in_resettle=receiving is not None,
        initial={"shared": ["plan"]},
    )
    if request.method == "POST" and action.service and form.is_valid():
        try:
            referral = services.refer(request.actor, child, action, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request, _("The referral to %(service)s is sent") % {"service": action.service}
            )
            return redirect("referrals:referral", referral_id=referral.public_id)
    return render(
        request,
        "referrals/refer.html",
        {
            "child": child,
            "action": action,
            "receiving": receiving,
            "form": form,
            "is_manager": policy.can_override_consent(request.user, child),
        },
    )


@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    if not policy.can_see_referral_inbox(request.user):
        raise PermissionDenied
    show = "closed" if request.GET.get("show") == "closed" else "open"
    return render(
        request,
        "referrals/inbox.html",
        {"referrals": list(queries.inbox(request.user, show)), "show": show},
    )


def _moves(user, referral) -> list[str]:
    """The steps this person may take next."""
    allowed = TRANSITIONS.get(referral.status, frozenset())
    moves = []
    if Status.ACCEPTED in allowed and policy.can_answer_referral(user, referral):
        moves += [Status.ACCEPTED, Status.DECLINED]
    if Status.COMPLETED in allowed and policy.can_complete_referral(user, referral):
        moves.append(Status.COMPLETED)
    if Status.WITHDRAWN in allowed and policy.can_withdraw_referral(user, referral.child):
        moves.append(Status.WITHDRAWN)
    return moves


@require_http_methods(["GET", "POST"])
def referral(request: HttpRequest, referral_id) -> HttpResponse:
    found = queries.referral_for(request.user, referral_id)
    moves = _moves(request.user, found)
    posted = request.POST.get("to") if request.method == "POST" else None
    forms = {to: MoveForm(request.POST if to == posted else None, to=to) for to in moves}
    if request.method == "POST":
        form = forms.get(posted)
        if form is None:
            raise PermissionDenied(_("You cannot change this referral."))
        if form.is_valid():
            reason = form.cleaned_data.get("reason", "")
            try:
                if posted == Status.ACCEPTED:
                    services.accept(request.actor, found)
                elif posted == Status.COMPLETED:
                    services.complete(request.actor, found, note=reason)
                else:
                    services.MOVES[posted](request.actor, found, reason=reason)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(
                    request,
                    _("The referral is %(status)s") % {"status": services.VERBS[posted]},
                )
                return redirect("referrals:referral", referral_id=found.public_id)
    else:
        record(request.actor, "referral.viewed", child=found.child, referral=str(found.public_id))
    share = found.share
    child_url = None
    if policy.can_refer(request.user, found.child) or (share is not None and share.is_active):
        child_url = reverse("children:detail", args=[found.child.public_id])
    return render(
        request,
        "referrals/referral.html",
        {
            "referral": found,
            "forms": list(forms.values()),
            "failed": forms.get(posted),
            "child_url": child_url,
            "receives": policy.receives_referral(request.user, found),
        },
    )
