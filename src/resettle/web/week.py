"""My week, and releases coming up: what needs doing now, for a case worker (their caseload) or a
whole service (access.policy.in_scope).

Touchpoints and meetings come from `resettle.journey` and plan actions from `resettle.plans`. Each
section is one query however many rows it has. With every kind shown, each section shows its first
SECTION_LIMIT rows and, when there are more, links to the whole list: My week with that one kind
chosen, shown in pages of PAGE_SIZE with how many in all (counting a long list means reading all of
it, so only the paged list does). Releases coming up are shown in pages of PAGE_SIZE too. Every
order ends with the id, so paging is stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Q, QuerySet, Window
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.access.parts import PartsFirst
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.journey.models import OpenTouchpoint, Touchpoint
from resettle.plans import open_actions
from resettle.plans.models import OpenAction
from resettle.release.queries import (
    IdsFirst,
    children_in_scope,
    releases_in_scope,
    with_readiness,
)
from resettle.release.readiness import HORIZON_DAYS, RAG_RULE

# Not seen: no contact with the child (Child.last_contact_on) for this many days.
NOT_SEEN_DAYS = 28
SECTION_LIMIT = 10
PAGE_SIZE = 25
LAST_PAGE = 1_000_000  # a page number asked for beyond this is read as this (the last page)

# What My week can show (filter "kind"), and how far ahead (filter "when").
KINDS = {
    "touchpoints": gettext_lazy("Touchpoints"),
    "actions": gettext_lazy("Plan actions"),
    "releases": gettext_lazy("Releases"),
    "not-seen": gettext_lazy("Not seen"),
}
WHEN = {
    "this-week": gettext_lazy("Overdue or due this week"),
    "next-week": gettext_lazy("Overdue or due by the end of next week"),
    "overdue": gettext_lazy("Overdue only"),
}


def page_of(rows, number, size: int, prepare=None) -> Page:
    """The page `number` of `rows`, as Django's paginator gives it (a page that is not a number is
    the first, a page past the end the last), with `prepare` applied to the page's rows.

    A queryset is read in one query: each row carries how many there are in all (a window
    count), which costs nothing more when the order already needs every row (a page past the end
    costs a count and the last page). Other lists (`IdsFirst`) read the first page first, so a
    list that fits on one page is one query, and count only when there is more."""
    paginator = Paginator(rows, size)
    if hasattr(rows, "annotate"):
        try:
            # Past the end of any list (so the last page), with an offset any database can hold.
            wanted = min(max(1, int(number or 1)), LAST_PAGE)
        except (TypeError, ValueError):
            wanted = 1
        found = list(rows.annotate(in_all=Window(Count("id")))[(wanted - 1) * size : wanted * size])
        paginator.count = found[0].in_all if found else rows.count()  # a cached property
        page = paginator.get_page(wanted)
        if found or not paginator.count:
            page.object_list = found
        else:  # past the end: the last page
            page.object_list = list(page.object_list)
    elif str(number or "1").strip() == "1":
        found = list(rows[: size + 1])
        paginator.count = len(found) if len(found) <= size else rows.count()
        page = Page(found[:size], 1, paginator)
    else:
        page = paginator.get_page(number)
        page.object_list = list(page.object_list)
    if prepare is not None:
        page.object_list = prepare(page.object_list)
    return page


@dataclass
class Section:
    """The rows of one kind shown: the first SECTION_LIMIT, or one page of PAGE_SIZE."""

    rows: list
    more: bool = False  # there are more than the rows shown
    page: Page | None = None  # when the section is shown in pages

    @classmethod
    def first(cls, queryset, prepare=None) -> Section:
        """The first SECTION_LIMIT rows, in one query (one more row says whether there are more)."""
        rows = list(queryset[: SECTION_LIMIT + 1])
        shown = rows[:SECTION_LIMIT]
        return cls(prepare(shown) if prepare else shown, len(rows) > SECTION_LIMIT)

    @classmethod
    def paged(cls, queryset, number, prepare=None) -> Section:
        page = page_of(queryset, number, PAGE_SIZE, prepare)
        return cls(page.object_list, page.has_next(), page)

    @classmethod
    def empty(cls) -> Section:
        return cls([])


@dataclass
class ChildWeek:
    """Everything on My week about one child, for the list grouped by child."""

    child: Child
    touchpoints: list = field(default_factory=list)
    actions: list = field(default_factory=list)
    release: Child | None = None  # the child as the releases list has them, with readiness
    last_seen_on: date | None = None
    not_seen: bool = False

    @property
    def first_due(self) -> date:
        days = [t.due_on for t in self.touchpoints] + [a.due_on for a in self.actions]
        if self.release is not None:
            days.append(self.release.release_on)
        return min(days) if days else date.max


@dataclass
class Week:
    scope: str
    starts_on: date
    ends_on: date
    touchpoints: Section
    actions: Section
    releases: Section
    not_seen: Section
    kinds: tuple[str, ...] = tuple(KINDS)
    when: str = "this-week"

    @property
    def paged(self) -> Section | None:
        """The section shown in pages: the one kind chosen, if only one was."""
        if len(self.kinds) != 1:
            return None
        return getattr(self, self.kinds[0].replace("-", "_"))

    @property
    def by_child(self) -> list[ChildWeek]:
        """The same items, grouped by child: the children with the earliest due first."""
        found: dict[int, ChildWeek] = {}

        def entry(child) -> ChildWeek:
            return found.setdefault(child.pk, ChildWeek(child))

        if "touchpoints" in self.kinds:
            for touchpoint in self.touchpoints.rows:
                entry(touchpoint.child).touchpoints.append(touchpoint)
        if "actions" in self.kinds:
            for action in self.actions.rows:
                entry(action.plan.child).actions.append(action)
        if "releases" in self.kinds:
            for child in self.releases.rows:
                entry(child).release = child
        if "not-seen" in self.kinds:
            for child in self.not_seen.rows:
                mine = entry(child)
                mine.not_seen, mine.last_seen_on = True, child.last_seen_on
        return sorted(found.values(), key=lambda w: (w.first_due, w.child.preferred_name))


def week_of(on: date) -> tuple[date, date]:
    monday = on - timedelta(days=on.weekday())
    return monday, monday + timedelta(days=6)


def touchpoints_due(child_ids: list[int], ends_on: date):
    """Open touchpoints due by `ends_on` of the children `child_ids` (a caseload, read once)."""
    # Across children: narrowed to the children `child_ids` names.
    return (
        Touchpoint.across_children.filter(child_id__in=child_ids)
        .filter(
            completed_on__isnull=True,
            superseded_on__isnull=True,
            due_on__lte=ends_on,
        )
        .select_related("child__lead_practitioner")
        .order_by("due_on", "id")
    )


def service_touchpoints_due(user, ends_on: date) -> PartsFirst:
    """Open touchpoints due by `ends_on` of a whole service's children, soonest first, read from
    the kept open touchpoints (journey/open_touchpoints.py): the service's own children's by the
    service's index, and those of the children shared with it (`policy.kept_parts`)."""
    kept = OpenTouchpoint.across_children.filter(due_on__lte=ends_on)
    return PartsFirst(
        [part.annotate(id=F("touchpoint_id")) for part in policy.kept_parts(kept, user)],
        ("due_on", "id"),
        ("due_on",),
        lambda ids: Touchpoint.across_children.select_related("child__lead_practitioner").in_bulk(
            ids
        ),
    )


def actions_due(user, scope: str, ends_on: date, led: list[int] | None = None) -> PartsFirst:
    """Open actions due by `ends_on`, soonest first, read from the kept open actions
    (plans/open_actions.py). "mine": those of the children the person leads (`led`: their ids,
    the caseload read once), and those they own for other children they see; a whole service:
    its own children's, by the service's index, and those of the children shared with it."""
    kept = OpenAction.across_children.filter(due_on__lte=ends_on)
    if scope == "mine":
        if led is None:
            led = caseload_ids(user)
        seen = Child.objects.visible_to(user, few=True)
        parts = [
            kept.filter(child_id__in=led),
            kept.filter(owner_person=user, child_id__in=seen.values("id")).exclude(
                child_id__in=led
            ),
        ]
    else:
        parts = policy.kept_parts(kept, user)
    return open_actions.listed(
        parts, ("plan__child__lead_practitioner", "owner_person", "owner_organisation")
    )


NOT_SEEN_ORDER = (F("last_contact_on").asc(nulls_first=True), "preferred_name", "id")


def not_seen(parts: list, on: date) -> PartsFirst:
    """Children with an open order and no contact for NOT_SEEN_DAYS: no conversation, meeting they
    took part in, or case note that says they were seen (journey.facts.last_contact).

    `parts`: the children in scope, as parts that never share a child (`policy.in_scope_parts`).
    The date is stored on the child and kept current (journey.facts.keep_last_contact), and each
    part is read in the list's order from its index (`child_service_not_seen_idx`), so a whole
    service is a few index reads, not three subqueries for every child."""
    since = on - timedelta(days=NOT_SEEN_DAYS)
    unseen = Q(last_contact_on__isnull=True) | Q(last_contact_on__lt=since)
    return PartsFirst(
        [part.filter(unseen, order_ended_on__isnull=True) for part in parts],
        NOT_SEEN_ORDER,
        ("last_contact_on", "preferred_name"),
        lambda ids: Child.objects.select_related("lead_practitioner").in_bulk(ids),
    )


def caseload_ids(user) -> list[int]:
    """The ids of the children the person leads and sees: a caseload (5 to 50), read once so
    each of My week's sections finds its rows by the child's index without asking again who the
    person may see."""
    return list(children_in_scope(user, policy.MINE).values_list("id", flat=True))


def _with_last_seen(rows: list) -> list:
    for child in rows:
        child.last_seen_on = child.last_contact_on
    return rows


def my_week(
    user,
    scope: str,
    on: date | None = None,
    *,
    kinds=tuple(KINDS),
    when: str = "this-week",
    page: str | int | None = None,
) -> Week:
    """What is due. Only the kinds asked for are read: each its first SECTION_LIMIT rows, or, when
    only one kind is asked for, the page `page` of it."""
    on = on or today()
    starts_on, ends_on = week_of(on)
    due_by = {
        "this-week": ends_on,
        "next-week": ends_on + timedelta(days=7),
        "overdue": on - timedelta(days=1),
    }[when]
    # A caseload: its children's ids read once, and each section's rows found by the child's
    # index. A whole service: each section reads the kept rows by the service's index (and the
    # children shared with it: policy.kept_parts; docs/performance.md).
    led = caseload_ids(user) if scope == policy.MINE else None

    def touchpoints() -> Section:
        if led is not None:
            return read(IdsFirst(touchpoints_due(led, due_by)))
        return read(service_touchpoints_due(user, due_by))

    def children() -> list[QuerySet]:
        if led is not None:
            return [Child.objects.filter(id__in=led)]
        return policy.in_scope_parts(Child.objects.all(), user, scope)

    def read(queryset, prepare=None) -> Section:
        if len(kinds) == 1:
            return Section.paged(queryset, page, prepare)
        return Section.first(queryset, prepare)

    sections = {
        "touchpoints": touchpoints,
        "actions": lambda: read(actions_due(user, scope, due_by, led)),
        "releases": lambda: read(
            releases_in_scope(user, scope, on, led), lambda rows: with_readiness(rows, on)
        ),
        "not-seen": lambda: read(not_seen(children(), on), _with_last_seen),
    }
    found = {kind: sections[kind]() if kind in kinds else Section.empty() for kind in sections}
    return Week(
        scope=scope,
        starts_on=starts_on,
        ends_on=due_by,
        touchpoints=found["touchpoints"],
        actions=found["actions"],
        releases=found["releases"],
        not_seen=found["not-seen"],
        kinds=tuple(kinds),
        when=when,
    )


class WeekFilterForm(forms.Form):
    """What to show on My week. A bad value is ignored: the rest still applies."""

    kind = forms.MultipleChoiceField(
        label=gettext_lazy("Show"),
        choices=list(KINDS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    when = forms.ChoiceField(
        label=gettext_lazy("Due"),
        choices=list(WHEN.items()),
        required=False,
        widget=forms.RadioSelect,
    )

    def choices(self) -> tuple[tuple[str, ...], str]:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        kinds = tuple(data.get("kind") or ()) or tuple(KINDS)
        return kinds, data.get("when") or "this-week"


def _scope(request: HttpRequest) -> str:
    if not policy.can_see_service_lists(request.user):
        raise PermissionDenied(_("Only youth justice service staff have these lists."))
    return policy.scope_from(request.user, request.GET.get("scope"))


def _page_range(page: Page | None):
    if page is None:
        return []
    return page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)


@require_GET
def upcoming(request: HttpRequest) -> HttpResponse:
    """Releases coming up, PAGE_SIZE to a page; readiness is worked out for the page's
    rows only."""
    scope = _scope(request)
    on = today()
    page = page_of(
        releases_in_scope(request.user, scope, on),
        request.GET.get("page"),
        PAGE_SIZE,
        lambda rows: with_readiness(rows, on),
    )
    return render(
        request,
        "release/upcoming.html",
        {
            "scope": scope,
            "children": page.object_list,
            "page": page,
            "page_range": _page_range(page),
            "query_string": urlencode({"scope": scope}),
            "rag_rule": RAG_RULE,
            "weeks": HORIZON_DAYS // 7,
        },
    )


@require_GET
def my_week_page(request: HttpRequest) -> HttpResponse:
    scope = _scope(request)
    form = WeekFilterForm(request.GET)
    kinds, when = form.choices()
    week = my_week(request.user, scope, kinds=kinds, when=when, page=request.GET.get("page"))
    paged_section = week.paged
    filters = {"scope": scope, "when": when}
    return render(
        request,
        "release/my_week.html",
        {
            "scope": scope,
            "form": form,
            "week": week,
            "today": today(),
            "rag_rule": RAG_RULE,
            "not_seen_days": NOT_SEEN_DAYS,
            "limit": SECTION_LIMIT,
            # The links to each long section in pages, and the paged section's own links: the
            # filters stay in the address.
            "see_all": {
                kind.replace("-", "_"): urlencode({**filters, "kind": kind}) for kind in KINDS
            },
            "everything": urlencode(filters),
            "paged_label": KINDS[kinds[0]] if paged_section else "",
            "page": paged_section.page if paged_section else None,
            "page_range": _page_range(paged_section.page if paged_section else None),
            "query_string": urlencode({**filters, "kind": kinds[0]}) if paged_section else "",
        },
    )
