"""The default configuration: resettlement pathways and action statuses.

The data migration `0002_default_configuration` loads a frozen copy of these; administrators then
change them in the admin. `ensure_defaults()` puts back any that are missing (after a test flushes
the database, or in a fresh demo), without touching ones an administrator has changed.
"""

from __future__ import annotations

from .models import ActionStatus, Pathway

# (slug, name, child-friendly name)
DEFAULT_PATHWAYS = [
    ("accommodation", "Accommodation", "Somewhere to live"),
    ("ete", "Education, training and employment", "School, training and work"),
    (
        "health",
        "Health (physical, mental, and speech, language and communication)",
        "Health and feeling well",
    ),
    ("substance-misuse", "Substance misuse", "Drugs and alcohol"),
    ("families", "Families and relationships", "Family and people who matter"),
    ("finance", "Finance, benefits and debt", "Money"),
    ("case-management", "Case management and transitions", "Moving on and getting support"),
]

# (slug, name, needs_reason, is_closed)
DEFAULT_STATUSES = [
    ("not-started", "Not started", False, False),
    ("in-progress", "In progress", False, False),
    ("done", "Done", False, True),
    ("blocked", "Blocked", True, False),
    ("dropped", "Dropped", True, True),
]


def ensure_defaults() -> None:
    for order, (slug, name, friendly) in enumerate(DEFAULT_PATHWAYS, start=1):
        Pathway.objects.get_or_create(
            slug=slug, defaults={"name": name, "child_friendly_name": friendly, "order": order}
        )
    for order, (slug, name, needs_reason, is_closed) in enumerate(DEFAULT_STATUSES, start=1):
        ActionStatus.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "order": order,
                "needs_reason": needs_reason,
                "is_closed": is_closed,
            },
        )
