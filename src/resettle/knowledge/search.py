"""Search across guidance articles and published questions: one function, two engines.

On PostgreSQL: full-text search, ranked (`SearchRank`), over a stored `search_vector` with a GIN
index (migration 0002): an article's title weighs most, then its summary, then its body; a
question's wording weighs more than its answer. Elsewhere (SQLite in development and tests): every
word must appear somewhere in the text, and a match in the title comes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When
from django.urls import reverse

from .models import Article, Question

MOST_RESULTS = 50
MOST_WORDS = 10
CONFIG = "english"


@dataclass(frozen=True)
class Result:
    kind: str  # "article" or "question"
    title: str
    summary: str
    href: str
    rank: float
    tags: list = field(default_factory=list)


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w][:MOST_WORDS]


def _ranked_on_postgresql(articles: QuerySet, questions: QuerySet, text: str):
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    rank = SearchRank(F("search_vector"), query)
    return (
        articles.filter(search_vector=query).annotate(rank=rank),
        questions.filter(search_vector=query).annotate(rank=rank),
    )


def _plain(articles: QuerySet, questions: QuerySet, text: str):
    words = _words(text)

    def every_word(fields):
        return reduce(
            and_,
            (
                reduce(lambda a, b: a | b, (Q(**{f"{f}__icontains": w}) for f in fields))
                for w in words
            ),
        )

    def ranked(queryset, fields, title):
        return queryset.filter(every_word(fields)).annotate(
            rank=Case(
                When(**{f"{title}__icontains": text}, then=Value(2.0)),
                default=Value(1.0),
                output_field=FloatField(),
            )
        )

    return (
        ranked(articles, ("title", "summary", "body"), "title"),
        ranked(questions, ("faq_question", "text", "answer"), "faq_question"),
    )


def search(text: str, *, tags: list | None = None) -> list[Result]:
    """Published articles (with any of `tags`, if given) and published questions that match
    `text`, best first. Two or three queries, whatever the number of results."""
    text = (text or "").strip()[:200]
    if not _words(text):
        return []
    articles = Article.objects.published()
    if tags:
        tagged = Article.tags.through.objects.filter(tag__in=tags).values("article_id")
        articles = articles.filter(id__in=tagged)
    questions = Question.objects.published()
    engine = _ranked_on_postgresql if connection.vendor == "postgresql" else _plain
    articles, questions = engine(articles, questions, text)
    results = [
        Result(
            "article",
            a.title,
            a.summary,
            reverse("knowledge:article", args=[a.slug]),
            float(a.rank),
            list(a.tags.all()),
        )
        for a in articles.for_list().order_by("-rank", "title")[:MOST_RESULTS]
    ]
    if not tags:  # questions carry no tags: a tag filter asks for articles only
        results += [
            Result(
                "question",
                q.faq_wording,
                q.answer,
                reverse("knowledge:question", args=[q.public_id]),
                float(q.rank),
            )
            for q in questions.order_by("-rank", "-published_at")[:MOST_RESULTS]
        ]
    return sorted(results, key=lambda r: -r.rank)[:MOST_RESULTS]
