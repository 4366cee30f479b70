"""GIN indexes for full-text search of articles and questions, on PostgreSQL only.

The `search_vector` columns exist on every database (SQLite keeps them empty); the indexes are
PostgreSQL's, so this migration does nothing elsewhere, forwards or back.
"""

from django.db import migrations

INDEXES = [
    ("knowledge_article_search_gin", "knowledge_article"),
    ("knowledge_question_search_gin", "knowledge_question"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
