"""Markdown to safe HTML, in GOV.UK styles.

Authors write Markdown; markdown-it-py renders it with raw HTML turned off (what an author types as
HTML is shown as text), and nh3 then keeps only the tags, attributes, classes and link schemes
listed here, so no script, event handler, style or `javascript:` link can reach a page whatever
the Markdown renderer lets through. Headings get ids from their words so a link can point at a
part of an article (`guidance.for_c`). Images are not offered: the service shows no one else's
pictures (its Content Security Policy would refuse them anyway).
"""

from __future__ import annotations

import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from markdown_it import MarkdownIt

# The article's title is the page's h1, so the Markdown's own headings start at h2.
HEADING_LEVEL = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}

CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "table": "govuk-table",
    "thead": "govuk-table__head",
    "tbody": "govuk-table__body",
    "tr": "govuk-table__row",
    "th": "govuk-table__header",
    "td": "govuk-table__cell",
    "blockquote": "govuk-inset-text",
    "hr": "govuk-section-break govuk-section-break--m govuk-section-break--visible",
}

ALLOWED_TAGS = {
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "code",
    "pre",
    "blockquote",
    "hr",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}}
ALLOWED_CLASSES = {tag: set(names.split()) for tag, names in CLASSES.items()}
URL_SCHEMES = {"http", "https", "mailto"}

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .disable("image")
)


def _styled(tokens) -> None:
    """Give each block its GOV.UK class, and headings their level and an id from their words."""
    used: set[str] = set()
    for index, token in enumerate(tokens):
        if token.tag in HEADING_LEVEL and token.type in ("heading_open", "heading_close"):
            token.tag = HEADING_LEVEL[token.tag]
        if not token.type.endswith("_open") and token.type != "hr":
            continue
        token.attrs.pop("style", None)  # table alignment would need inline styles
        if token.type == "heading_open":
            words = tokens[index + 1].content if index + 1 < len(tokens) else ""
            anchor = slugify(words)[:60] or "section"
            while anchor in used:
                anchor += "-more"
            used.add(anchor)
            token.attrSet("id", anchor)
        if token.tag in CLASSES:
            token.attrSet("class", CLASSES[token.tag])
    for token in tokens:  # links live inside the inline tokens of paragraphs, lists and tables
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("class", CLASSES["a"])


def sanitise(html: str) -> str:
    """Only the tags, attributes, classes and link schemes listed above survive."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> SafeString:
    """`text` as safe HTML for a page."""
    env: dict = {}
    tokens = _markdown.parse(text or "", env)
    _styled(tokens)
    html = _markdown.renderer.render(tokens, _markdown.options, env)
    return mark_safe(sanitise(html))  # noqa: S308 - sanitised by nh3 just above
