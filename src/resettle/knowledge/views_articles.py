"""Guidance articles: the list and search, an article, and writing, reviewing and publishing."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from resettle.access import policy
from resettle.core.dates import today
from resettle.core.errors import DomainError

from . import services
from .forms import ArticleForm, FilterForm
from .models import Article, ArticleStatus, Tag
from .pages import new_answers, paginate, query_string, require_author
from .rendering import render_markdown
from .search import search

REVIEW_EVERY = timedelta(days=365)  # an article not reviewed for this long is due for review
STEP_MESSAGES = {
    "submit": gettext_lazy("The article has been sent for review"),
    "publish": gettext_lazy("The article has been published"),
    "withdraw": gettext_lazy("The article has been withdrawn to a draft"),
    "reviewed": gettext_lazy("The article has been marked as reviewed today"),
}


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """Published guidance, filtered by tag; with search words, articles and answered questions."""
    tags = list(Tag.objects.order_by("kind", "order", "name"))
    form = FilterForm(request.GET or None, tags=tags)
    chosen, text = [], ""
    if form.is_bound:
        form.is_valid()  # a bad value is ignored; the others still apply
        data = form.cleaned_data
        text = data.get("q", "")
        by_slug = {t.slug: t for t in tags}
        chosen = [by_slug[data[k]] for k in ("framework", "stage", "pathway") if data.get(k)]
    if text.strip():
        items = search(text, tags=chosen)
    else:
        items = Article.objects.published().for_list()
        for tag in chosen:
            items = items.filter(tags=tag)
    page, page_range = paginate(request, items)
    return render(
        request,
        "knowledge/index.html",
        {
            "form": form,
            "page": page,
            "page_range": page_range,
            "query_string": query_string(request),
            "searching": bool(text.strip()),
            "filtered": bool(text.strip() or chosen),
            "can_author": policy.can_author_guidance(request.user),
            "can_ask": policy.can_ask_question(request.user),
            "new_answers": new_answers(request.user),
        },
    )


def _article(request, slug: str) -> Article:
    article = get_object_or_404(Article.objects.select_related("reviewed_by"), slug=slug)
    if not article.is_published and not policy.can_author_guidance(request.user):
        raise Http404("No such article")  # drafts are only for authors
    return article


def _show(request, found: Article, *, step_error: str = "", status: int = 200) -> HttpResponse:
    return render(
        request,
        "knowledge/article.html",
        {
            "article": found,
            "step_error": step_error,
            "body": render_markdown(found.body),
            "tags": list(found.tags.order_by("kind", "order", "name")),
            "can_author": policy.can_author_guidance(request.user),
            "can_ask": policy.can_ask_question(request.user),
            "due_for_review": found.is_published
            and (found.last_reviewed_on is None or found.last_reviewed_on < today() - REVIEW_EVERY),
        },
        status=status,
    )


@require_GET
def article(request: HttpRequest, slug: str) -> HttpResponse:
    return _show(request, _article(request, slug))


@require_http_methods(["GET", "POST"])
def article_form(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    require_author(request.user)
    existing = _article(request, slug) if slug else None
    initial = ArticleForm.initial_from(existing) if existing else None
    form = ArticleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_article(request.actor, article=existing, **form.values())
        except DomainError as exc:
            exc.add_to(form)
        else:
            messages.success(
                request,
                _("Your changes have been saved") if existing else _("The draft has been saved"),
            )
            return redirect("knowledge:article", slug=saved.slug)
    return render(request, "knowledge/article_form.html", {"form": form, "article": existing})


@require_POST
def article_move(request: HttpRequest, slug: str) -> HttpResponse:
    require_author(request.user)
    found = _article(request, slug)
    step = request.POST.get("step", "")
    try:
        services.move_article(request.actor, found, step=step)
    except DomainError as exc:  # another author moved it first, or the form was changed
        found.refresh_from_db()
        return _show(request, found, step_error=str(exc))
    messages.success(request, STEP_MESSAGES[step])
    return redirect("knowledge:article", slug=found.slug)


@require_GET
def manage(request: HttpRequest) -> HttpResponse:
    """Every article, with its status and when it was last reviewed, for authors."""
    require_author(request.user)
    articles = Article.objects.order_by("status", "title")
    status = request.GET.get("status", "")
    if status in ArticleStatus.values:
        articles = articles.filter(status=status)
    page, page_range = paginate(request, articles, 50)
    return render(
        request,
        "knowledge/manage.html",
        {
            "page": page,
            "page_range": page_range,
            "query_string": query_string(request),
            "status": status,
            "statuses": ArticleStatus.choices,
            "review_before": today() - REVIEW_EVERY,
        },
    )


@require_GET
def history(request: HttpRequest, slug: str) -> HttpResponse:
    require_author(request.user)
    found = _article(request, slug)
    versions = found.history.select_related("history_user").order_by("-history_date", "-history_id")
    page, page_range = paginate(request, versions)
    return render(
        request,
        "knowledge/history.html",
        {"article": found, "page": page, "page_range": page_range, "query_string": ""},
    )


@require_GET
def version(request: HttpRequest, slug: str, history_id: int) -> HttpResponse:
    require_author(request.user)
    found = _article(request, slug)
    old = found.history.filter(history_id=history_id).select_related("history_user").first()
    if old is None:
        raise Http404("No such version")
    return render(
        request,
        "knowledge/version.html",
        {"article": found, "version": old, "body": render_markdown(old.body)},
    )
