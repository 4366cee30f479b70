"""My week's children not seen (web/week.py): a service's children with an open order, longest
without contact first (never contacted before all), read in that order.

PostgreSQL's index must say NULLS FIRST to give that order; SQLite sorts nulls first already and
cannot say it. Not in the model's Meta, which has no way to say it for one database only."""

from django.db import migrations

NAME = "child_service_not_seen_idx"
COLUMNS = {
    "postgresql": "owning_service_id, last_contact_on ASC NULLS FIRST, preferred_name, id",
    "sqlite": "owning_service_id, last_contact_on, preferred_name, id",
}


def create(apps, schema_editor):
    columns = COLUMNS.get(schema_editor.connection.vendor)
    if columns:
        schema_editor.execute(
            f"CREATE INDEX {NAME} ON children_child ({columns}) WHERE order_ended_on IS NULL"
        )


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("children", "0010_current_status")]

    operations = [migrations.RunPython(create, drop)]
