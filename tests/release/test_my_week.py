"""My week: touchpoints and actions due, releases coming up, and children not seen lately."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from resettle.core.dates import today
from resettle.journey.facts import keep_last_contact
from resettle.journey.models import Meeting, MeetingKind, Touchpoint
from resettle.web.week import SECTION_LIMIT, week_of

from ..factories import ChildFactory
from ..plans.factories import PlanActionFactory, PlanFactory, status
from .conftest import in_custody

pytestmark = pytest.mark.django_db

URL = reverse("release:my-week")


def touchpoint(child, name, due_in, **kwargs):
    return Touchpoint.objects.create(
        child=child, name=name, due_on=today() + timedelta(days=due_in), **kwargs
    )


def meeting(child, days_ago, attended=True):
    made = Meeting.objects.create(
        child=child,
        kind=MeetingKind.SUPERVISION,
        held_on=today() - timedelta(days=days_ago),
        child_attended=attended,
    )
    keep_last_contact([child.pk])  # as journey.receivers does when a service records one
    return made


def action(child, description, due_in, **kwargs):
    return PlanActionFactory(
        plan=PlanFactory(child=child),
        description=description,
        due_on=today() + timedelta(days=due_in),
        **kwargs,
    )


def test_my_week_shows_what_is_due_this_week_and_overdue(client_for, amara, camden_child):
    _, sunday = week_of(today())
    touchpoint(camden_child, "Overdue review", -3)
    touchpoint(camden_child, "Due this week", (sunday - today()).days)
    touchpoint(camden_child, "Next week", (sunday - today()).days + 1)
    touchpoint(camden_child, "Done already", -2, completed_on=today())
    touchpoint(camden_child, "Replaced", -2, superseded_on=today())
    action(camden_child, "Late action", -1)
    action(camden_child, "Closed action", -1, status=status("done"))
    action(camden_child, "Far away action", 30)
    in_custody(camden_child, 20)

    week = client_for(amara).get(URL).context["week"]
    assert [t.name for t in week.touchpoints.rows] == ["Overdue review", "Due this week"]
    assert [a.description for a in week.actions.rows] == ["Late action"]
    assert [c.preferred_name for c in week.releases.rows] == ["Jay"]


def test_children_not_seen_for_four_weeks_are_listed(client_for, amara, camden):
    seen = ChildFactory(preferred_name="Seen", owning_service=camden, lead_practitioner=amara)
    meeting(seen, 27)
    not_seen = ChildFactory(
        preferred_name="Gone quiet", owning_service=camden, lead_practitioner=amara
    )
    meeting(not_seen, 29)
    meeting(not_seen, 2, attended=False)  # a meeting about the child, without them
    never = ChildFactory(preferred_name="Never met", owning_service=camden, lead_practitioner=amara)
    ended = ChildFactory(owning_service=camden, lead_practitioner=amara, order_ended_on=today())

    rows = client_for(amara).get(URL).context["week"].not_seen.rows
    assert [c.preferred_name for c in rows] == ["Never met", "Gone quiet"]
    assert never in rows and ended not in rows


def test_a_case_worker_sees_their_caseload_and_actions_given_to_them(
    client_for, amara, priya, camden
):
    colleague_child = ChildFactory(preferred_name="Colleague's", owning_service=camden)
    action(colleague_child, "Given to Amara", -1, owner_person=amara)
    action(colleague_child, "Someone else's", -1)
    touchpoint(colleague_child, "Their touchpoint", -1)

    amara_week = client_for(amara).get(URL).context["week"]
    assert [a.description for a in amara_week.actions.rows] == ["Given to Amara"]
    assert amara_week.touchpoints.rows == []

    service_week = client_for(priya).get(URL).context["week"]  # managers default to the service
    assert service_week.scope == "service"
    assert sorted(a.description for a in service_week.actions.rows) == [
        "Given to Amara",
        "Someone else's",
    ]
    assert [t.name for t in service_week.touchpoints.rows] == ["Their touchpoint"]


def test_another_services_children_never_appear(client_for, priya, hackney_child):
    touchpoint(hackney_child, "Hackney touchpoint", -1)
    action(hackney_child, "Hackney action", -1)
    in_custody(hackney_child, 10)
    week = client_for(priya).get(URL, {"scope": "service"}).context["week"]
    assert week.touchpoints.rows == week.actions.rows == week.releases.rows == []
    assert hackney_child not in week.not_seen.rows


def test_an_empty_week_says_so(client_for, amara):
    html = client_for(amara).get(URL).content.decode()
    for empty in ("no-touchpoints", "no-actions", "no-releases", "no-not-seen"):
        assert f'id="{empty}"' in html


def test_my_week_is_for_youth_justice_staff_and_linked_in_their_navigation(
    client_for, amara, chloe, dev
):
    assert 'href="/my-week/"' in client_for(amara).get(URL).content.decode()
    assert client_for(chloe).get(URL).status_code == 403
    assert client_for(dev).get(URL).status_code == 403
    assert 'href="/my-week/"' not in client_for(chloe).get(reverse("core:home")).content.decode()


# Session, user, touchpoints (their ids in order from the kept open touchpoints, then those with
# their children: journey/open_touchpoints.py), actions (their ids in order from the kept open
# actions, then those actions with child, pathway, status, owners: plans/open_actions.py),
# releases (with lead, service, checklist), their accommodation and ETE actions with plans B (for
# "plans B told"), children not seen (their ids in order, then those children with their lead),
# and the user's organisation for the header.
# Visibility is a subquery in each. Before the releases, the kept current statuses due to be worked
# out again (none: children/current.py).
WEEK_QUERIES = {"sqlite": 12, "postgresql": 12}


@pytest.mark.parametrize("count", [1, SECTION_LIMIT + 2])
def test_my_week_query_count_does_not_grow_with_rows(
    client_for, priya, amara, camden, django_assert_num_queries, count
):
    for n in range(count):
        child = ChildFactory(owning_service=camden, lead_practitioner=amara if n % 2 else None)
        touchpoint(child, f"Touchpoint {n}", -n)
        action(child, f"Action {n}", -n, owner_person=amara)
        in_custody(child, 5 + n)
        if n % 3:
            meeting(child, 40)
    client = client_for(priya)
    assert client.get(URL).status_code == 200
    with django_assert_num_queries(WEEK_QUERIES[connection.vendor]):
        response = client.get(URL)
    week = response.context["week"]
    shown = min(count, SECTION_LIMIT)
    sections = (week.touchpoints, week.actions, week.releases, week.not_seen)
    assert [len(section.rows) for section in sections] == [shown] * 4
    assert [section.more for section in sections] == [count > SECTION_LIMIT] * 4


# A caseload's My week: session, user, the caseload's ids (read once: web.week.caseload_ids),
# touchpoints with their children (one query: release.queries.IdsFirst), actions (their ids in
# order from the kept open actions, then those actions), the kept current statuses due to be
# worked out again, releases and their key actions, children not seen (ids, then the children),
# and the user's organisation for the header. No section asks again who the person may see.
MINE_QUERIES = {"sqlite": 12, "postgresql": 12}


@pytest.mark.parametrize("count", [1, SECTION_LIMIT + 2])
def test_a_caseloads_week_reads_the_caseload_once_and_does_not_grow_with_rows(
    client_for, amara, camden, django_assert_num_queries, count
):
    for n in range(count):
        child = ChildFactory(owning_service=camden, lead_practitioner=amara)
        touchpoint(child, f"Touchpoint {n}", -n)
        action(child, f"Action {n}", -n, owner_person=amara)
        in_custody(child, 5 + n)
    other = ChildFactory(owning_service=camden)  # not amara's: not on her week
    touchpoint(other, "Someone else's", -1)
    client = client_for(amara)
    assert client.get(URL, {"scope": "mine"}).status_code == 200
    with django_assert_num_queries(MINE_QUERIES[connection.vendor]):
        response = client.get(URL, {"scope": "mine"})
    week = response.context["week"]
    shown = min(count, SECTION_LIMIT)
    assert [len(s.rows) for s in (week.touchpoints, week.actions, week.releases)] == [shown] * 3
    assert "Someone else's" not in [t.name for t in week.touchpoints.rows]
    assert week.touchpoints.more == (count > SECTION_LIMIT)
