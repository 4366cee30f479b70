"""A trigram index for the caseload's search (`ChildQuerySet.search`: `icontains` over the
preferred name, legal name and local reference), on PostgreSQL only; nothing on SQLite.

`icontains` is `UPPER(column) LIKE UPPER('%text%')`, which a B-tree cannot answer; a GIN index of
trigrams of the upper-cased columns can. It needs the pg_trgm extension: where the database
refuses to create it (no permission), the migration leaves the search as it was.
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "child_search_trgm_idx"
CREATE = f"""
CREATE INDEX IF NOT EXISTS {INDEX} ON children_child USING gin (
    UPPER(preferred_name::text) gin_trgm_ops,
    UPPER(legal_name::text) gin_trgm_ops,
    UPPER(local_reference::text) gin_trgm_ops
)
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(CREATE)
    except DatabaseError:
        logger.warning(
            "The pg_trgm extension could not be created: the caseload's search has no index",
            extra={"event": "migration.search_index_skipped"},
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("children", "0007_last_contact_on")]

    operations = [migrations.RunPython(create, drop)]
