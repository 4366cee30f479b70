"""The child's voice: what they said over time, and recording a conversation. Views stay thin:
who may see and do what lives in access.policy and voice.permissions, writing in voice.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.accounts.models import Role
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.navigation import child_sections

from . import permissions, services
from .charts import self_rating_chart
from .forms import VoiceEntryForm
from .models import QUESTIONS, VoiceEntry

# How many conversations the history table shows side by side before "show all".
HISTORY_COLUMNS = 6


def _child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_page(request.user, public_id)


def _current_status(child: Child):
    return child.current_legal_status()


@require_GET
def overview(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    record(request, "child.viewed", child=child, section="voice")
    user = request.user
    entries = list(VoiceEntry.objects.filter(child=child).visible_to(user).for_page())
    for entry in entries:
        entry.can_change = permissions.can_change_entry(user, entry, child)
    show_all = request.GET.get("all") == "1"
    return render(
        request,
        "voice/overview.html",
        {
            "child": child,
            "current_status": _current_status(child),
            "sections": child_sections(child, "voice", user),
            "latest": entries[0] if entries else None,
            "columns": entries if show_all else entries[:HISTORY_COLUMNS],
            "total": len(entries),
            "show_all": show_all,
            "more": len(entries) > HISTORY_COLUMNS,
            "history_columns": HISTORY_COLUMNS,
            "questions": {field: str(question) for field, question in QUESTIONS},
            "chart": self_rating_chart(child.preferred_name, entries),
            "can_record": permissions.can_record(user, child),
            "partner_view": user.role == Role.PARTNER_PRACTITIONER,
        },
    )


@require_http_methods(["GET", "POST"])
def add(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    policy.require(
        permissions.can_record(request.user, child),
        _("You can see this child's record but not add to it."),
    )
    form = VoiceEntryForm(request.POST or None, child=child)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_voice(request, child, **form.answers())
        except ValidationError as exc:  # the form checks the same rules; this is a safety net
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("What %(name)s said has been recorded") % {"name": child.preferred_name},
            )
            return redirect("voice:overview", public_id=child.public_id)
    return render(request, "voice/entry_form.html", {"form": form, "child": child, "entry": None})


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, public_id, entry_id) -> HttpResponse:
    child = _child(request, public_id)
    entry = (
        VoiceEntry.objects.filter(child=child, public_id=entry_id)
        .visible_to(request.user)
        .select_related("recorded_by")
        .first()
    )
    if entry is None:
        raise Http404("No such entry")
    entry.child = child
    policy.require(
        permissions.can_change_entry(request.user, entry, child),
        _("Only the person who recorded this conversation, or a manager, can correct it."),
    )
    form = VoiceEntryForm(request.POST or None, child=child, entry=entry)
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_voice(request, entry, **form.answers())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("The conversation has been corrected") if changed else _("Nothing was changed"),
            )
            return redirect("voice:overview", public_id=child.public_id)
    if request.method == "GET":
        record(request, "child.viewed", child=child, section="voice-edit")
    return render(request, "voice/entry_form.html", {"form": form, "child": child, "entry": entry})
