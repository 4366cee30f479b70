"""The child's sub-navigation.

Later sections (voice, plan, journey, network) add themselves to SECTIONS.
A section may carry a fourth item, a predicate `(user, child) -> bool`: it is shown only when
`child_sections(..., user=request.user)` is given a user and the predicate holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from resettle.audit.permissions import can_view_access_log

# (key, label, url name[, predicate]). Order is the order on the page.
SECTIONS: list[tuple] = [
    ("summary", _("Summary"), "children:detail"),
    ("voice", _("Voice"), "voice:overview"),
    ("plan", _("Plan"), "plans:plan"),
    ("my-plan", _("My plan"), "childview:my-plan"),
    ("quality", _("5Cs"), "quality:child"),
    ("journey", _("Journey"), "journey:journey"),
    ("network", _("Network"), "network:network"),
    ("notes", _("Case notes"), "notes:notes"),
    ("release", _("Release"), "release:checklist"),
    ("sharing", _("Sharing and access"), "access:sharing"),
    ("history", _("Change history"), "children:history"),
    ("access-log", _("Access log"), "children:access-log", can_view_access_log),
]


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    href: str
    current: bool


def child_sections(child, current: str, user=None) -> list[Section]:
    return [
        Section(key, str(label), reverse(url, args=[child.public_id]), key == current)
        for key, label, url, *predicate in SECTIONS
        if not predicate or (user is not None and predicate[0](user, child))
    ]
