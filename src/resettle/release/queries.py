"""Children due for release, with what each list row shows, in a fixed number of queries."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import OuterRef, Subquery

from resettle.children.models import Child, ChildQuerySet, LegalStatusEpisode
from resettle.core.dates import today

from .readiness import CUSTODIAL, HORIZON_DAYS, readiness


def current_episodes(on: date, child=None):
    """The child's current legal status first: the latest to have started by `on`, as in
    journey.stages. Without `child`, for a subquery on children."""
    child = child if child is not None else OuterRef("pk")
    return LegalStatusEpisode.objects.filter(child=child, starts_on__lte=on).order_by(
        "-starts_on", "-id"
    )


def due_for_release(children: ChildQuerySet, on: date | None = None) -> ChildQuerySet:
    """Children whose current status is custodial with an expected release in the next 12 weeks.

    Each child carries `release_on` and `current_status`; sorted by release date. One query.
    """
    on = on or today()
    latest = current_episodes(on)
    return (
        children.annotate(
            current_status_code=Subquery(latest.values("status")[:1]),
            release_on=Subquery(latest.values("expected_release_on")[:1]),
        )
        .filter(
            current_status_code__in=CUSTODIAL,
            release_on__gte=on,
            release_on__lte=on + timedelta(days=HORIZON_DAYS),
        )
        .select_related("lead_practitioner", "owning_service", "release_plan")
        .order_by("release_on", "preferred_name", "id")
    )


def with_readiness(children, on: date | None = None) -> list[Child]:
    """Attach `readiness` to each child of `due_for_release` (no more queries)."""
    on = on or today()
    rows = list(children)
    for child in rows:
        # Loaded by select_related; a missing plan raises an AttributeError, so no query.
        plan = getattr(child, "release_plan", None)
        child.readiness = readiness(plan, child.release_on, on)
    return rows


def upcoming_for(user, scope: str, on: date | None = None) -> list[Child]:
    children = Child.objects.visible_to(user)
    if scope == "mine":
        children = children.filter(lead_practitioner=user)
    return with_readiness(due_for_release(children, on), on)
