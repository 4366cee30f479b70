"""Make the audit trail append-only and hash-chained.

1. Entries no longer point at people and organisations through database constraints, so deleting a
   user never rewrites (SET NULL) an entry; the stored e-mail and role still say who it was.
2. `prev_hash` and `hash` are added and existing entries are chained in id order.
3. A trigger refuses UPDATE and DELETE of an entry.

   PostgreSQL: BEFORE UPDATE OR DELETE, row level. There is deliberately no BEFORE TRUNCATE trigger:
   Django's `flush` (used between transactional tests) empties tables with TRUNCATE. In production,
   grant the application's database role INSERT and SELECT on this table but not TRUNCATE.

   SQLite (demo and development only): BEFORE UPDATE only. SQLite's `flush` empties tables with
   DELETE FROM, which a BEFORE DELETE trigger would break; a deleted entry is still detected by
   `manage.py verify_audit`, because the entry after it no longer links to its predecessor.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from resettle.audit.chain import GENESIS, compute_hash, content_of

TABLE = "audit_auditevent"

POSTGRESQL_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION {TABLE}_refuse_change() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'Audit entries cannot be changed or deleted (% refused): the audit trail is append-only', TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"""
    CREATE TRIGGER {TABLE}_append_only
        BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_change()
    """,
]
POSTGRESQL_REMOVE = [
    f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse_change()",
]
SQLITE_INSTALL = [
    f"""
    CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
    BEGIN
        SELECT RAISE(ABORT, 'Audit entries cannot be changed: the audit trail is append-only');
    END
    """,
]
SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update"]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def install_triggers(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_INSTALL, "sqlite": SQLITE_INSTALL})


def remove_triggers(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_REMOVE, "sqlite": SQLITE_REMOVE})


def chain_existing_entries(apps, schema_editor):
    """Chain entries written before this migration, oldest (lowest id) first, in batches."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    events = AuditEvent.objects.using(schema_editor.connection.alias)
    prev_hash, last_id = GENESIS, 0
    while True:
        batch = list(events.filter(id__gt=last_id).order_by("id")[:1000])
        if not batch:
            break
        for event in batch:
            event_hash = compute_hash(content_of(event), prev_hash)
            events.filter(pk=event.pk).update(prev_hash=prev_hash, hash=event_hash)
            prev_hash, last_id = event_hash, event.pk


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("accounts", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="organisation",
            field=models.ForeignKey(
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(
                fields=["organisation", "-at"], name="audit_audit_organis_705af2_idx"
            ),
        ),
        migrations.RunPython(chain_existing_entries, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("prev_hash",), name="audit_chain_is_linear"),
        ),
        migrations.RunPython(install_triggers, remove_triggers),
    ]
