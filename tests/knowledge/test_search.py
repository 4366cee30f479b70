"""Search across articles and published questions: one function, PostgreSQL or plain."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from resettle.knowledge.models import Article, Question, Tag
from resettle.knowledge.search import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def remand_questions(amara, dev, ask):
    published = ask(
        amara,
        "What happens to planning when a child is on remand?",
        status="published",
        answer="Treat remand like a sentence.",
        faq_question="How do I plan for a child on remand?",
    )
    unpublished = ask(amara, "Is remand different?", status="answered", answer="Yes, remand is.")
    return published, unpublished


def test_search_finds_articles_and_published_questions_only(guidance, remand_questions):
    published, unpublished = remand_questions
    results = search("remand")
    kinds = {r.kind for r in results}
    assert kinds == {"article", "question"}
    titles = [r.title for r in results]
    assert "Resettlement on remand" in titles
    assert "How do I plan for a child on remand?" in titles
    assert "Is remand different?" not in titles
    assert all(r.href for r in results)


def test_every_word_must_match_and_blank_searches_find_nothing(guidance):
    assert search("   ") == []
    assert search("remand zzzqqq") == []
    assert any(r.title == "Resettlement on remand" for r in search("remand looked"))


def test_drafts_are_never_found(guidance, dev):
    Article.objects.create(slug="secret", title="Remand draft", summary="x", body="remand")
    assert "Remand draft" not in [r.title for r in search("remand")]


def test_a_tag_filter_narrows_search_to_articles(guidance, remand_questions):
    results = search("remand", tags=[Tag.objects.get(slug="stage-remand")])
    assert [r.title for r in results] == ["Resettlement on remand"]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the plain search is for SQLite")
def test_the_plain_search_puts_a_title_match_first(guidance):
    results = search("before release")
    assert results[0].title == "The days before release"
    assert len(results) > 1 and results[0].rank > results[-1].rank


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_ranks_a_title_match_above_a_mention_in_the_body(dev, amara):
    Article.objects.create(
        slug="mentions",
        title="Working with families",
        summary="About families",
        body="Families matter. A child on remand may also need their family.",
        status="published",
    )
    Article.objects.create(
        slug="about-remand",
        title="Remand planning",
        summary="Remand: planning for release at any time",
        body="Remand is uncertain. Plan for remand release early.",
        status="published",
    )
    results = search("remand")
    titles = [r.title for r in results]
    assert titles.index("Remand planning") < titles.index("Working with families")
    assert results[0].rank > results[-1].rank
    # Stemming: "remanded" finds "remand".
    assert "Remand planning" in [r.title for r in search("remanded")]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="full-text search is PostgreSQL's")
def test_postgresql_keeps_the_search_text_up_to_date_and_indexed(dev):
    # Invented words, so the starter guidance cannot match.
    article = Article.objects.create(
        slug="x", title="Quokkas", summary="x", body="x", status="published"
    )
    assert [r.title for r in search("quokkas")] == ["Quokkas"]
    article.title = "Wombats"
    article.save()
    assert search("quokkas") == [] and [r.title for r in search("wombats")] == ["Wombats"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%search_gin'")
        assert {row[0] for row in cursor.fetchall()} >= {
            "knowledge_article_search_gin",
            "knowledge_question_search_gin",
        }
    Question.objects.create(text="About quokkas?", status="published", answer="Yes")
    assert [r.kind for r in search("quokkas")] == ["question"]


def test_the_guidance_page_searches_with_the_same_function(
    client_for, amara, guidance, remand_questions
):
    response = client_for(amara).get(reverse("knowledge:index"), {"q": "remand"})
    html = response.content.decode()
    assert response.context["searching"]
    assert "Resettlement on remand" in html and "How do I plan for a child on remand?" in html
    assert "Answered question" in html
