"""Key the audit chain: each entry says how it was hashed (`version`, see audit/chain.py).

Entries already written keep version 1 (plain SHA-256) and verify exactly as before; entries
written from now on are version 2 (HMAC-SHA256 with RESETTLE_AUDIT_KEY).

On SQLite, adding a column rebuilds the table, which drops its BEFORE UPDATE trigger: it is put
back afterwards (and after undoing this migration). PostgreSQL adds the column in place, keeping
its trigger, and fires no row triggers doing so.
"""

from django.db import migrations, models

TABLE = "audit_auditevent"
SQLITE_TRIGGER = f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'Audit entries cannot be changed: the audit trail is append-only');
    END
"""


def restore_sqlite_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_append_only_hash_chain"),
    ]

    operations = [
        # Runs last when this migration is undone (removing the column rebuilds the table too).
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_trigger),
        migrations.AddField(
            model_name="auditevent",
            name="version",
            field=models.PositiveSmallIntegerField(default=1, editable=False),
        ),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
    ]
