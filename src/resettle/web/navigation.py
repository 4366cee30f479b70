"""The site's navigation and the child's sub-navigation.

The child's sub-navigation is drawn for every page that `children.pages.child_page` resolved: it
reads `request.child` and `request.child_section`. A section may carry a rule `(user, child) ->
bool` from `access.policy`: it is shown only to people it allows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resettle.access import policy


@dataclass(frozen=True)
class SectionSpec:
    key: str
    label: str
    url_name: str
    shown_to: Callable | None = None


# Order is the order on the page.
SECTIONS: list[SectionSpec] = [
    SectionSpec("summary", _("Summary"), "children:detail"),
    SectionSpec("voice", _("Voice"), "voice:overview"),
    SectionSpec("plan", _("Plan"), "plans:plan"),
    SectionSpec("my-plan", _("My plan"), "childview:my-plan"),
    SectionSpec("quality", _("5Cs"), "quality:child"),
    SectionSpec("journey", _("Journey"), "journey:journey"),
    SectionSpec("network", _("Network"), "network:network"),
    SectionSpec("notes", _("Case notes"), "notes:notes"),
    SectionSpec("release", _("Release"), "release:checklist"),
    SectionSpec("sharing", _("Sharing and access"), "access:sharing"),
    SectionSpec("history", _("Change history"), "children:history"),
    SectionSpec("access-log", _("Access log"), "children:access-log", policy.can_view_access_log),
]


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    href: str
    current: bool


def child_sections(child, current: str | None, user=None) -> list[Section]:
    return [
        Section(
            spec.key,
            str(spec.label),
            reverse(spec.url_name, args=[child.public_id]),
            spec.key == current,
        )
        for spec in SECTIONS
        if (spec.shown_to is None or (user is not None and spec.shown_to(user, child)))
        and (user is None or policy.may_see_section(user, child, spec.key))
    ]


def site_navigation(user) -> list[dict]:
    nav = []
    if user is None or not user.is_authenticated:
        return nav
    nav.append({"href": reverse("core:home"), "text": _("Home"), "key": "home"})
    if policy.can_view_children(user):
        nav.append({"href": reverse("children:caseload"), "text": _("Children"), "key": "children"})
    if policy.can_use_estate_workspace(user):  # the secure estate's workspace (issue 15)
        nav.append(
            {"href": reverse("estate:workspace"), "text": _("Establishment"), "key": "estate"}
        )
    if policy.can_see_service_lists(user):
        nav.append({"href": reverse("release:my-week"), "text": _("My week"), "key": "week"})
        nav.append({"href": reverse("release:upcoming"), "text": _("Releases"), "key": "releases"})
    if policy.can_view_partnership_figures(user):  # the partnership's figures (issue 11)
        nav.append({"href": reverse("insight:overview"), "text": _("Figures"), "key": "figures"})
    elif policy.can_view_establishment_figures(user):
        nav.append(
            {"href": reverse("insight:establishment"), "text": _("Figures"), "key": "figures"}
        )
    nav.append({"href": reverse("knowledge:index"), "text": _("Guidance"), "key": "guidance"})
    if policy.can_see_referral_inbox(user):
        nav.append({"href": reverse("referrals:inbox"), "text": _("Referrals"), "key": "referrals"})
    if policy.can_read_directory(user):
        nav.append({"href": reverse("directory:search"), "text": _("Services"), "key": "services"})
    if user.is_staff:
        nav.append({"href": reverse("admin:index"), "text": _("Administration"), "key": "admin"})
        nav.append({"href": reverse("audit:search"), "text": _("Audit"), "key": "audit"})
    nav.append({"href": reverse("accounts:account"), "text": _("Your account"), "key": "account"})
    return nav


# Which item of the site navigation a page sits under, by URL name (else by namespace).
ACTIVE_BY_VIEW = {
    "audit:search": "audit",
    "release:my-week": "week",
    "release:upcoming": "releases",
    "core:home": "home",
    "accounts:account": "account",
}
ACTIVE_BY_NAMESPACE = {
    "children": "children",
    "admin": "admin",
    "knowledge": "guidance",
    "directory": "services",
    "referrals": "referrals",
    "estate": "estate",
    "insight": "figures",
}


def active_item(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.view_name in ACTIVE_BY_VIEW:
        return ACTIVE_BY_VIEW[match.view_name]
    if "public_id" in match.kwargs and match.app_name != "accounts":
        return "children"  # every page about one child sits under "Children"
    return ACTIVE_BY_NAMESPACE.get(match.app_name, "")
