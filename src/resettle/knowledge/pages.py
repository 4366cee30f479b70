"""Small helpers the knowledge hub's views share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import F, Q
from django.utils.translation import gettext as _

from resettle.access import policy

from .models import Question

PAGE_SIZE = 20


def paginate(request, items, size: int = PAGE_SIZE) -> tuple[Page, list]:
    page = Paginator(items, size).get_page(request.GET.get("page"))
    return page, page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)


def query_string(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def require_author(user) -> None:
    if not policy.can_author_guidance(user):
        raise PermissionDenied(_("Only partnership leads and administrators write guidance."))


def new_answers(user) -> int:
    """How many of the person's questions have an answer they have not read."""
    return (
        Question.objects.filter(asked_by=user, answered_at__isnull=False)
        .filter(Q(answer_seen_at__isnull=True) | Q(answer_seen_at__lt=F("answered_at")))
        .count()
    )
