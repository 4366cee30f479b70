"""Guidance articles: Markdown written by the partnership's authors, tagged by stage, pathway and
part of the framework. Drafts go to review and are published; every change is kept as a version."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.core.models import TrackedModel

MAX_TITLE = 150
MAX_SUMMARY = 300
MAX_BODY = 20_000


class TagKind(models.TextChoices):
    STAGE = "stage", _("Stage")
    PATHWAY = "pathway", _("Pathway")
    FRAMEWORK = "framework", _("Part of the framework")


class Tag(models.Model):
    """A label an article carries. The lists are configuration, loaded by a data migration."""

    kind = models.CharField(_("kind"), max_length=20, choices=TagKind.choices)
    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("guidance tag")

    def __str__(self) -> str:
        return self.name


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=ArticleStatus.PUBLISHED)

    def for_list(self) -> ArticleQuerySet:
        """What a list of articles shows, with their tags in one more query."""
        return self.prefetch_related(
            models.Prefetch("tags", queryset=Tag.objects.order_by("kind", "order", "name"))
        ).order_by("title", "id")


class Article(TrackedModel):
    slug = models.SlugField(
        _("address"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the page's address: lower-case letters, numbers and hyphens"),
    )
    title = models.CharField(_("title"), max_length=MAX_TITLE)
    summary = models.CharField(_("summary"), max_length=MAX_SUMMARY)
    body = models.TextField(_("article"))
    status = models.CharField(
        _("status"), max_length=20, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Filled on PostgreSQL only (receivers.py); the plain search on SQLite does not use it.
    search_vector = SearchVectorField(null=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_vector"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("guidance article")
        indexes = [models.Index(fields=["status", "title"], name="knowledge_article_status_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ArticleStatus.PUBLISHED
