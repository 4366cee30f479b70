"""The child's network page and the pages that change it. Thin: the child is resolved by
`child_page`, rules live in access.policy and services.

Reading needs a child the person may see (otherwise 404); changing needs CONTRIBUTE (otherwise
403).
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.children.models import Child
from resettle.children.pages import CONTRIBUTE, READ, child_page
from resettle.core.errors import DomainError

from . import queries, services
from .forms import PersonForm, PlaceOrActivityForm, ProfessionalForm
from .models import Person, PlaceOrActivity, Professional


def _network_url(child: Child, anchor: str) -> str:
    return f"{reverse('network:network', args=[child.public_id])}#{anchor}"


@require_GET
@child_page("network", READ)
def network(request: HttpRequest, child: Child) -> HttpResponse:
    page = queries.network_page(child)
    user = request.user
    return render(
        request,
        "network/network.html",
        {
            "child": child,
            "page": page,
            "current_status": child.current_legal_status(),
            "can_change": policy.can_change_network(user, child),
            "show_personal_contacts": policy.can_see_personal_contacts(user, child),
            "show_professional_contacts": policy.can_see_professional_contacts(user, child),
        },
    )


# What each kind of entry needs for its add and change pages.
KINDS = {
    "person": {
        "model": Person,
        "form": PersonForm,
        "template": "network/person_form.html",
        "anchor": "people",
        "added": gettext_lazy("%(name)s has been added to the network"),
    },
    "place": {
        "model": PlaceOrActivity,
        "form": PlaceOrActivityForm,
        "template": "network/place_form.html",
        "anchor": "places",
        "added": gettext_lazy("%(name)s has been added to the network"),
    },
    "professional": {
        "model": Professional,
        "form": ProfessionalForm,
        "template": "network/professional_form.html",
        "anchor": "professionals",
        "added": gettext_lazy("%(name)s has been added to the agencies and professionals"),
    },
}


def _entry_page(request: HttpRequest, child: Child, kind: str, entry_id=None) -> HttpResponse:
    spec = KINDS[kind]
    entry = None
    if entry_id:
        entry = spec["model"].objects.for_child(child).filter(public_id=entry_id).first()
        if entry is None:
            raise Http404("No such entry in the child's network")
        entry.child = child
    # The form validates a copy: the service compares what was typed with the entry as it was.
    form_kwargs = {"instance": copy.copy(entry) if entry else None}
    if spec["form"] is PersonForm:
        form_kwargs["show_contacts"] = policy.can_see_personal_contacts(request.user, child)
    form = spec["form"](request.POST if request.method == "POST" else None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_network_entry(
                request.actor, child, entry or spec["model"], **form.values()
            )
        except DomainError as exc:
            exc.add_to(form)
        else:
            if entry is None:
                messages.success(request, spec["added"] % {"name": saved.name})
            else:
                messages.success(request, _("%(name)s has been saved") % {"name": saved.name})
            return redirect(_network_url(child, f"{kind}-{saved.public_id}"))
    return render(
        request,
        spec["template"],
        {"child": child, "form": form, "entry": entry, "back": _network_url(child, spec["anchor"])},
    )


EDIT = "network-edit"  # how the audit trail names a view of the network's forms


@require_http_methods(["GET", "POST"])
@child_page("network", CONTRIBUTE, viewed=EDIT)
def add_person(request: HttpRequest, child: Child) -> HttpResponse:
    return _entry_page(request, child, "person")


@require_http_methods(["GET", "POST"])
@child_page("network", CONTRIBUTE, viewed=EDIT)
def edit_person(request: HttpRequest, child: Child, entry_id) -> HttpResponse:
    return _entry_page(request, child, "person", entry_id)


@require_http_methods(["GET", "POST"])
@child_page("network", CONTRIBUTE, viewed=EDIT)
def add_place(request: HttpRequest, child: Child) -> HttpResponse:
    return _entry_page(request, child, "place")


@require_http_methods(["GET", "POST"])
@child_page("network", CONTRIBUTE, viewed=EDIT)
def edit_place(request: HttpRequest, child: Child, entry_id) -> HttpResponse:
    return _entry_page(request, child, "place", entry_id)


@require_http_methods(["GET", "POST"])
@child_page("network", CONTRIBUTE, viewed=EDIT)
def add_professional(request: HttpRequest, child: Child) -> HttpResponse:
    return _entry_page(request, child, "professional")


@require_http_methods(["GET", "POST"])
@child_page("network", CONTRIBUTE, viewed=EDIT)
def edit_professional(request: HttpRequest, child: Child, entry_id) -> HttpResponse:
    return _entry_page(request, child, "professional", entry_id)
