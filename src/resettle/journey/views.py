"""The child's journey and the pages that add to it. Thin: rules live in access.policy and
services.

Reading needs a child the person may see (otherwise 404); adding needs `policy.can_contribute`
(otherwise 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.navigation import child_sections

from . import queries, services
from .forms import EventForm, MeetingForm, SetbackResponseForm, TouchpointDoneForm
from .models import EventKind, JourneyEvent, SetbackResponse, Touchpoint
from .services import JourneyError


def _child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_page(request.user, public_id)


def _contributing_child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_to_contribute(request.user, public_id)


def _journey_url(child: Child, anchor: str = "") -> str:
    url = reverse("journey:journey", args=[child.public_id])
    return f"{url}#{anchor}" if anchor else url


def _form_page(request, template: str, child: Child, **context) -> HttpResponse:
    if request.method == "GET":
        record(request, "child.viewed", child=child, section="journey-edit")
    return render(request, template, {"child": child, **context})


@require_GET
def journey(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    record(request, "child.viewed", child=child, section="journey")
    page = queries.journey_page(child)
    return render(
        request,
        "journey/journey.html",
        {
            "child": child,
            "page": page,
            "stage": page.stage,
            "current_status": page.current_status,
            "sections": child_sections(child, "journey", request.user),
            "can_contribute": policy.can_contribute(request.user, child),
        },
    )


@require_http_methods(["GET", "POST"])
def add_meeting(request: HttpRequest, public_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    form = MeetingForm(
        request.POST if request.method == "POST" else None,
        child=child,
        initial={"kind": request.GET.get("kind", "")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.record_meeting(request, child, **form.service_arguments())
        except JourneyError as exc:
            exc.add_to(form)
        else:
            done = meeting.completed_touchpoints.first()
            if done:
                messages.success(
                    request,
                    _("The meeting has been recorded. %(touchpoint)s is done")
                    % {"touchpoint": done.name},
                )
            else:
                messages.success(request, _("The meeting has been recorded"))
            return redirect(_journey_url(child, "timeline"))
    return _form_page(request, "journey/meeting_form.html", child, form=form)


@require_http_methods(["GET", "POST"])
def add_event(request: HttpRequest, public_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    form = EventForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.record_event(request, child, **form.cleaned_data)
        except JourneyError as exc:
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
    return _form_page(request, "journey/event_form.html", child, form=form)


@require_http_methods(["GET", "POST"])
def respond_to_setback(request: HttpRequest, public_id, event_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    event = JourneyEvent.objects.filter(
        child=child, public_id=event_id, kind=EventKind.SNAKE
    ).first()
    if event is None:
        raise Http404("No such setback")
    event.child = child
    existing = SetbackResponse.objects.filter(event=event).first()
    initial = {}
    if existing is not None:
        initial = {
            name: getattr(existing, name)
            for name in (
                "what_led_to_it",
                "plan_changes",
                "talked_through_as_temporary",
                "talked_on",
            )
        }
    form = SetbackResponseForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_setback(request, event, **form.cleaned_data)
        except JourneyError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The response to the setback has been saved"))
            return redirect(_journey_url(child, "timeline"))
    return _form_page(
        request, "journey/setback_form.html", child, form=form, event=event, existing=existing
    )


@require_http_methods(["GET", "POST"])
def touchpoint_done(request: HttpRequest, public_id, touchpoint_id) -> HttpResponse:
    child = _contributing_child(request, public_id)
    touchpoint = Touchpoint.objects.filter(child=child, public_id=touchpoint_id).first()
    if touchpoint is None:
        raise Http404("No such touchpoint")
    touchpoint.child = child
    form = TouchpointDoneForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_touchpoint(request, touchpoint, form.cleaned_data["done_on"])
        except JourneyError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("%(name)s is done") % {"name": touchpoint.name})
            return redirect(_journey_url(child, "touchpoints"))
    return _form_page(
        request, "journey/touchpoint_form.html", child, form=form, touchpoint=touchpoint
    )
