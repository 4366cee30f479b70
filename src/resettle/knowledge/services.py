"""Writing guidance: articles through draft, review and publication, and what's new notes.

`verb(actor, **values)`: each checks its own rule in access.policy, raises DomainError with a
message for each field, saves in one transaction and writes the audit entry.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import guidance, whatsnew
from .models import (
    MAX_BODY,
    MAX_NOTE_BODY,
    MAX_SUMMARY,
    MAX_TITLE,
    Article,
    ArticleStatus,
    ReleaseNote,
    Tag,
)
from .starter import ARTICLES, TAGS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 100
RESERVED_SLUGS = {"new"}  # guidance/articles/new/ is the page for writing one

# What each step does to an article: (the statuses it may start from, the status it ends in).
STEPS = {
    "submit": ({ArticleStatus.DRAFT}, ArticleStatus.IN_REVIEW),
    "publish": ({ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW}, ArticleStatus.PUBLISHED),
    "withdraw": ({ArticleStatus.IN_REVIEW, ArticleStatus.PUBLISHED}, ArticleStatus.DRAFT),
    "reviewed": ({ArticleStatus.PUBLISHED}, ArticleStatus.PUBLISHED),
}


def _require_author(actor: Actor) -> None:
    policy.require(
        policy.can_author_guidance(actor.user),
        _("Only partnership leads and administrators write guidance."),
    )


def _too_long(value: str, limit: int, message: str) -> str | None:
    return message % {"limit": limit} if len(value) > limit else None


def _article_problems(article, *, slug, title, summary, body) -> dict:
    problems: dict = {}
    if not slug:
        problems["slug"] = _("Enter the address of the article")
    elif len(slug) > MAX_SLUG or not SLUG.match(slug):
        problems["slug"] = _(
            "The address must be lower-case letters, numbers and single hyphens, "
            "%(limit)s characters or fewer"
        ) % {"limit": MAX_SLUG}
    elif slug in RESERVED_SLUGS:
        problems["slug"] = _("This address is used by Resettle: choose another")
    elif Article.objects.filter(slug=slug).exclude(pk=getattr(article, "pk", None)).exists():
        problems["slug"] = _("Another article already has this address")
    if not title:
        problems["title"] = _("Enter a title")
    if not summary:
        problems["summary"] = _("Enter a summary")
    if not body:
        problems["body"] = _("Write the article")
    for field, value, limit in (
        ("title", title, MAX_TITLE),
        ("summary", summary, MAX_SUMMARY),
        ("body", body, MAX_BODY),
    ):
        message = _too_long(value, limit, _("This must be %(limit)s characters or fewer"))
        if message and field not in problems:
            problems[field] = message
    return problems


@transaction.atomic
def save_article(
    actor: Actor,
    *,
    article: Article | None = None,
    slug: str,
    title: str,
    summary: str,
    body: str,
    tags: list[Tag],
) -> Article:
    """Write a new draft, or change an article (a published one stays published; every change
    is a new version in its history)."""
    _require_author(actor)
    slug, title, summary = (slug or "").strip(), (title or "").strip(), (summary or "").strip()
    body = (body or "").strip()
    DomainError.raise_if(
        _article_problems(article, slug=slug, title=title, summary=summary, body=body)
    )
    created = article is None
    article = article or Article(created_by=actor.user)
    article.slug, article.title, article.summary, article.body = slug, title, summary, body
    article.changed_by = actor.user
    article._history_user = actor.user  # who made this version, in or out of a request
    article.save()
    article.tags.set(tags)
    record(
        actor,
        "guidance.article_saved",
        article=str(article.public_id),
        created=created,
    )
    guidance.forget()
    return article


@transaction.atomic
def move_article(actor: Actor, article: Article, *, step: str) -> Article:
    """Send for review, publish, withdraw to draft, or confirm a published article is still right
    (which sets its "last reviewed" date)."""
    _require_author(actor)
    if step not in STEPS:
        raise DomainError(_("Choose what to do with the article"))
    starts, ends = STEPS[step]
    if article.status not in starts:
        raise DomainError(
            _("A %(status)s article cannot be changed that way")
            % {"status": article.get_status_display().lower()}
        )
    article.status = ends
    if step in ("publish", "reviewed"):
        article.last_reviewed_on = today()
        article.reviewed_by = actor.user
    if step == "publish" and article.published_at is None:
        article.published_at = timezone.now()
    article.changed_by = actor.user
    article._history_user = actor.user
    article.save()
    record(actor, "guidance.article_moved", article=str(article.public_id), step=step)
    guidance.forget()
    return article


def ensure_starter_guidance() -> None:
    """Put back the starter tags and articles if they are missing (after a test empties the
    database); what an author changed is left alone. Not audited: it is Resettle's own content."""
    tags = {}
    for order, (kind, slug, name) in enumerate(TAGS, start=1):
        tags[slug], _created = Tag.objects.get_or_create(
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
            status=ArticleStatus.PUBLISHED,
            published_at=timezone.now(),
            last_reviewed_on=today(),
        )
        article.tags.set([tags[t] for t in tag_slugs])
    guidance.forget()


@transaction.atomic
def add_release_note(actor: Actor, *, title: str, body: str) -> ReleaseNote:
    """Publish a what's new note now: everyone signed in sees it once, on their next page."""
    _require_author(actor)
    title, body = (title or "").strip(), (body or "").strip()
    problems = {}
    if not title:
        problems["title"] = _("Enter a title")
    elif len(title) > 150:
        problems["title"] = _("The title must be 150 characters or fewer")
    if not body:
        problems["body"] = _("Say what changed")
    elif len(body) > MAX_NOTE_BODY:
        problems["body"] = _("This must be %(limit)s characters or fewer") % {
            "limit": MAX_NOTE_BODY
        }
    DomainError.raise_if(problems)
    note = ReleaseNote.objects.create(
        title=title,
        body=body,
        published_at=timezone.now(),
        created_by=actor.user,
        changed_by=actor.user,
    )
    record(actor, "whatsnew.published", note=str(note.public_id))
    whatsnew.forget()
    return note
