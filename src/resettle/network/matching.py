"""Finding a name from the child's network in a plan action's words."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1024)
def name_pattern(name: str) -> re.Pattern[str] | None:
    """A case-insensitive, whole-word pattern for `name` ("Tyler" matches "tyler's lift" and
    "Meet Tyler", not "Tylersons")."""
    name = " ".join(name.split())
    if not name:
        return None
    words = r"\s+".join(re.escape(word) for word in name.split(" "))
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)


def mentions(text: str, name: str) -> bool:
    pattern = name_pattern(name)
    return bool(text and pattern and pattern.search(text))


def action_text(action) -> str:
    """The words of an action that may name who or what it leans on."""
    return "\n".join(
        part
        for part in (
            getattr(action, "owner_name", ""),
            getattr(action, "description", ""),
            getattr(action, "specific_service", ""),
        )
        if part
    )
