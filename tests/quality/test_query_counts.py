"""Pinned query counts: the 5Cs check does not grow with the number of children, goals, actions
or conversations.

If a count changes because the check now needs more, look for a missing prefetch in
resettle.quality.queries first, and only then update the number here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resettle.children.models import Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.plans.models import ActionKind
from resettle.quality.models import PlanAudit
from resettle.quality.queries import five_cs_for

from ..factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

# Plans (with the latest agreement), active goals, actions (with status, pathway and plan B, and
# whether each serves a goal), conversations, legal statuses, and lead practitioners over time; and
# the journey's (resettle.quality.journey_indicators): meetings, touchpoints, and the network's
# agencies with whether they attended; and the facts of the record (resettle.journey.facts: the
# conversations' dates, meetings, case notes that record contact, the plan's first action, the
# release checklist).
CHECK_QUERIES = 14
# Session, user, the child with lead practitioner and service, the audit row (a savepoint, on
# PostgreSQL an advisory lock, the previous row's hash, the insert, the release), the current legal
# status, the check without its legal statuses (13), the managers' audits with who made them, and
# the user's organisation for the header.
CHILD_PAGE_QUERIES = {"sqlite": 23, "postgresql": 24}


def fill(child, amara, make_plan, make_entry, count):
    """A child with `count` goals, actions and conversations, and a legal status history."""
    goals = [f"Goal {n}" for n in range(count)]
    actions = [
        {
            "pathway": ["accommodation", "ete", "health"][n % 3],
            "kind": ActionKind.PERSONAL if n % 4 == 0 else ActionKind.STRUCTURAL,
            "status": ["not-started", "done", "dropped"][n % 3],
            "serves": [n] if n % 2 else [],
            "plan_b": "Plan B" if n % 2 else "",
            "told": 1 if n % 4 == 1 else None,
            "owner_person": amara if n % 3 else None,
            "due_on": today() + timedelta(days=n) if n % 5 else None,
        }
        for n in range(count)
    ]
    make_plan(child, goals=goals, actions=actions, agreed_days_ago=3, comment="OK")
    for n in range(count):
        make_entry(child, amara, days_ago=n * 10, strengths=["Funny"] if n % 2 else ())
        LegalStatusEpisode.objects.create(
            child=child,
            status="sentenced_custody",
            starts_on=today() - timedelta(days=400 - n),
            expected_release_on=today() + timedelta(days=30 + n),
        )
    child.lead_practitioner = UserFactory(organisation=child.owning_service)
    child.save()


def children_of(camden, amara, make_plan, make_entry, count, per_child=2):
    made = [ChildFactory(owning_service=camden, lead_practitioner=amara) for _ in range(count)]
    for child in made:
        fill(child, amara, make_plan, make_entry, per_child)
    return list(Child.objects.filter(owning_service=camden).for_caseload())


@pytest.mark.parametrize("count", [3, 30])
def test_the_check_for_one_child_does_not_grow_with_their_record(
    camden_child, amara, make_plan, make_entry, django_assert_num_queries, count
):
    fill(camden_child, amara, make_plan, make_entry, count)
    jay = Child.objects.for_caseload().get(pk=camden_child.pk)
    with django_assert_num_queries(CHECK_QUERIES):
        check = five_cs_for([jay], amara)[jay.id]
    assert len(check.cs) == 5


@pytest.mark.parametrize("count", [3, 30])
def test_the_check_for_a_page_of_children_does_not_grow_with_the_children(
    camden, amara, make_plan, make_entry, django_assert_num_queries, count
):
    children = children_of(camden, amara, make_plan, make_entry, count)
    with django_assert_num_queries(CHECK_QUERIES):
        results = five_cs_for(children, amara)
    assert len(results) == count


def test_the_check_for_no_children_makes_no_queries(amara, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert five_cs_for([], amara) == {}


def caseload_queries(client, scope="service"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("children:caseload"), {"scope": scope})
    assert response.status_code == 200
    return len(queries), response


def test_the_caseload_with_its_5cs_column_makes_as_many_queries_for_30_children_as_for_3(
    client_for, camden, priya, amara, make_plan, make_entry
):
    """Twice over: when the page rates its children (their records changed since the ratings were
    kept) and when it reuses the ratings it kept (quality/kept.py), which takes fewer queries."""
    client = client_for(priya)
    client.get(reverse("children:caseload"), {"scope": "mine"})  # the session is stamped first
    children_of(camden, amara, make_plan, make_entry, 3)
    rating_few, response = caseload_queries(client)
    assert len(response.context["page"].object_list) == 3
    kept_few, _response = caseload_queries(client)
    children_of(camden, amara, make_plan, make_entry, 27)
    rating_many, response = caseload_queries(client)
    assert len(response.context["page"].object_list) == 25  # one page
    kept_many, _response = caseload_queries(client)
    assert rating_few == rating_many
    assert kept_few == kept_many
    assert kept_few < rating_few


@pytest.mark.parametrize("count", [3, 30])
def test_the_childs_5cs_page_query_count_is_pinned(
    client_for, camden_child, priya, amara, make_plan, make_entry, django_assert_num_queries, count
):
    fill(camden_child, amara, make_plan, make_entry, count)
    for n in range(count):
        PlanAudit.objects.create(
            child=camden_child,
            audited_by=priya,
            audited_on=today() - timedelta(days=n),
            **{f"{c}_rating": "partly" for c in ("constructive", "co_created", "customised")},
            **{f"{c}_rating": "met" for c in ("consistent", "coordinated")},
        )
    url = reverse("quality:child", args=[camden_child.public_id])
    client = client_for(priya)
    assert client.get(url).status_code == 200
    with django_assert_num_queries(CHILD_PAGE_QUERIES[connection.vendor]):
        response = client.get(url)
    assert len(response.context["audits"]) == min(count, 20)


@pytest.mark.parametrize("count", [3, 30])
def test_the_5cs_panel_on_the_plan_page_adds_fixed_queries_however_big_the_plan(
    client_for, camden_child, amara, make_plan, make_entry, count
):
    fill(camden_child, amara, make_plan, make_entry, count)
    url = reverse("plans:plan", args=[camden_child.public_id])
    client = client_for(amara)
    with CaptureQueriesContext(connection) as first:  # the first view of the day works it out
        response = client.get(url)
    assert "The 5Cs check" in response.content.decode()
    with CaptureQueriesContext(connection) as kept:  # then it is kept (quality/kept.py)
        again = client.get(url)
    assert again.content.decode().count("five-cs-") == response.content.decode().count("five-cs-")

    def panel(queries):
        sql = [q["sql"] for q in queries.captured_queries]
        return [s for s in sql if "voice_voiceentry" in s or "historicalchild" in s]

    # The conversations (what they recorded; and their dates, as facts of the record), and the
    # lead practitioners over time; and, for a plan that does not say who the child wants to be
    # yet, the child's latest words for it.
    assert len(panel(first)) == 4
    # Kept: only the plan's own read of the child's latest words is left.
    assert len(panel(kept)) == 1
