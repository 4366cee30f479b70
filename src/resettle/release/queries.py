"""Children due for release, with what each list row shows, in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, F, OuterRef, Q

from resettle.access import policy
from resettle.children import current
from resettle.children.models import Child, ChildQuerySet, LegalStatusEpisode
from resettle.core.dates import today
from resettle.core.queries import among
from resettle.plans.facts import key_plans_b, load_key_actions

from .readiness import CUSTODIAL, HORIZON_DAYS, readiness


class IdsFirst:
    """A list's rows, sliced as a queryset is (`[a:b]`, `count()`, for Django's paginator), read
    in one query that first finds the slice's ids in order (the list's filters and order, without
    the tables `select_related` joins), then joins those tables to those rows only. Written as
    one query, PostgreSQL may join the tables to every candidate row before keeping the first few
    (thousands of touchpoints of a whole service to show ten: docs/performance.md)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def rows(self, bounds: slice):
        """The query for the rows `bounds` (tests/benchmarks/explain.py shows its plan)."""
        ids = self.queryset.values("pk")[bounds]
        # The ids are already those of the list (and of children the person sees).
        rows = self.queryset.model._base_manager.filter(pk__in=ids)
        rows.query.select_related = self.queryset.query.select_related
        return rows.order_by(*self.queryset.query.order_by)

    def __getitem__(self, bounds: slice) -> list:
        return list(self.rows(bounds))


def due_for_release(children: ChildQuerySet, on: date | None = None, found=None) -> ChildQuerySet:
    """Children whose current status is custodial with an expected release in the next 12 weeks.

    Each child carries `release_on` and `current_status`; sorted by release date. One query.
    `found`: the ids of `releasing(on)`, already narrowed (a whole service: `releases_in_scope`).
    """
    on = on or today()
    found = releasing(on) if found is None else found  # kept statuses that hold on `on`
    return (
        children.filter(id__in=found)
        .annotate(
            current_status_code=F("kept_status__status"),
            release_on=F("kept_status__expected_release_on"),
        )
        .select_related("lead_practitioner", "owning_service", "release_plan")
        .order_by("release_on", "preferred_name", "id")
    )


def current_only(episodes, on: date):
    """The episodes of `episodes` that are their child's current legal status on `on`: no other
    episode of the child's that has started comes after it in `children.models.CURRENT_ORDER`
    (a later start, or the same start and a later id). For lists found from the episodes (an
    index on the episode), rather than by working out every child's current status first."""
    later = LegalStatusEpisode.objects.filter(
        child_id=OuterRef("child_id"), starts_on__lte=on
    ).filter(
        Q(starts_on__gt=OuterRef("starts_on"))
        | Q(starts_on=OuterRef("starts_on"), id__gt=OuterRef("id"))
    )
    return episodes.filter(starts_on__lte=on).exclude(Exists(later))


def releasing(on: date):
    """The ids of children whose current legal status is custodial with an expected release in
    the next 12 weeks: read from the statuses kept for each child (children/current.py), by their
    index on the expected release date, not by working out every child's current status first
    (docs/performance.md)."""
    # Across children: the caller's scope narrows them in the same query.
    return (
        current.kept_for(on)
        .filter(
            status__in=CUSTODIAL,
            expected_release_on__gte=on,
            expected_release_on__lte=on + timedelta(days=HORIZON_DAYS),
        )
        .values("child_id")
    )


def with_readiness(children, on: date | None = None) -> list[Child]:
    """Attach `readiness` to each child of `due_for_release` (one more query, for the plans B).
    Lists ask it of the rows they show (a page), not of every release."""
    on = on or today()
    rows = list(children)
    actions = load_key_actions(rows)
    for child in rows:
        # Loaded by select_related; a missing plan raises an AttributeError, so no query.
        plan = getattr(child, "release_plan", None)
        child.readiness = readiness(plan, child.release_on, on, key_plans_b(actions[child.pk]))
    return rows


def children_in_scope(user, scope: str) -> ChildQuerySet:
    """The children in the person's scope (access.policy.in_scope). A whole service is narrowed
    to the ids the policy gives (`policy.visible_ids`, the same rule), read once as a list
    (`among`), so lists of its records are found by each child's index."""
    if scope == policy.MINE:
        return policy.in_scope(Child.objects.all(), user, scope)
    return Child.objects.filter(among("id", policy.visible_ids(Child.objects.all(), user)))


def releases_in_scope(
    user, scope: str, on: date | None = None, led: list[int] | None = None
) -> ChildQuerySet:
    """Releases coming up among the children in the person's scope, soonest first, without their
    readiness (`with_readiness`, for the rows shown). `led`: for "mine", the ids of the person's
    caseload when the caller has read them already (My week)."""
    if scope == policy.MINE:
        if led is not None:
            return due_for_release(Child.objects.filter(id__in=led), on)
        return due_for_release(policy.in_scope(Child.objects.all(), user, scope), on)
    # A whole service: the releases in the next 12 weeks (the release-date index) of the
    # children the person sees (their ids hashed once), and only then is each checked to be the
    # child's current status; not every child of the service's status first (docs/performance.md).
    on = on or today()
    visible = policy.visible_ids(Child.objects.all(), user)
    return due_for_release(
        Child.objects.all(), on, found=releasing(on).filter(child_id__in=visible)
    )
