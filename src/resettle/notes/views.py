"""The child's case notes: read by everyone who sees the child, added to by contributors."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from resettle.access import policy
from resettle.children.models import Child
from resettle.children.pages import READ, child_page
from resettle.core.errors import DomainError

from . import services
from .forms import CaseNoteForm
from .models import CaseNote

NOTES_PAGE_SIZE = 20


@require_http_methods(["GET", "POST"])
@child_page("notes", READ)
def notes(request: HttpRequest, child: Child) -> HttpResponse:
    user = request.user
    can_add = policy.can_contribute(user, child)
    form = CaseNoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        policy.require(can_add, _("You can read this child's notes but not add to them."))
        if form.is_valid():
            try:
                services.add_note(request.actor, child, **form.cleaned_data)
            except DomainError as exc:
                exc.add_to(form)
            else:
                messages.success(request, _("Your note has been added"))
                return redirect("notes:notes", public_id=child.public_id)
    page = Paginator(CaseNote.objects.for_child(child).for_page(), NOTES_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notes/notes.html",
        {
            "child": child,
            "current_status": child.current_legal_status(),
            "form": form,
            "can_add": can_add,
            "page": page,
            "page_range": page.paginator.get_elided_page_range(
                page.number, on_each_side=1, on_ends=1
            ),
            "query_string": "",
        },
    )
