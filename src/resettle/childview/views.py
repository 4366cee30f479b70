"""My plan (for the child, and printable), and child mode on a shared device.

Reading needs a child the person may see (otherwise 404). Starting child mode needs CONTRIBUTE
(otherwise 403): the answers the child types are saved to their record as recorded by the worker
who started it. While child mode is on, middleware.ChildModeMiddleware keeps the session on the
child-mode pages.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.contrib.auth import authenticate
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.pages import CONTRIBUTE, READ, child_page, get_child
from resettle.core.errors import DomainError
from resettle.voice.models import Conversation, WordsAre
from resettle.voice.services import record_voice

from . import mode
from .forms import LeaveForm, MyAnswersForm
from .pdf import render_pdf
from .queries import my_plan as gather

LEAD = ("lead_practitioner__organisation",)


def _child_mode_child(request: HttpRequest) -> Child | None:
    """The child this session is locked to (as any child page would find them), or None."""
    public_id = mode.child_public_id(request)
    if public_id is None:
        return None
    child = get_child(request.user, public_id, *LEAD)
    request.child = child
    return child


@require_GET
@child_page("my-plan", READ, related=LEAD)
def my_plan(request: HttpRequest, child: Child) -> HttpResponse:
    return render(
        request,
        "childview/my_plan.html",
        {
            "child": child,
            "my": gather(child, request.user),
            "can_start_child_mode": policy.can_contribute(request.user, child),
        },
    )


def pdf_file_name(child: Child, on) -> str:
    """ "<first name>-plan-<YYYY-MM-DD>.pdf": the name the child knows, and the day printed."""
    first = re.sub(r"[^\w-]+", "", (child.preferred_name.split() or [""])[0]) or "my"
    return f"{first}-plan-{on:%Y-%m-%d}.pdf"


@require_GET
@child_page("my-plan", READ, viewed=None, related=LEAD)
def my_plan_pdf(request: HttpRequest, child: Child) -> HttpResponse:
    large = request.GET.get("print") == "large"
    my = gather(child, request.user)
    html = render_to_string(
        "childview/my_plan_pdf.html", {"child": child, "my": my, "large": large}, request
    )
    pdf = render_pdf(html)
    extra = {"large_print": True} if large else {}
    record(request.actor, "child.printed", child=child, section="my-plan", **extra)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(True, pdf_file_name(child, my.on))
    return response


@require_POST
@child_page("my-plan", CONTRIBUTE, related=LEAD)
def start_child_mode(request: HttpRequest, child: Child) -> HttpResponse:
    mode.start(request, child)
    record(request.actor, "childmode.started", child=child)
    return redirect("childview:child-mode")


@require_GET
def child_mode(request: HttpRequest) -> HttpResponse:
    child = _child_mode_child(request)
    if child is None:
        return redirect("core:home")
    record(request.actor, "child.viewed", child=child, section="child-mode")
    return render(
        request, "childview/child_mode.html", {"child": child, "my": gather(child, request.user)}
    )


@require_http_methods(["GET", "POST"])
def my_answers(request: HttpRequest) -> HttpResponse:
    child = _child_mode_child(request)
    if child is None:
        return redirect("core:home")
    form = MyAnswersForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = record_voice(
                request.actor,
                child,
                entered_by_child=True,
                conversation=Conversation.CHILD_MODE,
                words_are=WordsAre.VERBATIM,
                **form.answers(),
            )
        except DomainError as error:
            error.add_to(form)
        else:
            record(
                request.actor, "childmode.answers_saved", child=child, entry=str(entry.public_id)
            )
            messages.success(request, _("Thank you. Your answers are saved."))
            return redirect("childview:child-mode")
    elif request.method == "GET":
        record(request.actor, "child.viewed", child=child, section="child-mode-answers")
    return render(request, "childview/my_answers.html", {"child": child, "form": form})


@require_http_methods(["GET", "POST"])
def leave(request: HttpRequest) -> HttpResponse:
    public_id = mode.child_public_id(request)
    if public_id is None:
        return redirect("core:home")
    form = LeaveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        # authenticate() goes through django-axes, so guessing here counts towards a lockout.
        confirmed = authenticate(
            request, username=user.get_username(), password=form.cleaned_data["password"]
        )
        if confirmed is None or confirmed.pk != user.pk:
            form.add_error("password", _("The password is not correct"))
        else:
            mode.end(request)
            child = Child.objects.visible_to(user, few=True).filter(public_id=public_id).first()
            record(request.actor, "childmode.ended", child=child)
            messages.success(request, _("Child mode is off."))
            if child is None:  # the record is no longer theirs to see
                return redirect("core:home")
            return redirect("childview:my-plan", public_id=child.public_id)
    return render(request, "childview/leave.html", {"form": form})
