"""What the secure establishment's workspace shows, each list in a fixed number of queries.

The establishment is the person's organisation. Which children: those the person may see
(`Child.objects.visible_to`), split by the one fact of where a child is placed, their current legal
status (docs/domain.md, section 8): "placed here now" when it is custodial and names this
establishment, "shared for another reason" otherwise. Releases come from the release app's own
queries (`due_for_release`, `with_readiness`); touchpoints from the journey; actions from the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import F, OuterRef, QuerySet, Subquery

from resettle.access import policy
from resettle.access.models import Share
from resettle.access.parts import PartsFirst
from resettle.accounts.models import User
from resettle.children import current
from resettle.children.models import (
    IN_SECURE_ESTABLISHMENT,
    Child,
    LegalStatusEpisode,
    current_episodes,
)
from resettle.core.dates import today
from resettle.core.queries import among
from resettle.journey.models import Touchpoint
from resettle.plans import open_actions
from resettle.plans.models import OpenAction
from resettle.release.queries import (
    IdsFirst,
    due_for_release,
    with_readiness,
)

# Arrivals: custody here that started this many days ago, or starts this many days ahead.
ARRIVALS_BACK_DAYS = 28
ARRIVALS_AHEAD_DAYS = 28
SECTION_LIMIT = 50
STATUS_FILTERS = {
    "remand": ("remand_yda",),
    "sentenced": ("sentenced_custody",),
    "recall": ("recall",),
}


def _with_placement(children: QuerySet, on: date) -> QuerySet:
    """Each child with their current legal status's establishment, status, start and release."""
    latest = current_episodes(on)
    return children.annotate(
        current_place=Subquery(latest.values("establishment_id")[:1]),
        current_status_code=Subquery(latest.values("status")[:1]),
        placed_since=Subquery(latest.values("starts_on")[:1]),
        release_on=Subquery(latest.values("expected_release_on")[:1]),
    )


def _placements(user, on: date, status: str = "") -> QuerySet:
    """The current legal statuses that place a child the person may see in the person's
    establishment: read from the statuses kept for each child (children/current.py) by their
    index on the establishment, then narrowed to the children the person sees
    (docs/performance.md). Each has the child's `status`, `establishment_id`, `starts_on` and
    `expected_release_on`, as the episode itself has them."""
    statuses = STATUS_FILTERS.get(status, IN_SECURE_ESTABLISHMENT)
    # Across children: narrowed to the children the person sees, in the same query.
    return (
        current.kept_for(on)
        .filter(establishment_id=user.organisation_id, status__in=statuses)
        .filter(among("child_id", policy.visible_ids(Child.objects.all(), user)))
    )


def placed_ids(user, on: date | None = None) -> QuerySet:
    """The ids of the children placed in the person's establishment now (a subquery)."""
    return _placements(user, on or today()).values("child_id")


def placed_here(user, on: date | None = None, status: str = "") -> QuerySet:
    """The children placed in the person's establishment now, soonest release first: as their
    current legal statuses (kept: `_placements`), each with its child, so the list's order and
    columns come from the status itself, not worked out again for each child. `as_children`
    turns a page of them into the children, each with `current_status_code`, `placed_since`
    and `release_on`."""
    return (
        _placements(user, on or today(), status)
        .select_related("child__owning_service", "child__lead_practitioner")
        .order_by(
            F("expected_release_on").asc(nulls_last=True), "child__preferred_name", "child_id"
        )
    )


def as_children(placements) -> list[Child]:
    children = []
    for episode in placements:
        child = episode.child
        child.current_place = episode.establishment_id
        child.current_status_code = episode.status
        child.placed_since = episode.starts_on
        child.release_on = episode.expected_release_on
        children.append(child)
    return children


def shared_for_another_reason(user, on: date | None = None) -> QuerySet:
    """Children shared with the establishment who are not placed there now: why (the share's
    purpose), until when, and the day they left a placement here, if that is the reason."""
    on = on or today()
    share = (
        Share.objects.for_child(OuterRef("pk"))
        .active(on)
        .filter(organisation_id=user.organisation_id)
        .order_by("-starts_on", "-id")
    )
    # By id, not by negating the placement: a child with no legal status yet has none to compare.
    children = _with_placement(Child.objects.visible_to(user), on).exclude(
        id__in=placed_ids(user, on)
    )
    return (
        children.annotate(
            share_purpose=Subquery(share.values("purpose")[:1]),
            share_ends_on=Subquery(share.values("ends_on")[:1]),
            left_on=Subquery(share.values("placement_left_on")[:1]),
        )
        .select_related("owning_service", "lead_practitioner")
        .order_by("preferred_name", "id")
    )


@dataclass
class Arrival:
    child: Child
    starts_on: date
    status: str
    expected: bool  # not arrived yet


def arrivals(user, on: date | None = None) -> list[Arrival]:
    """Custody here that started in the last four weeks or starts in the next four, for children
    the person may see, leaving out a new status for a child already here (remand, then sentence).
    Two queries."""
    on = on or today()
    visible = Child.objects.visible_to(user).values("id")
    episodes = list(
        LegalStatusEpisode.objects.for_children(visible)
        .filter(
            establishment_id=user.organisation_id,
            status__in=IN_SECURE_ESTABLISHMENT,
            starts_on__gte=on - timedelta(days=ARRIVALS_BACK_DAYS),
            starts_on__lte=on + timedelta(days=ARRIVALS_AHEAD_DAYS),
        )
        .select_related("child__owning_service", "child__lead_practitioner")
        .order_by("starts_on", "id")[: SECTION_LIMIT * 2]
    )
    if not episodes:
        return []
    earlier = (
        LegalStatusEpisode.objects.for_children([e.child_id for e in episodes])
        .filter(starts_on__lte=on + timedelta(days=ARRIVALS_AHEAD_DAYS))
        .order_by("child_id", "starts_on", "id")
        .values_list("id", "child_id", "establishment_id", "status")
    )
    before: dict[int, tuple] = {}
    came_from: dict[int, tuple | None] = {}
    for episode_id, child_id, establishment_id, status in earlier:
        came_from[episode_id] = before.get(child_id)
        before[child_id] = (establishment_id, status)
    found = []
    for episode in episodes:
        previous = came_from.get(episode.id)
        already_here = (
            previous is not None
            and previous[0] == user.organisation_id
            and previous[1] in IN_SECURE_ESTABLISHMENT
        )
        if not already_here:
            found.append(
                Arrival(episode.child, episode.starts_on, episode.status, episode.starts_on > on)
            )
    return found[:SECTION_LIMIT]


def releases(user, on: date | None = None) -> list[Child]:
    """Children placed here with a release in the next 12 weeks, with their readiness."""
    on = on or today()
    here = placed_ids(user, on)
    return with_readiness(due_for_release(Child.objects.filter(id__in=here), on), on)


def actions_expected_of_us(user) -> PartsFirst:
    """Open actions in the plans of children the person sees, owned by the establishment or one
    of its people: what other agencies expect of it. Soonest due first, undated last. Read from
    the kept open actions (plans/open_actions.py): for each part of the children the person sees
    (`policy.kept_parts`), those the establishment owns and those its people own (a short list)."""
    org = user.organisation_id
    people = list(User.objects.filter(organisation_id=org).values_list("id", flat=True))
    parts = []
    for seen in policy.kept_parts(OpenAction.across_children.all(), user):
        parts += [
            seen.filter(owner_organisation_id=org),
            seen.filter(owner_person_id__in=people).exclude(owner_organisation_id=org),
        ]
    return open_actions.listed(
        parts,
        ("plan__child__owning_service", "status", "owner_person", "created_by__organisation"),
        (F("due_on").asc(nulls_last=True), "id"),
    )


@dataclass
class Section:
    rows: list
    more: bool = False

    @classmethod
    def of(cls, queryset) -> Section:
        return cls.first(list(queryset[: SECTION_LIMIT + 1]))

    @classmethod
    def first(cls, rows: list) -> Section:
        """The section of the first SECTION_LIMIT + 1 rows of a list."""
        return cls(rows[:SECTION_LIMIT], len(rows) > SECTION_LIMIT)


def our_week_touchpoints(user, on: date | None = None) -> QuerySet:
    """Open touchpoints of the children placed here, overdue or due by Sunday."""
    on = on or today()
    sunday = on - timedelta(days=on.weekday()) + timedelta(days=6)
    # Across children: narrowed to the children placed here, in the same query.
    return (
        Touchpoint.across_children.filter(among("child_id", placed_ids(user, on)))
        .filter(completed_on__isnull=True, superseded_on__isnull=True, due_on__lte=sunday)
        .select_related("child", "rule")
        .order_by("due_on", "id")
    )


@dataclass
class OurWeek:
    starts_on: date
    ends_on: date
    touchpoints: Section
    actions: Section
    expected: Section
    on: date = field(default_factory=today)


def our_week(user, on: date | None = None) -> OurWeek:
    """The establishment's week: touchpoints (meetings and other deadlines) of the children
    placed here, and the actions owned here, overdue or due by Sunday; and every open action
    other agencies expect of the establishment. The two lists of actions are read once, as one."""
    on = on or today()
    monday = on - timedelta(days=on.weekday())
    sunday = monday + timedelta(days=6)
    # Those due by Sunday come first in the list of all expected of us (soonest due first): so
    # its first rows hold the first rows of both lists.
    expected = actions_expected_of_us(user)[: SECTION_LIMIT + 1]
    return OurWeek(
        starts_on=monday,
        ends_on=sunday,
        touchpoints=Section.of(IdsFirst(our_week_touchpoints(user, on))),
        actions=Section.first([a for a in expected if a.due_on and a.due_on <= sunday]),
        expected=Section.first(expected),
        on=on,
    )
