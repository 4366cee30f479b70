"""The default touchpoint rules (docs/domain.md, section 3). Remand gets the same touchpoints as a
sentence.

The data migration `0002_default_rules` loads a frozen copy; administrators change them in the
admin. `ensure_defaults()` puts back missing ones (after a test flushes the database, or in a fresh
demo) without touching ones an administrator has changed.
"""

from __future__ import annotations

from .models import TouchpointRule

CUSTODY = ["remand_yda", "remand_la", "sentenced_custody", "recall"]
RELEASED = ["released_licence", "released_notice"]
LIKELY = ["custody_likely"]

# (name, triggers, anchor, working days, met by, the meeting kind that meets it, repeats)
DEFAULT_RULES = [
    ("Initial planning meeting", CUSTODY, "after_start", 10, "meeting", "initial_planning", False),
    ("Review meeting", CUSTODY, "after_start", 65, "meeting", "review", True),  # every ~3 months
    (
        "Release preparation meeting",
        CUSTODY,
        "before_release",
        20,
        "meeting",
        "release_preparation",
        False,
    ),
    ("Accommodation confirmed", CUSTODY, "before_release", 10, "accommodation", "", False),
    ("Contact on release day", RELEASED, "after_start", 0, "meeting", "release_day", False),
    ("Post-release review", RELEASED, "after_start", 10, "meeting", "post_release_review", False),
    # Resettlement begins when custody becomes likely (docs/domain.md, section 3).
    ("Four key questions asked", LIKELY, "after_start", 5, "four_questions", "", False),
    ("Family contacted", LIKELY, "after_start", 5, "family_contact", "", False),
    ("Early resettlement plan", LIKELY, "after_start", 10, "early_plan", "", False),
]


def ensure_defaults() -> None:
    for order, (name, triggers, anchor, days, met_by, completed_by, repeats) in enumerate(
        DEFAULT_RULES, start=1
    ):
        TouchpointRule.objects.get_or_create(
            name=name,
            defaults={
                "triggers": triggers,
                "anchor": anchor,
                "working_days": days,
                "met_by": met_by,
                "completed_by": completed_by,
                "repeats": repeats,
                "order": order,
            },
        )
