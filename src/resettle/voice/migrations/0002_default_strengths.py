"""The default list of strengths a child may pick, in words a child would use.

Administrators change the list in the admin afterwards; this only loads a starting point.
"""

from django.db import migrations

DEFAULT_STRENGTHS = [
    "Good with my hands",
    "Good at fixing things",
    "Kind to others",
    "Funny",
    "Loyal to my friends",
    "Good with younger children",
    "I look after my family",
    "A good listener",
    "Good at talking to people",
    "Hard-working",
    "I don't give up",
    "Brave",
    "Sporty",
    "Creative",
    "Music",
    "Cooking",
    "Good with animals",
    "Good with computers",
]


def load(apps, schema_editor):
    Strength = apps.get_model("voice", "Strength")
    for order, name in enumerate(DEFAULT_STRENGTHS, start=1):
        Strength.objects.get_or_create(name=name, defaults={"order": order * 10})


def unload(apps, schema_editor):
    Strength = apps.get_model("voice", "Strength")
    # Strengths a child has chosen stay: they are part of the child's record.
    Strength.objects.filter(name__in=DEFAULT_STRENGTHS, voice_entries__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
