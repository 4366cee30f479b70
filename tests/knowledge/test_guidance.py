"""Guidance where the work happens: each page of the child's record links to its articles, and
each of the 5Cs to the part of the 5Cs article that explains it."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from resettle.knowledge import guidance as where
from resettle.knowledge import services
from resettle.knowledge.models import Article

from .conftest import actor

pytestmark = pytest.mark.django_db


def test_the_voice_page_links_to_asking_the_four_questions(guidance):
    titles = [link.title for link in where.for_section("voice")]
    assert titles[0] == "Asking the four key questions"
    assert "Identity shift: helping a child see who they could be" in titles


@pytest.mark.parametrize(
    ("section", "slug"),
    [
        ("plan", "personal-and-structural-support"),
        ("plan", "the-5cs"),
        ("journey", "setbacks"),
        ("release", "the-days-before-release"),
        ("network", "networks-and-role-models"),
        ("my-plan", "child-friendly-plans"),
    ],
)
def test_each_section_links_to_the_articles_for_what_it_asks(guidance, section, slug):
    links = where.for_section(section)
    assert slug in [link.slug for link in links]
    assert len(links) <= where.MOST_LINKS
    assert all(link.href == reverse("knowledge:article", args=[link.slug]) for link in links)


def test_a_section_without_guidance_or_an_unknown_one_has_no_links(guidance):
    assert where.for_section("history") == []
    assert where.for_section(None) == []
    assert where.for_section("nonsense") == []


def test_a_withdrawn_article_is_no_longer_linked(guidance, dev):
    article = Article.objects.get(slug="four-key-questions")
    services.move_article(actor(dev), article, step="withdraw")
    assert "four-key-questions" not in [link.slug for link in where.for_section("voice")]


def test_each_c_links_to_its_part_of_the_5cs_article(client_for, amara, guidance):
    for key, anchor in [
        ("constructive", "constructive"),
        ("co_created", "co-created"),
        ("customised", "customised"),
        ("consistent", "consistent"),
        ("coordinated", "coordinated"),
    ]:
        link = where.for_c(key)
        assert link.href == reverse("knowledge:article", args=["the-5cs"]) + f"#{anchor}"
    html = client_for(amara).get(reverse("knowledge:article", args=["the-5cs"])).content.decode()
    for anchor in ("constructive", "co-created", "customised", "consistent", "coordinated"):
        assert f'id="{anchor}"' in html
    assert where.for_c("nonsense") is None


def test_the_5cs_template_tag_renders_the_link_or_nothing(guidance):
    template = Template("{% load knowledge %}{% guidance_for_c key %}")
    html = template.render(Context({"key": "consistent"}))
    assert 'href="/guidance/articles/the-5cs/#consistent"' in html
    assert "What consistent means" in html
    Article.objects.filter(slug="the-5cs").update(status="draft")
    where.forget()
    assert template.render(Context({"key": "consistent"})).strip() == ""


def test_the_child_header_on_the_voice_page_shows_the_guidance(
    client_for, amara, camden_child, guidance
):
    html = (
        client_for(amara)
        .get(reverse("voice:overview", args=[camden_child.public_id]))
        .content.decode()
    )
    assert "Guidance for this page" in html
    assert 'href="/guidance/articles/four-key-questions/"' in html


def test_the_guidance_map_is_read_once_then_served_from_the_cache(
    guidance, django_assert_num_queries
):
    with django_assert_num_queries(2):
        where.for_section("voice")
    with django_assert_num_queries(0):
        where.for_section("plan")
        where.for_c("constructive")
