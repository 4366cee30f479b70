"""Synthetic demo journeys: children at every stage, with legal statuses (remand and recall
included), touchpoints (some overdue, some done), meetings, and snakes and ladders (some setbacks
with a response, some without). Some releases fall in the next 12 weeks. Built in bulk.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.accounts.models import Organisation
from resettle.children import current
from resettle.children.models import Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey import open_touchpoints
from resettle.journey.defaults import ensure_defaults
from resettle.journey.models import (
    JourneyEvent,
    Meeting,
    SetbackResponse,
    Touchpoint,
    TouchpointRule,
)
from resettle.journey.services import touchpoints_for

# Releases in the next 12 weeks: days from today, taken in turn.
RELEASES_SOON = [4, 9, 13, 20, 28, 35, 47, 56, 70, 81]
SOON = -1  # in a pattern: the next of RELEASES_SOON

# Each pattern: (status, days before today it started, days until expected release or None).
PATTERNS: list[list[tuple[str, int, int | None]]] = [
    [("custody_likely", 10, None)],
    [("custody_likely", 30, None), ("remand_yda", 5, None)],
    [("remand_la", 40, None)],
    [("remand_yda", 60, None), ("sentenced_custody", 7, 250)],  # entry to custody
    [("sentenced_custody", 120, 150)],  # in custody
    [("sentenced_custody", 200, SOON)],  # preparing for release, out within 12 weeks
    [("remand_yda", 300, None), ("sentenced_custody", 250, -20), ("released_licence", 20, None)],
    [("sentenced_custody", 400, -150), ("released_notice", 150, None)],  # community
    [("sentenced_custody", 500, -300), ("released_licence", 300, None), ("recall", 30, 120)],
    [("community_order", 300, None), ("order_ended", -30, None)],  # sustaining
    [("sentenced_custody", 160, SOON)],  # preparing for release, out within 12 weeks
    [("community_order", 500, None), ("order_ended", 40, None)],  # order ended
]

WHAT_HAPPENED = {
    "ladder": [
        "Finished the first block of the motor vehicle course.",
        "Went to every session with the mentor this month.",
        "Got a place on the football coaching badge.",
        "Moved back in with his nan; says it feels calmer.",
    ],
    "snake": [
        "Missed three days of college after old friends came round.",
        "Arrested for a fight outside the chicken shop; released with no further action.",
        "Stopped going to the boxing club after the coach left.",
        "Lost the work placement for being late twice.",
    ],
}
CHILDS_VIEW = [
    "I know I messed up. I still want to do it.",
    "It felt good. My mum was proud.",
    "",
    "I didn't want to let people down.",
]


def _meeting_for(touchpoint: Touchpoint, kind: str, rng: random.Random, now: date) -> Meeting:
    held_on = min(touchpoint.due_on - timedelta(days=rng.randint(0, 4)), now)
    held_on = max(held_on, touchpoint.episode.starts_on)
    return Meeting(
        child_id=touchpoint.child_id,
        kind=kind,
        held_on=held_on,
        child_attended=rng.random() < 0.85,
        family_attended=rng.random() < 0.5,
        four_questions_revisited=rng.random() < 0.7,
        decisions="Plan reviewed with the child; actions agreed and sent round.",
    )


def load_journeys(fake: Faker, rng: random.Random) -> None:
    ensure_defaults()
    now = today()
    rules = list(TouchpointRule.objects.filter(is_active=True))
    secure = list(Organisation.objects.filter(kind=Organisation.Kind.SECURE_ESTABLISHMENT))
    children = list(Child.objects.order_by("id").values_list("id", "lead_practitioner_id"))
    if not children:
        return
    episodes: list[LegalStatusEpisode] = []
    soon = 0
    for index, (child_id, _lead) in enumerate(children):
        establishment = rng.choice(secure) if secure else None
        for status, ago, release_in in PATTERNS[index % len(PATTERNS)]:
            if release_in == SOON:
                release_in = RELEASES_SOON[soon % len(RELEASES_SOON)]
                soon += 1
            in_custody = status in {"remand_yda", "sentenced_custody", "recall"}
            episodes.append(
                LegalStatusEpisode(
                    child_id=child_id,
                    status=status,
                    sentence_type="dto" if status == "sentenced_custody" else "",
                    establishment=establishment if in_custody else None,
                    starts_on=now - timedelta(days=ago),
                    expected_release_on=now + timedelta(days=release_in)
                    if release_in is not None
                    else None,
                )
            )
    bulk_create_with_history(episodes, LegalStatusEpisode, batch_size=500)
    current.refresh(e.child_id for e in episodes)  # inserted in bulk: no signals
    saved = list(
        LegalStatusEpisode.across_children.filter(child_id__in=[c for c, _ in children]).order_by(
            "child_id", "starts_on", "id"
        )
    )
    ended = {e.child_id: e.starts_on for e in saved if e.status == "order_ended"}
    for child_id, ends_on in ended.items():  # retention counts from an order that has ended
        if ends_on <= now:
            Child.objects.filter(id=child_id).update(order_ended_on=ends_on)

    # Touchpoints, with the meetings that met most of those already due.
    touchpoints: list[Touchpoint] = []
    by_child: dict[int, list[LegalStatusEpisode]] = {}
    for episode in saved:
        by_child.setdefault(episode.child_id, []).append(episode)
    for child_episodes in by_child.values():
        made: list[Touchpoint] = []
        for episode in child_episodes:
            if episode.starts_on > now:
                continue
            for earlier in made:
                if earlier.superseded_on is None:
                    earlier.superseded_on = episode.starts_on
            made += touchpoints_for(episode, rules)
        touchpoints += made
    meetings: list[tuple[Meeting, Touchpoint]] = []
    for touchpoint in touchpoints:
        rule = touchpoint.rule
        closed_by = touchpoint.superseded_on or now
        if touchpoint.due_on > closed_by or rng.random() < 0.25:
            continue  # still to come, or missed (overdue while open)
        if rule.completed_by:
            meetings.append((_meeting_for(touchpoint, rule.completed_by, rng, now), touchpoint))
        else:
            touchpoint.completed_on = min(touchpoint.due_on, now)
    Meeting.objects.bulk_create([m for m, _t in meetings], batch_size=500)
    for meeting, touchpoint in meetings:
        touchpoint.completed_on = meeting.held_on
        touchpoint.completed_by_meeting = meeting
    Touchpoint.objects.bulk_create(touchpoints, batch_size=500)
    open_touchpoints.refresh_children({t.child_id for t in touchpoints})  # no signals in bulk
    leads = dict(children)
    people = Meeting.people.through
    people.objects.bulk_create(
        [
            people(meeting_id=m.id, user_id=leads[m.child_id])
            for m, _t in meetings
            if leads.get(m.child_id)
        ],
        batch_size=500,
    )

    # Snakes and ladders: about two children in three have some.
    events: list[JourneyEvent] = []
    for child_id, _lead in children:
        if rng.random() < 0.33:
            continue
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(["ladder", "ladder", "snake"])
            events.append(
                JourneyEvent(
                    child_id=child_id,
                    kind=kind,
                    happened_on=now - timedelta(days=rng.randint(1, 150)),
                    what_happened=rng.choice(WHAT_HAPPENED[kind]),
                    childs_view=rng.choice(CHILDS_VIEW),
                )
            )
    JourneyEvent.objects.bulk_create(events, batch_size=500)
    responses = [
        SetbackResponse(
            event=event,
            what_led_to_it="Old friendships pulling him back when college finished early.",
            plan_changes="Mentor meets him after college on Tuesdays and Thursdays.",
            talked_through_as_temporary=(
                "Talked about how far he has come since the summer; one bad week is not the end."
            ),
            talked_on=event.happened_on + timedelta(days=1),
        )
        for event in events
        if event.kind == "snake" and rng.random() < 0.6
    ]
    SetbackResponse.objects.bulk_create(responses, batch_size=500)
