"""Values every page needs: the service's name and phase, the site navigation, what's new, and, on a
page about one child, the child's sub-navigation (`child_nav`) and guidance (`section_guidance`)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from resettle.childview import mode
from resettle.knowledge import guidance, whatsnew

from .navigation import active_item, child_sections, site_navigation


def service(request: HttpRequest) -> dict:
    base = {"service_name": _("Resettle"), "service_phase": _("Alpha")}
    if mode.is_on(request):
        # A child is using the device: no staff navigation, no sign-out, no staff names.
        return {**base, "child_mode": True, "nav_active": "", "service_nav": [], "child_nav": []}
    user = getattr(request, "user", None)
    child = getattr(request, "child", None)
    return {
        **base,
        "nav_active": active_item(request),
        "service_nav": site_navigation(user),
        # Guidance for the section of the child's record shown (knowledge.guidance), and what's
        # new since the person last looked (knowledge.whatsnew): lazy, and cached so that a page
        # adds no query once warm.
        "section_guidance": SimpleLazyObject(
            lambda: (
                guidance.for_section(getattr(request, "child_section", None))
                if child is not None
                else []
            )
        ),
        "whats_new": SimpleLazyObject(lambda: whatsnew.take_unseen(request)),
        "child_nav": SimpleLazyObject(
            lambda: (
                child_sections(child, getattr(request, "child_section", None), user)
                if child is not None
                else []
            )
        ),
    }
