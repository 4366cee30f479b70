"""Keeps the stored search text of articles and questions up to date on PostgreSQL (search.py).

Connected by importing this module in `KnowledgeConfig.ready()`. On other databases it does
nothing: their search reads the text itself.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Article, Question

CONFIG = "english"


def article_vector():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )


def question_vector():
    return SearchVector("faq_question", "text", weight="A", config=CONFIG) + SearchVector(
        "answer", weight="B", config=CONFIG
    )


@receiver(post_save, sender=Article, dispatch_uid="knowledge-article-search")
def index_article(sender, instance: Article, **kwargs) -> None:
    if connection.vendor == "postgresql":
        Article.objects.filter(pk=instance.pk).update(search_vector=article_vector())


@receiver(post_save, sender=Question, dispatch_uid="knowledge-question-search")
def index_question(sender, instance: Question, **kwargs) -> None:
    if connection.vendor == "postgresql":
        Question.objects.filter(pk=instance.pk).update(search_vector=question_vector())
