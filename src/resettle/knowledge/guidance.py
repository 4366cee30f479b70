"""Guidance where the work happens: the articles for each page of a child's record and each C.

`for_section(key)` gives the published articles for a section of the child's record (the keys of
`web.navigation.SECTIONS`): those tagged with the parts of the framework the section asks about.
`for_c(key)` gives the part of the 5Cs article that explains one C.

Both read a small map of published articles kept in Django's cache for `CACHE_SECONDS`, so the
header of every page about a child adds no query once the map is loaded; publishing, changing or
withdrawing an article clears it (`forget()`), and other server processes see the change when
their copy expires.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Article, ArticleStatus

CACHE_KEY = "knowledge:guidance-map"
CACHE_SECONDS = 300
MOST_LINKS = 3

# Each section of the child's record, and the tags (parts of the framework, or a stage) of the
# articles it links to, most relevant first.
SECTION_TOPICS: dict[str, tuple[str, ...]] = {
    "summary": ("lead-practitioner-broker", "identity-shift"),
    "voice": ("four-key-questions", "identity-shift"),
    "plan": ("personal-structural-support", "five-cs", "contingency-plans"),
    "my-plan": ("child-friendly-plans",),
    "quality": ("five-cs",),
    "journey": ("setbacks", "remand"),
    "network": ("networks-role-models", "involving-families"),
    "notes": ("lead-practitioner-broker",),
    "release": ("stage-preparing-for-release", "contingency-plans", "secure-estate"),
    "sharing": ("secure-estate",),
}

# The article that explains the 5Cs, and the part of it for each C (a heading's id).
FIVE_CS_ARTICLE = "the-5cs"
C_ANCHORS = {
    "constructive": ("constructive", _("What constructive means")),
    "co_created": ("co-created", _("What co-created means")),
    "customised": ("customised", _("What customised means")),
    "consistent": ("consistent", _("What consistent means")),
    "coordinated": ("coordinated", _("What coordinated means")),
}


@dataclass(frozen=True)
class Link:
    slug: str
    title: str
    href: str


def _load() -> dict:
    """{"by_tag": {tag slug: [(slug, title)]}, "titles": {slug: title}} of published articles."""
    by_tag: dict[str, list[tuple[str, str]]] = {}
    titles: dict[str, str] = {}
    rows = (
        Article.tags.through.objects.filter(article__status=ArticleStatus.PUBLISHED)
        .values_list("tag__slug", "article__slug", "article__title")
        .order_by("article__title")
    )
    for tag, slug, title in rows:
        by_tag.setdefault(tag, []).append((slug, title))
    for slug, title in Article.objects.published().values_list("slug", "title"):
        titles[slug] = title
    return {"by_tag": by_tag, "titles": titles}


def _map() -> dict:
    found = cache.get(CACHE_KEY)
    if found is None:
        found = _load()
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def forget() -> None:
    """Call after an article is published, changed or withdrawn."""
    cache.delete(CACHE_KEY)
    # and again once the change is committed, in case a page read the old state meanwhile
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _href(slug: str, anchor: str = "") -> str:
    url = reverse("knowledge:article", args=[slug])
    return f"{url}#{anchor}" if anchor else url


def for_section(section_key: str | None) -> list[Link]:
    """The published articles for a section of the child's record, at most MOST_LINKS."""
    topics = SECTION_TOPICS.get(section_key or "", ())
    if not topics:
        return []
    by_tag = _map()["by_tag"]
    links: list[Link] = []
    for topic in topics:
        for slug, title in by_tag.get(topic, []):
            if all(link.slug != slug for link in links):
                links.append(Link(slug, title, _href(slug)))
    return links[:MOST_LINKS]


def for_c(key: str) -> Link | None:
    """The part of the 5Cs article that explains the C `key` ("constructive", "co_created",
    "customised", "consistent", "coordinated"), if the article is published."""
    if key not in C_ANCHORS or FIVE_CS_ARTICLE not in _map()["titles"]:
        return None
    anchor, label = C_ANCHORS[key]
    return Link(FIVE_CS_ARTICLE, str(label), _href(FIVE_CS_ARTICLE, anchor))
