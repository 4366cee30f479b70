"""Touchpoints: made when a legal status is recorded, due by configurable rules, met by meetings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from resettle.children.models import LegalStatusEpisode
from resettle.core.dates import today
from resettle.core.working_days import add_working_days
from resettle.journey.models import Meeting, Touchpoint, TouchpointRule, TouchpointStatus
from resettle.journey.services import complete_for_meeting, legal_status_recorded

from .conftest import date_fields, record_status

pytestmark = pytest.mark.django_db


def touchpoints(child) -> dict[str, date]:
    return {
        t.name: t.due_on for t in Touchpoint.across_children.filter(child=child, superseded_on=None)
    }


def test_a_remand_makes_the_initial_planning_meeting_due_in_ten_working_days(
    client_for, amara, camden_child, feltham
):
    start = today() - timedelta(days=2)
    record_status(client_for(amara), camden_child, "remand_yda", start, establishment=feltham)
    due = touchpoints(camden_child)
    assert due["Initial planning meeting"] == add_working_days(start, 10)
    assert due["Review meeting"] == add_working_days(start, 65)
    assert "Release preparation meeting" not in due  # no release date on a remand


def test_a_sentence_counts_back_from_the_expected_release_date(
    client_for, amara, camden_child, feltham
):
    start, release = date(2026, 11, 2), date(2027, 1, 11)
    record_status(
        client_for(amara),
        camden_child,
        "sentenced_custody",
        min(start, today()),
        establishment=feltham,
        release=release,
        sentence_type="dto",
    )
    due = touchpoints(camden_child)
    # 20 working days before 11 January 2027 skips Christmas, Boxing Day and New Year's Day.
    assert due["Release preparation meeting"] == date(2026, 12, 9)
    assert due["Accommodation confirmed"] == add_working_days(release, -10)


def test_remand_gets_the_same_touchpoints_as_a_sentence(camden_child, feltham):
    start, release = today(), today() + timedelta(days=200)
    made = {}
    for status in ("remand_yda", "remand_la", "sentenced_custody"):
        episode = LegalStatusEpisode(
            child=camden_child, status=status, starts_on=start, expected_release_on=release
        )
        episode.save()
        made[status] = {(t.name, t.due_on) for t in legal_status_recorded(episode)}
    assert made["remand_yda"] == made["remand_la"] == made["sentenced_custody"]
    assert {name for name, _ in made["remand_yda"]} == {
        "Initial planning meeting",
        "Review meeting",
        "Release preparation meeting",
        "Accommodation confirmed",
    }


def test_a_release_makes_contact_on_the_day_and_a_review_in_ten_working_days(
    client_for, amara, camden_child
):
    released = today() - timedelta(days=1)
    record_status(client_for(amara), camden_child, "released_licence", released)
    due = touchpoints(camden_child)
    assert due == {
        "Contact on release day": released,
        "Post-release review": add_working_days(released, 10),
    }


def test_a_new_legal_status_replaces_the_open_touchpoints_of_the_last(
    client_for, amara, camden_child, feltham
):
    client = client_for(amara)
    sentenced = today() - timedelta(days=120)
    record_status(
        client,
        camden_child,
        "sentenced_custody",
        sentenced,
        establishment=feltham,
        release=today(),
        sentence_type="dto",
    )
    record_status(client, camden_child, "released_licence", today())
    old = {
        t.name: t
        for t in Touchpoint.across_children.filter(child=camden_child).exclude(superseded_on=None)
    }
    # Each was due before the release and never met: missed.
    assert old["Release preparation meeting"].status == TouchpointStatus.MISSED
    assert old["Initial planning meeting"].status == TouchpointStatus.MISSED
    assert set(touchpoints(camden_child)) == {"Contact on release day", "Post-release review"}


def test_a_touchpoint_due_after_the_change_is_no_longer_needed(camden_child):
    remand = LegalStatusEpisode.objects.create(
        child=camden_child, status="remand_la", starts_on=today() - timedelta(days=3)
    )
    legal_status_recorded(remand)
    order = LegalStatusEpisode.objects.create(
        child=camden_child, status="community_order", starts_on=today()
    )
    legal_status_recorded(order)
    review = Touchpoint.across_children.get(child=camden_child, name="Review meeting")
    assert review.status == TouchpointStatus.NOT_NEEDED
    assert not touchpoints(camden_child)


def test_a_meeting_of_the_matching_kind_completes_the_touchpoint(amara, camden_child):
    remand = LegalStatusEpisode.objects.create(
        child=camden_child, status="remand_la", starts_on=today() - timedelta(days=20)
    )
    legal_status_recorded(remand)
    call = Meeting.objects.create(child=camden_child, kind="call", held_on=today())
    assert complete_for_meeting(call, amara) is None
    meeting = Meeting.objects.create(child=camden_child, kind="initial_planning", held_on=today())
    done = complete_for_meeting(meeting, amara)
    assert done.name == "Initial planning meeting"
    done.refresh_from_db()
    assert done.completed_on == today()
    assert done.completed_by_meeting == meeting
    assert done.status == TouchpointStatus.DONE
    # Overdue before it was met: due ten working days after a start twenty days ago.
    assert done.due_on < today()


def test_a_review_completed_makes_the_next_review_due(amara, camden_child):
    remand = LegalStatusEpisode.objects.create(
        child=camden_child, status="remand_yda", starts_on=today() - timedelta(days=100)
    )
    legal_status_recorded(remand)
    review = Meeting.objects.create(child=camden_child, kind="review", held_on=today())
    complete_for_meeting(review, amara)
    reviews = list(Touchpoint.across_children.filter(child=camden_child, name="Review meeting"))
    assert [r.completed_on for r in reviews] == [today(), None]
    assert reviews[1].due_on == add_working_days(today(), 65)


def test_a_meeting_before_the_legal_status_started_does_not_meet_its_touchpoint(
    amara, camden_child
):
    remand = LegalStatusEpisode.objects.create(
        child=camden_child, status="remand_la", starts_on=today()
    )
    legal_status_recorded(remand)
    earlier = Meeting.objects.create(
        child=camden_child, kind="initial_planning", held_on=today() - timedelta(days=5)
    )
    assert complete_for_meeting(earlier, amara) is None


def test_rules_are_configuration(camden_child):
    rule = TouchpointRule.objects.get(name="Initial planning meeting")
    rule.working_days = 5
    rule.save()
    TouchpointRule.objects.filter(name="Review meeting").update(is_active=False)
    episode = LegalStatusEpisode.objects.create(
        child=camden_child, status="remand_la", starts_on=date(2026, 3, 2)
    )
    legal_status_recorded(episode)
    assert touchpoints(camden_child) == {"Initial planning meeting": date(2026, 3, 9)}


def test_accommodation_confirmed_is_met_by_the_release_checklist_not_by_hand(
    client_for, amara, camden_child
):
    """One fact, one home: the address confirmed on the release checklist meets the touchpoint;
    it cannot be marked done by hand, so the two can never disagree."""
    episode = LegalStatusEpisode.objects.create(
        child=camden_child,
        status="sentenced_custody",
        starts_on=today() - timedelta(days=60),
        expected_release_on=today() + timedelta(days=20),
    )
    legal_status_recorded(episode)
    touchpoint = Touchpoint.across_children.get(child=camden_child, name="Accommodation confirmed")
    client = client_for(amara)
    journey = client.get(reverse("journey:journey", args=[camden_child.public_id]))
    done_url = reverse(
        "journey:touchpoint-done", args=[camden_child.public_id, touchpoint.public_id]
    )
    assert done_url not in journey.content.decode()
    assert reverse("release:checklist-edit", args=[camden_child.public_id]) in (
        journey.content.decode()
    )
    assert (
        "Only touchpoints met by hand"
        in client.post(done_url, date_fields("done_on", today())).content.decode()
    )
    response = client.post(
        reverse("release:checklist-edit", args=[camden_child.public_id]),
        date_fields("accommodation_confirmed_on", today() - timedelta(days=1)),
    )
    assert response.status_code == 302
    touchpoint.refresh_from_db()
    assert touchpoint.completed_on == today() - timedelta(days=1)
    assert touchpoint.status == TouchpointStatus.DONE
