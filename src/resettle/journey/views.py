"""The child's journey and the pages that add to it. Thin: the child is resolved by `child_page`,
rules live in access.policy and services.

Reading needs a child the person may see (otherwise 404); adding needs CONTRIBUTE (otherwise 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.children.models import Child
from resettle.children.pages import CONTRIBUTE, READ, child_page
from resettle.core.errors import DomainError

from . import queries, services
from .forms import EventForm, MeetingForm, SetbackResponseForm, TouchpointDoneForm
from .models import EventKind, JourneyEvent, SetbackResponse, Touchpoint

EDIT = "journey-edit"  # how the audit trail names a view of the journey's forms


def _journey_url(child: Child, anchor: str = "") -> str:
    url = reverse("journey:journey", args=[child.public_id])
    return f"{url}#{anchor}" if anchor else url


@require_GET
@child_page("journey", READ)
def journey(request: HttpRequest, child: Child) -> HttpResponse:
    page = queries.journey_page(child)
    return render(
        request,
        "journey/journey.html",
        {
            "child": child,
            "page": page,
            "stage": page.stage,
            "current_status": page.current_status,
            "can_contribute": policy.can_contribute(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
@child_page("journey", CONTRIBUTE, viewed=EDIT)
def add_meeting(request: HttpRequest, child: Child) -> HttpResponse:
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        child=child,
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.record_meeting(request.actor, child, **form.service_arguments())
        except DomainError as exc:
            exc.add_to(form)
        else:
            done = sorted({t.name for t in meeting.completed_touchpoints.all()})
            if done:
                messages.success(
                    request,
                    ngettext(
                        "The meeting has been recorded. %(touchpoints)s is done",
                        "The meeting has been recorded. %(touchpoints)s are done",
                        len(done),
                    )
                    % {"touchpoints": _(" and ").join(done)},
                )
            else:
                messages.success(request, _("The meeting has been recorded"))
            return redirect(_journey_url(child, "timeline"))
    return render(request, "journey/meeting_form.html", {"child": child, "form": form})


@require_http_methods(["GET", "POST"])
@child_page("journey", CONTRIBUTE, viewed=EDIT)
def add_event(request: HttpRequest, child: Child) -> HttpResponse:
    form = EventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.record_event(request.actor, child, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            if event.kind == EventKind.SNAKE:
                messages.success(
                    request, _("The setback has been recorded. Now record the response to it")
                )
                return redirect(
                    "journey:setback-respond", public_id=child.public_id, event_id=event.public_id
                )
            messages.success(request, _("The progress has been recorded"))
            return redirect(_journey_url(child, "timeline"))
    return render(request, "journey/event_form.html", {"child": child, "form": form})


RESPONSE_FIELDS = ("what_led_to_it", "plan_changes", "talked_through_as_temporary", "talked_on")


@require_http_methods(["GET", "POST"])
@child_page("journey", CONTRIBUTE, viewed=EDIT)
def respond_to_setback(request: HttpRequest, child: Child, event_id) -> HttpResponse:
    event = (
        JourneyEvent.objects.for_child(child)
        .filter(public_id=event_id, kind=EventKind.SNAKE)
        .first()
    )
    if event is None:
        raise Http404("No such setback")
    event.child = child
    existing = SetbackResponse.objects.for_child(child).filter(event=event).first()
    initial = {name: getattr(existing, name) for name in RESPONSE_FIELDS} if existing else {}
    form = SetbackResponseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_setback(request.actor, child, event, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The response to the setback has been saved"))
            return redirect(_journey_url(child, "timeline"))
    return render(
        request,
        "journey/setback_form.html",
        {"child": child, "form": form, "event": event, "existing": existing},
    )


@require_http_methods(["GET", "POST"])
@child_page("journey", CONTRIBUTE, viewed=EDIT)
def touchpoint_done(request: HttpRequest, child: Child, touchpoint_id) -> HttpResponse:
    touchpoint = Touchpoint.objects.for_child(child).filter(public_id=touchpoint_id).first()
    if touchpoint is None:
        raise Http404("No such touchpoint")
    touchpoint.child = child
    form = TouchpointDoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_touchpoint(
                request.actor, child, touchpoint, form.cleaned_data["done_on"]
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("%(name)s is done") % {"name": touchpoint.name})
            return redirect(_journey_url(child, "touchpoints"))
    return render(
        request,
        "journey/touchpoint_form.html",
        {"child": child, "form": form, "touchpoint": touchpoint},
    )
