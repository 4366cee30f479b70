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

# (name, triggers, anchor, working days, completed by meeting kind, repeats)
DEFAULT_RULES = [
    ("Initial planning meeting", CUSTODY, "after_start", 10, "initial_planning", False),
    ("Review meeting", CUSTODY, "after_start", 65, "review", True),  # about every 3 months
    ("Release preparation meeting", CUSTODY, "before_release", 20, "release_preparation", False),
    ("Accommodation confirmed", CUSTODY, "before_release", 10, "", False),
    ("Contact on release day", RELEASED, "after_start", 0, "release_day", False),
    ("Post-release review", RELEASED, "after_start", 10, "post_release_review", False),
    # Resettlement begins when custody becomes likely (docs/domain.md, stages and touchpoints).
    ("Four key questions asked", LIKELY, "after_start", 5, "", False),
    ("Family contacted", LIKELY, "after_start", 5, "", False),
    ("Early resettlement plan", LIKELY, "after_start", 10, "", False),
]


def ensure_defaults() -> None:
    for order, (name, triggers, anchor, days, completed_by, repeats) in enumerate(
        DEFAULT_RULES, start=1
    ):
        TouchpointRule.objects.get_or_create(
            name=name,
            defaults={
                "triggers": triggers,
                "anchor": anchor,
                "working_days": days,
                "completed_by": completed_by,
                "repeats": repeats,
                "order": order,
            },
        )
