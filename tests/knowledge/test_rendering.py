"""No raw HTML from authors reaches a page: Markdown is rendered without HTML and sanitised."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from resettle.knowledge.models import Article
from resettle.knowledge.rendering import render_markdown, sanitise

pytestmark = pytest.mark.django_db

HOSTILE = """## Hello

<script>alert("from the author")</script>

[Click me](javascript:alert(1)) and [this](JaVaScRiPt:alert(2)) and [that](&#106;avascript:alert(3))

<a href="javascript:alert(4)" onclick="alert(5)">raw link</a>

<img src="x" onerror="alert(6)">

<iframe src="https://example.org"></iframe>

[A safe link](https://www.gov.uk/) and [an inside one](/guidance/)
"""


class Elements(HTMLParser):
    """Every element and attribute the browser would build from the HTML (not text)."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_nothing_runs(html: str) -> None:
    for tag, attrs in Elements(html).found:
        assert tag not in {"script", "iframe", "img", "object", "embed", "style"}, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        href = (attrs.get("href") or "").strip().lower()
        assert not href.startswith(("javascript", "data", "vbscript")), href


def test_an_authors_script_and_javascript_links_never_reach_the_article_page(client_for, alex):
    client = client_for(alex)
    response = client.post(
        reverse("knowledge:article-new"),
        {"title": "Hostile", "slug": "hostile", "summary": "Testing", "body": HOSTILE},
    )
    assert response.status_code == 302
    client.post(reverse("knowledge:article-move", args=["hostile"]), {"step": "publish"})
    html = client_for(alex).get(reverse("knowledge:article", args=["hostile"])).content.decode()
    article = html.split('<div class="app-article">', 1)[1].split("</div>", 1)[0]
    assert_nothing_runs(article)
    assert {tag for tag, _attrs in Elements(article).found} <= {"h2", "p", "a"}
    # What the author typed as HTML is shown as text, and the safe links still work.
    assert "&lt;script&gt;" in article
    assert '<a href="https://www.gov.uk/" class="govuk-link"' in article
    assert '<a href="/guidance/"' in article
    # The page as a whole carries only the service's own script.
    assert html.count("<script") == 1 and "js/app.js" in html


def test_the_sanitiser_alone_removes_scripts_handlers_and_javascript_links():
    dirty = (
        '<script>alert(1)</script><p class="govuk-body evil" style="color:red" onclick="x">'
        'hi</p><a href="javascript:alert(1)">x</a><a href="https://example.org">ok</a>'
    )
    clean = sanitise(dirty)
    assert_nothing_runs(clean)
    assert "script" not in clean and "alert" not in clean and "onclick" not in clean
    assert "style" not in clean and "evil" not in clean
    assert '<p class="govuk-body">hi</p>' in clean
    assert "javascript" not in clean and 'href="https://example.org"' in clean


def test_markdown_becomes_govuk_styled_html_with_heading_anchors():
    html = render_markdown("# Title\n\n## Co-created\n\nText\n\n- one\n- two\n\n1. first\n")
    assert '<h2 id="title" class="govuk-heading-m">Title</h2>' in html
    assert '<h2 id="co-created" class="govuk-heading-m">Co-created</h2>' in html
    assert '<p class="govuk-body">Text</p>' in html
    assert '<ul class="govuk-list govuk-list--bullet">' in html
    assert '<ol class="govuk-list govuk-list--number">' in html


def test_a_draft_with_hostile_markdown_is_safe_in_its_version_history(client_for, alex):
    article = Article.objects.create(slug="old", title="Old", summary="x", body=HOSTILE)
    version = article.history.first()
    url = reverse("knowledge:article-version", args=["old", version.history_id])
    html = client_for(alex).get(url).content.decode()
    assert html.count("<script") == 1
    assert_nothing_runs(html.split('<div class="app-article">', 1)[1].split("</main>", 1)[0])
