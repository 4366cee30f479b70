"""The child's sub-navigation.

Later sections (voice, plan, journey, network) add themselves to SECTIONS.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# (key, label, url name). Order is the order on the page.
SECTIONS: list[tuple[str, str, str]] = [
    ("summary", _("Summary"), "children:detail"),
    ("history", _("Change history"), "children:history"),
]


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    href: str
    current: bool


def child_sections(child, current: str) -> list[Section]:
    return [
        Section(key, str(label), reverse(url, args=[child.public_id]), key == current)
        for key, label, url in SECTIONS
    ]
