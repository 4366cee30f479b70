"""The child's stage of constructive casework (docs/domain.md), worked out from legal status.

`derive_stage` is a pure function of the child's legal status episodes and a date. The current
episode is the latest to have started by that date (latest start date; on the same day, the one
recorded last). An episode dated in the future does not count yet, except that a future "order
ended" tells us when the order ends, which starts the sustaining stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Protocol

from django.db import models
from django.utils.translation import gettext_lazy as _

from resettle.core.dates import today
from resettle.core.working_days import add_working_days

from .models import LegalStatus, LegalStatusEpisode

# The initial planning meeting is due within 10 working days of entering custody: that window is
# the "entry to custody" stage; after it the child is "in custody".
ENTRY_WORKING_DAYS = 10
# Preparing for release begins about 3 months before the expected release date.
PREPARING_FOR_RELEASE = timedelta(weeks=13)
# Release and early community: the first 6 weeks after release.
EARLY_COMMUNITY = timedelta(weeks=6)
# Sustaining: the last 8 weeks before a known order end date.
SUSTAINING = timedelta(weeks=8)


class Stage(models.TextChoices):
    CUSTODY_LIKELY = "custody_likely", _("Custody likely")
    REMAND = "remand", _("Remand")
    ENTRY_TO_CUSTODY = "entry_to_custody", _("Entry to custody")
    IN_CUSTODY = "in_custody", _("In custody")
    PREPARING_FOR_RELEASE = "preparing_for_release", _("Preparing for release")
    RELEASE_AND_EARLY_COMMUNITY = "release_early_community", _("Release and early community")
    COMMUNITY = "community", _("Community")
    SUSTAINING = "sustaining", _("Sustaining")
    ORDER_ENDED = "order_ended", _("Order ended")


class EpisodeLike(Protocol):
    status: str
    starts_on: date
    expected_release_on: date | None


REMAND = frozenset({LegalStatus.REMAND_YDA, LegalStatus.REMAND_LA})
RELEASED = frozenset({LegalStatus.RELEASED_LICENCE, LegalStatus.RELEASED_NOTICE})
# Statuses under which the order runs in the community: a known order end makes them sustaining.
IN_COMMUNITY = RELEASED | {LegalStatus.COMMUNITY_ORDER}


def _order(indexed: tuple[int, EpisodeLike]) -> tuple[date, int, int]:
    index, episode = indexed
    return (episode.starts_on, getattr(episode, "id", None) or 0, index)


def current_episode(episodes: Iterable[EpisodeLike], on: date) -> EpisodeLike | None:
    """The latest episode to have started on or before `on`: `models.CURRENT_ORDER`'s rule (the
    latest start date; on the same day, the one recorded last), for episodes already loaded."""
    started = [(i, e) for i, e in enumerate(episodes) if e.starts_on <= on]
    return max(started, key=_order)[1] if started else None


def order_ends_on(episodes: Iterable[EpisodeLike], on: date) -> date | None:
    """A known end of the order still to come: the first "order ended" episode after `on`."""
    ends = [
        e.starts_on for e in episodes if e.status == LegalStatus.ORDER_ENDED and e.starts_on > on
    ]
    return min(ends) if ends else None


def _custody_stage(episode: EpisodeLike, on: date, *, entering: bool) -> Stage:
    if entering and on <= add_working_days(episode.starts_on, ENTRY_WORKING_DAYS):
        return Stage.ENTRY_TO_CUSTODY
    release = episode.expected_release_on
    if release is not None and on >= release - PREPARING_FOR_RELEASE:
        return Stage.PREPARING_FOR_RELEASE
    return Stage.IN_CUSTODY


def derive_stage(episodes: Iterable[EpisodeLike], on: date) -> Stage | None:
    """The child's stage on `on`, or None when no legal status has started yet."""
    episodes = list(episodes)
    episode = current_episode(episodes, on)
    if episode is None:
        return None
    status = episode.status
    if status == LegalStatus.CUSTODY_LIKELY:
        return Stage.CUSTODY_LIKELY
    if status in REMAND:
        return Stage.REMAND
    if status == LegalStatus.SENTENCED_CUSTODY:
        return _custody_stage(episode, on, entering=True)
    if status == LegalStatus.RECALL:  # back in custody: the planning starts again from there
        return _custody_stage(episode, on, entering=False)
    if status == LegalStatus.ORDER_ENDED:
        return Stage.ORDER_ENDED
    # Released or on a community order.
    ends = order_ends_on(episodes, on)
    if ends is not None and ends - on <= SUSTAINING:
        return Stage.SUSTAINING
    if status in RELEASED and on < episode.starts_on + EARLY_COMMUNITY:
        return Stage.RELEASE_AND_EARLY_COMMUNITY
    return Stage.COMMUNITY


def stages_for(children: list, on: date | None = None) -> dict[int, Stage | None]:
    """Each child's stage, in one query for the whole list."""
    on = on or today()
    by_child: dict[int, list] = {c.id: [] for c in children}
    episodes = LegalStatusEpisode.objects.for_children(list(by_child)).only(
        "id", "child_id", "status", "starts_on", "expected_release_on"
    )
    for episode in episodes:
        by_child[episode.child_id].append(episode)
    return {child_id: derive_stage(found, on) for child_id, found in by_child.items()}


def attach_stages(children, on: date | None = None) -> list:
    """For a list page: give each child a `stage` attribute, in one query."""
    children = list(children)
    stages = stages_for(children, on)
    for child in children:
        child.stage = stages[child.id]
    return children
