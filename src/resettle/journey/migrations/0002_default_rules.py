"""The default touchpoint rules (docs/domain.md, stages and touchpoints), a frozen copy of journey.defaults at this time."""

from django.db import migrations

CUSTODY = ["remand_yda", "remand_la", "sentenced_custody", "recall"]
RELEASED = ["released_licence", "released_notice"]

RULES = [
    ("Initial planning meeting", CUSTODY, "after_start", 10, "initial_planning", False),
    ("Review meeting", CUSTODY, "after_start", 65, "review", True),
    ("Release preparation meeting", CUSTODY, "before_release", 20, "release_preparation", False),
    ("Accommodation confirmed", CUSTODY, "before_release", 10, "", False),
    ("Contact on release day", RELEASED, "after_start", 0, "release_day", False),
    ("Post-release review", RELEASED, "after_start", 10, "post_release_review", False),
]


def load(apps, schema_editor):
    TouchpointRule = apps.get_model("journey", "TouchpointRule")
    for order, (name, triggers, anchor, days, completed_by, repeats) in enumerate(RULES, start=1):
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


def unload(apps, schema_editor):
    TouchpointRule = apps.get_model("journey", "TouchpointRule")
    TouchpointRule.objects.filter(name__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("journey", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
