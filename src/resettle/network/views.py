"""The child's network page and the pages that change it. Thin: rules live in access.policy,
network.permissions and services.

Reading needs a child the person may see (otherwise 404); changing needs
`policy.can_contribute` (otherwise 403).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.navigation import child_sections

from . import permissions, queries, services
from .forms import PersonForm, PlaceOrActivityForm, ProfessionalForm
from .models import Person, PlaceOrActivity, Professional


def _child(request: HttpRequest, public_id) -> Child:
    return policy.get_child_page(request.user, public_id)


def _contributing_child(request: HttpRequest, public_id) -> Child:
    child = _child(request, public_id)
    policy.require(permissions.can_change_network(request.user, child))
    return child


def _entry(model, child: Child, entry_id):
    entry = model.objects.filter(child=child, public_id=entry_id).first()
    if entry is None:
        raise Http404("No such entry in the child's network")
    entry.child = child
    return entry


def _network_url(child: Child, anchor: str) -> str:
    return f"{reverse('network:network', args=[child.public_id])}#{anchor}"


@require_GET
def network(request: HttpRequest, public_id) -> HttpResponse:
    child = _child(request, public_id)
    record(request, "child.viewed", child=child, section="network")
    page = queries.network_page(child)
    return render(
        request,
        "network/network.html",
        {
            "child": child,
            "page": page,
            "current_status": child.current_legal_status(),
            "sections": child_sections(child, "network", request.user),
            "can_change": permissions.can_change_network(request.user, child),
            "show_personal_contacts": permissions.can_see_personal_contacts(request.user, child),
            "show_professional_contacts": permissions.can_see_professional_contacts(
                request.user, child
            ),
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


def _entry_page(request: HttpRequest, public_id, kind: str, entry_id=None) -> HttpResponse:
    spec = KINDS[kind]
    child = _contributing_child(request, public_id)
    entry = _entry(spec["model"], child, entry_id) if entry_id else None
    form_kwargs = {"instance": entry}
    if spec["form"] is PersonForm:
        form_kwargs["show_contacts"] = permissions.can_see_personal_contacts(request.user, child)
    form = spec["form"](request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        saved = services.save_network_entry(request, child, form)
        if entry is None:
            messages.success(request, spec["added"] % {"name": saved.name})
        else:
            messages.success(request, _("%(name)s has been saved") % {"name": saved.name})
        return redirect(_network_url(child, f"{kind}-{saved.public_id}"))
    if request.method == "GET":
        record(request, "child.viewed", child=child, section="network-edit")
    return render(
        request,
        spec["template"],
        {"child": child, "form": form, "entry": entry, "back": _network_url(child, spec["anchor"])},
    )


@require_http_methods(["GET", "POST"])
def add_person(request: HttpRequest, public_id) -> HttpResponse:
    return _entry_page(request, public_id, "person")


@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, public_id, entry_id) -> HttpResponse:
    return _entry_page(request, public_id, "person", entry_id)


@require_http_methods(["GET", "POST"])
def add_place(request: HttpRequest, public_id) -> HttpResponse:
    return _entry_page(request, public_id, "place")


@require_http_methods(["GET", "POST"])
def edit_place(request: HttpRequest, public_id, entry_id) -> HttpResponse:
    return _entry_page(request, public_id, "place", entry_id)


@require_http_methods(["GET", "POST"])
def add_professional(request: HttpRequest, public_id) -> HttpResponse:
    return _entry_page(request, public_id, "professional")


@require_http_methods(["GET", "POST"])
def edit_professional(request: HttpRequest, public_id, entry_id) -> HttpResponse:
    return _entry_page(request, public_id, "professional", entry_id)
