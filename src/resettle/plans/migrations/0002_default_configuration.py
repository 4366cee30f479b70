"""Load the default resettlement pathways and action statuses (a frozen copy of plans.defaults)."""

from django.db import migrations

PATHWAYS = [
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
STATUSES = [
    ("not-started", "Not started", False, False),
    ("in-progress", "In progress", False, False),
    ("done", "Done", False, True),
    ("blocked", "Blocked", True, False),
    ("dropped", "Dropped", True, True),
]


def load(apps, schema_editor):
    Pathway = apps.get_model("plans", "Pathway")
    ActionStatus = apps.get_model("plans", "ActionStatus")
    for order, (slug, name, friendly) in enumerate(PATHWAYS, start=1):
        Pathway.objects.get_or_create(
            slug=slug, defaults={"name": name, "child_friendly_name": friendly, "order": order}
        )
    for order, (slug, name, needs_reason, is_closed) in enumerate(STATUSES, start=1):
        ActionStatus.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "order": order,
                "needs_reason": needs_reason,
                "is_closed": is_closed,
            },
        )


def unload(apps, schema_editor):
    Pathway = apps.get_model("plans", "Pathway")
    ActionStatus = apps.get_model("plans", "ActionStatus")
    PlanAction = apps.get_model("plans", "PlanAction")
    Need = apps.get_model("plans", "Need")
    # Only configuration no plan uses: pathways and statuses in use are protected and stay.
    used_pathways = set(PlanAction.objects.values_list("pathway_id", flat=True))
    used_pathways |= set(Need.objects.values_list("pathway_id", flat=True))
    used_statuses = set(PlanAction.objects.values_list("status_id", flat=True))
    Pathway.objects.filter(slug__in=[p[0] for p in PATHWAYS]).exclude(id__in=used_pathways).delete()
    ActionStatus.objects.filter(slug__in=[s[0] for s in STATUSES]).exclude(
        id__in=used_statuses
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
