"""Fill in each child's last contact (Child.last_contact_on), which journey.receivers keeps
current from now on: the latest conversation, meeting the child attended, or case note that
records contact (journey.facts.last_contact), in one UPDATE."""

from datetime import date

from django.db import migrations
from django.db.models import DateField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, NullIf

NEVER = date(1900, 1, 1)


def fill(apps, schema_editor):
    Child = apps.get_model("children", "Child")
    VoiceEntry = apps.get_model("voice", "VoiceEntry")
    Meeting = apps.get_model("journey", "Meeting")
    CaseNote = apps.get_model("notes", "CaseNote")
    child = OuterRef("pk")

    def latest(queryset, field):
        newest = queryset.order_by(f"-{field}").values(field)[:1]
        return Coalesce(Subquery(newest, output_field=DateField()), Value(NEVER))

    Child._base_manager.update(
        last_contact_on=NullIf(
            Greatest(
                latest(VoiceEntry._base_manager.filter(child=child), "recorded_on"),
                latest(Meeting._base_manager.filter(child=child, child_attended=True), "held_on"),
                latest(
                    CaseNote._base_manager.filter(child=child, contact_on__isnull=False),
                    "contact_on",
                ),
                output_field=DateField(),
            ),
            Value(NEVER),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("journey", "0006_open_touchpoints_index"),
        ("children", "0007_last_contact_on"),
        ("voice", "0003_child_scoped_managers"),
        ("notes", "0003_note_records_contact"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
