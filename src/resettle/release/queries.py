"""Children due for release, with what each list row shows, in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, Subquery

from resettle.access import policy
from resettle.children.models import Child, ChildQuerySet, LegalStatusEpisode, current_episodes
from resettle.core.dates import today
from resettle.plans.facts import key_plans_b, load_key_actions

from .readiness import CUSTODIAL, HORIZON_DAYS, readiness


def due_for_release(children: ChildQuerySet, on: date | None = None) -> ChildQuerySet:
    """Children whose current status is custodial with an expected release in the next 12 weeks.

    Each child carries `release_on` and `current_status`; sorted by release date. One query.
    """
    on = on or today()
    latest = current_episodes(on)
    return (
        children.filter(id__in=releasing(on))
        .annotate(
            current_status_code=Subquery(latest.values("status")[:1]),
            release_on=Subquery(latest.values("expected_release_on")[:1]),
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
    the next 12 weeks: found from the episodes (an index on the expected release date), not by
    working out every child's current status first (docs/performance.md)."""
    # Across children: the caller's scope narrows them in the same query.
    return current_only(
        LegalStatusEpisode.across_children.filter(
            status__in=CUSTODIAL,
            expected_release_on__gte=on,
            expected_release_on__lte=on + timedelta(days=HORIZON_DAYS),
        ),
        on,
    ).values("child_id")


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


def releases_in_scope(user, scope: str, on: date | None = None) -> ChildQuerySet:
    """Releases coming up among the children in the person's scope (access.policy.in_scope),
    soonest first, without their readiness (`with_readiness`, for the rows shown)."""
    return due_for_release(policy.in_scope(Child.objects.all(), user, scope), on)
