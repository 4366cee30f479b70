"""Values every page needs: the service name, phase and the signed-in user's navigation."""

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resettle.access import policy


def service(request: HttpRequest) -> dict:
    from resettle.childview import mode

    if mode.is_on(request):
        # A child is using the device: no staff navigation, no sign-out, no staff names.
        return {
            "child_mode": True,
            "nav_active": "",
            "service_name": _("Resettle"),
            "service_phase": _("Alpha"),
            "service_nav": [],
        }
    nav = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        nav.append({"href": reverse("core:home"), "text": _("Home"), "key": "home"})
        if policy.can_view_children(user):
            nav.append(
                {"href": reverse("children:caseload"), "text": _("Children"), "key": "children"}
            )
        if user.role in policy.YJS_ROLES:
            nav.append({"href": reverse("release:my-week"), "text": _("My week"), "key": "week"})
            nav.append(
                {"href": reverse("release:upcoming"), "text": _("Releases"), "key": "releases"}
            )
        if user.is_staff:
            nav.append(
                {"href": reverse("admin:index"), "text": _("Administration"), "key": "admin"}
            )
            nav.append({"href": reverse("audit:search"), "text": _("Audit"), "key": "audit"})
        nav.append(
            {"href": reverse("accounts:account"), "text": _("Your account"), "key": "account"}
        )
    match = getattr(request, "resolver_match", None)
    active = {"children": "children", "admin": "admin"}.get(getattr(match, "app_name", ""), "")
    if match is not None and "public_id" in match.kwargs and match.app_name != "accounts":
        active = "children"  # every page about one child sits under "Children"
    if match is not None and match.view_name == "audit:search":
        active = "audit"
    if match is not None and match.view_name in ("release:my-week", "release:upcoming"):
        active = "week" if match.view_name == "release:my-week" else "releases"
    if match is not None and match.view_name == "core:home":
        active = "home"
    if match is not None and match.view_name == "accounts:account":
        active = "account"
    return {
        "nav_active": active,
        "service_name": _("Resettle"),
        "service_phase": _("Alpha"),
        "service_nav": nav,
    }
