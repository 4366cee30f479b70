"""Touchpoints for the 'custody likely' stage (docs/domain.md, stages and touchpoints): a frozen copy of the three rules."""

from django.db import migrations

LIKELY = ["custody_likely"]

RULES = [
    # (name, triggers, anchor, working days, completed by meeting kind, repeats, order)
    ("Four key questions asked", LIKELY, "after_start", 5, "", False, 7),
    ("Family contacted", LIKELY, "after_start", 5, "", False, 8),
    ("Early resettlement plan", LIKELY, "after_start", 10, "", False, 9),
]


def load(apps, schema_editor):
    TouchpointRule = apps.get_model("journey", "TouchpointRule")
    for name, triggers, anchor, days, completed_by, repeats, order in RULES:
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
    dependencies = [("journey", "0002_default_rules")]

    operations = [migrations.RunPython(load, unload)]
