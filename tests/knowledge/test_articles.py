"""Guidance articles: written by authors, through draft, review and publication, with history."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.core.errors import DomainError
from resettle.knowledge import services
from resettle.knowledge.models import MAX_TITLE, Article, Tag

from .conftest import actor

pytestmark = pytest.mark.django_db

NEW = reverse("knowledge:article-new")


def article_url(slug, name="knowledge:article"):
    return reverse(name, args=[slug])


def draft(author, slug="talking-to-families", **values):
    return services.save_article(
        actor(author),
        slug=slug,
        title=values.get("title", "Talking to families"),
        summary="How to start",
        body="## Start early\n\nInvite them.",
        tags=values.get("tags", []),
    )


def test_the_starter_guidance_is_published_by_the_data_migration():
    published = Article.objects.published()
    assert published.count() >= 12
    four = published.get(slug="four-key-questions")
    assert four.last_reviewed_on is not None
    assert {t.slug for t in four.tags.all()} >= {"four-key-questions", "identity-shift"}
    assert set(Tag.objects.values_list("kind", flat=True)) == {"stage", "pathway", "framework"}
    assert four.history.count() == 1  # the first version, from the migration


def test_the_partnership_lead_writes_a_draft_that_readers_cannot_see(client_for, dev, amara):
    response = client_for(dev).post(
        NEW,
        {
            "title": "Talking to families",
            "slug": "talking-to-families",
            "summary": "How to start",
            "body": "Invite them.",
            "framework_tags": [Tag.objects.get(slug="involving-families").pk],
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="talking-to-families")
    assert article.status == "draft" and article.created_by == dev
    assert [t.slug for t in article.tags.all()] == ["involving-families"]
    assert AuditEvent.objects.filter(action="guidance.article_saved", actor=dev).exists()
    assert client_for(amara).get(article_url(article.slug)).status_code == 404
    assert client_for(dev).get(article_url(article.slug)).status_code == 200


def test_an_article_goes_to_review_then_is_published_and_reviewed(client_for, dev, amara):
    article = draft(dev)
    client = client_for(dev)
    move = article_url(article.slug, "knowledge:article-move")
    client.post(move, {"step": "submit"})
    article.refresh_from_db()
    assert article.status == "in_review"
    client.post(move, {"step": "publish"})
    article.refresh_from_db()
    assert article.status == "published" and article.published_at is not None
    assert article.last_reviewed_on is not None and article.reviewed_by == dev
    html = client_for(amara).get(article_url(article.slug)).content.decode()
    assert "Talking to families" in html and "Last reviewed" in html
    assert "Change this article" not in html  # readers do not see the authors' tools
    client.post(move, {"step": "withdraw"})
    article.refresh_from_db()
    assert article.status == "draft"
    assert client_for(amara).get(article_url(article.slug)).status_code == 404
    steps = list(
        AuditEvent.objects.filter(action="guidance.article_moved").values_list(
            "detail__step", flat=True
        )
    )
    assert sorted(steps) == ["publish", "submit", "withdraw"]


def test_a_step_that_does_not_fit_the_status_is_refused_without_a_change(client_for, dev):
    article = draft(dev)
    response = client_for(dev).post(
        article_url(article.slug, "knowledge:article-move"), {"step": "reviewed"}
    )
    assert response.status_code == 200
    assert "cannot be changed that way" in response.content.decode()
    article.refresh_from_db()
    assert article.status == "draft" and article.last_reviewed_on is None
    response = client_for(dev).post(
        article_url(article.slug, "knowledge:article-move"), {"step": "nonsense"}
    )
    assert response.status_code == 200


def test_only_authors_write_guidance(amara, priya, dev, alex):
    for person in (amara, priya):
        with pytest.raises(PermissionDenied):
            draft(person)
    draft(dev)
    draft(alex, slug="another")
    assert Article.objects.filter(slug__in=["talking-to-families", "another"]).count() == 2


def test_a_case_worker_cannot_post_an_article(client_for, amara):
    response = client_for(amara).post(NEW, {"title": "x", "slug": "x", "summary": "x", "body": "x"})
    assert response.status_code == 403
    assert not Article.objects.filter(slug="x").exists()


def test_bad_values_are_kept_on_error_with_a_summary_linking_to_the_field(client_for, dev):
    title = "T" * (MAX_TITLE + 1)
    response = client_for(dev).post(
        NEW, {"title": title, "slug": "Not A Slug!", "summary": "", "body": "Body text"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_title"' in html and 'href="#id_slug"' in html and 'href="#id_summary"' in html
    assert "Body text" in html and "Not A Slug!" in html
    assert not Article.objects.filter(body="Body text").exists()


def test_the_address_must_be_unused_and_not_reserved(dev, guidance):
    with pytest.raises(DomainError) as taken:
        draft(dev, slug="four-key-questions")
    assert "already" in taken.value.errors["slug"]
    with pytest.raises(DomainError) as reserved:
        draft(dev, slug="new")
    assert "slug" in reserved.value.errors


def test_every_change_is_a_version_in_the_history(client_for, dev, alex):
    article = draft(dev)
    services.save_article(
        actor(alex),
        article=article,
        slug=article.slug,
        title="Talking with families",
        summary="How to start",
        body="Changed",
        tags=[],
    )
    response = client_for(dev).get(article_url(article.slug, "knowledge:article-history"))
    html = response.content.decode()
    assert len(response.context["page"].object_list) == 2
    assert "Talking with families" in html and "Talking to families" in html
    assert "Alex Morgan" in html and "Dev Patel" in html
    oldest = article.history.order_by("history_date").first()
    url = reverse("knowledge:article-version", args=[article.slug, oldest.history_id])
    assert "Start early" in client_for(dev).get(url).content.decode()
    missing = reverse("knowledge:article-version", args=[article.slug, 999999])
    assert client_for(dev).get(missing).status_code == 404


def test_the_list_filters_by_tag_and_links_each_article(client_for, amara, guidance):
    client = client_for(amara)
    response = client.get(reverse("knowledge:index"), {"framework": "setbacks"})
    slugs = {a.slug for a in response.context["page"].object_list}
    assert "setbacks" in slugs and "four-key-questions" not in slugs
    response = client.get(
        reverse("knowledge:index"), {"stage": "stage-remand", "pathway": "pathway-accommodation"}
    )
    assert {a.slug for a in response.context["page"].object_list} == {"resettlement-on-remand"}
    # An unknown tag is ignored rather than failing.
    response = client.get(reverse("knowledge:index"), {"stage": "nope", "page": "x"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == Article.objects.published().count()


def test_the_list_says_what_to_do_when_nothing_matches(client_for, amara, guidance):
    html = client_for(amara).get(reverse("knowledge:index"), {"q": "zzzzqqq"}).content.decode()
    assert "No guidance matches your search" in html and "Ask the partnership a question" in html


def test_authors_see_every_article_with_its_status(client_for, dev, guidance):
    draft(dev)
    response = client_for(dev).get(reverse("knowledge:manage"), {"status": "draft"})
    assert [a.slug for a in response.context["page"].object_list] == ["talking-to-families"]
