"""The audit trail in chains (audit/chain.py): each entry says which chain it is in.

Entries already written are chain 0, the first chain, and verify exactly as before (versions 1 and
2); the anchors continue it. New entries (version 3) go to chains 1 and up, each linear on its own
(unique chain and prev_hash, replacing unique prev_hash), and each chain's latest entry is found by
an index on chain and id.

On SQLite, adding a column rebuilds the table, which drops its BEFORE UPDATE trigger: it is put
back afterwards (and after undoing this migration), as in 0003. PostgreSQL adds the column in
place, keeping its trigger, and fires no row triggers doing so (a constant default is not written
to the rows).
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
        ("audit", "0003_keyed_hash_chain"),
    ]

    operations = [
        # Runs last when this migration is undone (removing the column rebuilds the table too).
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_trigger),
        migrations.AddField(
            model_name="auditevent",
            name="chain",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(fields=["chain", "-id"], name="audit_chain_latest_idx"),
        ),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(
                fields=("chain", "prev_hash"), name="audit_each_chain_is_linear"
            ),
        ),
        # Undone only while the trail is still one chain: with several, each starts from the same
        # 64 zeros, which a unique prev_hash refuses.
        migrations.RemoveConstraint(
            model_name="auditevent",
            name="audit_chain_is_linear",
        ),
        migrations.RunPython(restore_sqlite_trigger, migrations.RunPython.noop),
    ]
