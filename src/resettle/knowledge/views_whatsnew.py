"""What's new: every note, newest first, and publishing one (authors)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.core.errors import DomainError

from . import services
from .forms import ReleaseNoteForm
from .models import ReleaseNote
from .pages import paginate, require_author
from .rendering import render_markdown


@require_GET
def whats_new(request):
    page, page_range = paginate(request, ReleaseNote.objects.order_by("-published_at", "-id"))
    for note in page.object_list:
        note.body_html = render_markdown(note.body)
    return render(
        request,
        "knowledge/whats_new.html",
        {
            "page": page,
            "page_range": page_range,
            "query_string": "",
            "can_author": policy.can_author_guidance(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def add(request):
    require_author(request.user)
    form = ReleaseNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_release_note(request.actor, **form.cleaned_data)
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(request, _("The note has been published"))
            return redirect("knowledge:whats-new")
    return render(request, "knowledge/whats_new_form.html", {"form": form})
