"""Pinned query count: the journey page does not grow with meetings, events or touchpoints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from resettle.children.models import LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey.models import JourneyEvent, Meeting, SetbackResponse
from resettle.journey.services import complete_for_meeting, legal_status_recorded
from resettle.plans.models import Pathway

pytestmark = pytest.mark.django_db

# Session, user, the child with lead practitioner and service, the audit row (a savepoint, on
# PostgreSQL an advisory lock, the previous row's hash, the insert, the release), legal statuses,
# touchpoints, meetings with their people, organisations, actions and touchpoints met, events with
# pathway and response, and the user's organisation for the header.
# ... and the progress in custody, shown as ladders (issue 15).
JOURNEY_QUERIES = {"sqlite": 17, "postgresql": 18}


def build(child, user, org, count):
    pathway = Pathway.objects.first()
    for n in range(count):
        start = today() - timedelta(days=400 - n * 10)
        episode = LegalStatusEpisode.objects.create(
            child=child,
            status="remand_yda" if n % 2 else "sentenced_custody",
            starts_on=start,
            expected_release_on=start + timedelta(days=300),
        )
        legal_status_recorded(episode)
        meeting = Meeting.objects.create(
            child=child, kind="initial_planning", held_on=start + timedelta(days=3), created_by=user
        )
        meeting.people.set([user])
        meeting.organisations.set([org])
        complete_for_meeting(meeting, user)
        event = JourneyEvent.objects.create(
            child=child,
            kind="snake" if n % 2 else "ladder",
            happened_on=start + timedelta(days=5),
            pathway=pathway,
            what_happened="x",
            created_by=user,
        )
        if n % 4 == 1:
            SetbackResponse.objects.create(
                event=event, what_led_to_it="a", plan_changes="b", talked_through_as_temporary="c"
            )


@pytest.mark.parametrize("count", [1, 12])
def test_journey_page_query_count_is_pinned(
    client_for, amara, camden, camden_child, django_assert_num_queries, count
):
    build(camden_child, amara, camden, count)
    url = reverse("journey:journey", args=[camden_child.public_id])
    client = client_for(amara)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(JOURNEY_QUERIES[connection.vendor]):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("moj-timeline__item") == count * 3
