"""Load the guidance tags and the starter articles (resettle.knowledge.starter), published.

Reversing removes the starter articles an author has not changed since, and the tags no article
uses.
"""

from django.contrib.postgres.search import SearchVector
from django.db import migrations
from django.utils import timezone

from resettle.knowledge.starter import ARTICLES, TAGS


def load(apps, schema_editor):
    Tag = apps.get_model("knowledge", "Tag")
    Article = apps.get_model("knowledge", "Article")
    HistoricalArticle = apps.get_model("knowledge", "HistoricalArticle")
    now = timezone.now()
    tags = {}
    for order, (kind, slug, name) in enumerate(TAGS, start=1):
        tags[slug], _ = Tag.objects.get_or_create(
            slug=slug, defaults={"kind": kind, "name": name, "order": order}
        )
    for slug, title, summary, tag_slugs, body in ARTICLES:
        if Article.objects.filter(slug=slug).exists():
            continue
        article = Article.objects.create(
            slug=slug,
            title=title,
            summary=summary,
            body=body,
            status="published",
            published_at=now,
            last_reviewed_on=now.date(),
        )
        article.tags.set([tags[t] for t in tag_slugs])
        HistoricalArticle.objects.create(
            id=article.id,
            public_id=article.public_id,
            created_at=article.created_at,
            changed_at=article.changed_at,
            slug=slug,
            title=title,
            summary=summary,
            body=body,
            status="published",
            published_at=now,
            last_reviewed_on=now.date(),
            history_date=now,
            history_type="+",
            history_change_reason="Starter guidance",
        )
    if schema_editor.connection.vendor == "postgresql":
        Article.objects.update(
            search_vector=SearchVector("title", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )


def unload(apps, schema_editor):
    Tag = apps.get_model("knowledge", "Tag")
    Article = apps.get_model("knowledge", "Article")
    for slug, title, summary, _tags, body in ARTICLES:
        Article.objects.filter(slug=slug, title=title, summary=summary, body=body).delete()
    Tag.objects.filter(slug__in=[slug for _k, slug, _n in TAGS], articles__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0002_search_index")]

    operations = [migrations.RunPython(load, unload)]
