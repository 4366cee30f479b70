"""The child's voice: what they said over time, and recording a conversation. Views stay thin:
the child is resolved by `child_page`, rules live in access.policy, writing in voice.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.accounts.models import Role
from resettle.children.models import Child
from resettle.children.pages import CONTRIBUTE, READ, child_page
from resettle.core.errors import DomainError

from . import services
from .charts import self_rating_chart
from .forms import VoiceEntryForm
from .models import QUESTIONS, VoiceEntry

# How many conversations the history table shows side by side before "show all".
HISTORY_COLUMNS = 6


def _readable(child: Child, user):
    return policy.scope_voice_entries(VoiceEntry.objects.for_child(child), user)


@require_GET
@child_page("voice", READ)
def overview(request: HttpRequest, child: Child) -> HttpResponse:
    user = request.user
    entries = list(_readable(child, user).for_page())
    for entry in entries:
        entry.can_change = policy.can_change_voice_entry(user, entry, child)
    show_all = request.GET.get("all") == "1"
    return render(
        request,
        "voice/overview.html",
        {
            "child": child,
            "current_status": child.current_legal_status(),
            "latest": entries[0] if entries else None,
            "columns": entries if show_all else entries[:HISTORY_COLUMNS],
            "total": len(entries),
            "show_all": show_all,
            "more": len(entries) > HISTORY_COLUMNS,
            "history_columns": HISTORY_COLUMNS,
            "questions": {field: str(question) for field, question in QUESTIONS},
            "chart": self_rating_chart(child.preferred_name, entries),
            "can_record": policy.can_contribute(user, child),
            "partner_view": user.role == Role.PARTNER_PRACTITIONER,
        },
    )


@require_http_methods(["GET", "POST"])
@child_page("voice", CONTRIBUTE, viewed="voice-add")
def add(request: HttpRequest, child: Child) -> HttpResponse:
    form = VoiceEntryForm(request.POST if request.method == "POST" else None, child=child)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_voice(request.actor, child, **form.answers())
        except DomainError as exc:  # the form checks the same rules; this is a safety net
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("What %(name)s said has been recorded") % {"name": child.preferred_name},
            )
            return redirect("voice:overview", public_id=child.public_id)
    return render(request, "voice/entry_form.html", {"form": form, "child": child, "entry": None})


@require_http_methods(["GET", "POST"])
@child_page("voice", READ, viewed="voice-edit")
def edit(request: HttpRequest, child: Child, entry_id) -> HttpResponse:
    entry = (
        _readable(child, request.user)
        .filter(public_id=entry_id)
        .select_related("recorded_by")
        .first()
    )
    if entry is None:
        raise Http404("No such entry")
    entry.child = child
    policy.require(
        policy.can_change_voice_entry(request.user, entry, child),
        _("Only the person who recorded this conversation, or a manager, can correct it."),
    )
    form = VoiceEntryForm(
        request.POST if request.method == "POST" else None, child=child, entry=entry
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_voice(request.actor, child, entry, **form.answers())
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("The conversation has been corrected") if changed else _("Nothing was changed"),
            )
            return redirect("voice:overview", public_id=child.public_id)
    return render(request, "voice/entry_form.html", {"form": form, "child": child, "entry": entry})
