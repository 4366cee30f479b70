"""Pinned query counts: the plan page does not grow with the number of actions.

If the count changes because the page now needs more, look for a missing select_related or
prefetch_related in resettle.plans.queries first, and only then update the number here.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resettle.accounts.models import Organisation
from resettle.core.dates import today
from resettle.plans import undermining
from resettle.plans.models import Agreement, Need

from .factories import ContingencyFactory, GoalFactory, PlanActionFactory, pathway, status
from .test_undermining import flags_organisations_named_unsafe

pytestmark = pytest.mark.django_db

PATHWAYS = ["accommodation", "ete", "health", "families", "case-management"]

# Session, user, the child with lead practitioner and service, the audit row (a savepoint, on
# PostgreSQL an advisory lock, the previous row's hash, the insert, the release), the current
# legal status, the plan, all pathways, the goals, the actions (with owners and plan B), the
# action statuses (the actions' pathways and statuses are matched in Python: plans.queries), the
# actions' goals, the needs, the agreements with who recorded them, and the user's
# organisation for the header (with no undermining checks registered: each check adds its own
# fixed number); the progress in custody (issue 15); each action's latest referral
# (resettle.referrals, through plans.extras: issue 12); and the 5Cs summary, kept for the day by
# the first view (quality/kept.py, `summary_check`): one query.
PLAN_QUERIES = {"sqlite": 20, "postgresql": 21}
# The first view of the day, or the first after a change to the child's record: the 5Cs check in
# full (reusing the page's plan and legal status: the child's conversations, how many lead
# practitioners they have had, the journey's three and the record's five facts), then keeping it
# (its kept row read first; a savepoint, the update, the release).
PLAN_FIRST_VIEW_QUERIES = {"sqlite": 33, "postgresql": 34}
# With nothing started: no goals, actions, needs or agreements to fetch; the child's latest words
# for who they want to be instead.
NO_PLAN_QUERIES = {"sqlite": 14, "postgresql": 15}


def build_plan(plan, amara, camden, count):
    goals = [GoalFactory(plan=plan) for _ in range(3)]
    unsafe = Organisation.objects.get_or_create(
        slug="unsafe", defaults={"name": "Unsafe Youth Club", "kind": "partner"}
    )[0]
    for n in range(count):
        action = PlanActionFactory(
            plan=plan,
            pathway=pathway(PATHWAYS[n % len(PATHWAYS)]),
            kind="personal" if n % 3 == 0 else "structural",
            owner_person=amara if n % 2 else None,
            owner_organisation=(camden, unsafe, None)[n % 3],
            due_on=today() + timedelta(days=n),
            status=status(["not-started", "in-progress", "done"][n % 3]),
            goals=goals[: n % 4],
        )
        if n % 2:
            ContingencyFactory(action=action, child_told_on=today() if n % 4 == 1 else None)
    for slug in PATHWAYS:
        Need.objects.create(plan=plan, pathway=pathway(slug), description=f"Need in {slug}")
    for days in (5, 100):
        Agreement.objects.create(
            plan=plan, agreed_on=today() - timedelta(days=days), how="meeting", recorded_by=amara
        )


@pytest.fixture
def flagging_check(no_undermining_checks):
    undermining.register(flags_organisations_named_unsafe)


def warmed_up(client_for, user, url):
    client = client_for(user)
    assert client.get(url).status_code == 200
    return client


@pytest.mark.parametrize("count", [3, 30])
def test_plan_page_query_count_does_not_grow_with_actions(
    client_for,
    amara,
    camden,
    camden_child,
    jays_plan,
    django_assert_num_queries,
    count,
    no_undermining_checks,
):
    build_plan(jays_plan, amara, camden, count)
    url = reverse("plans:plan", args=[camden_child.public_id])
    client = warmed_up(client_for, amara, url)
    with django_assert_num_queries(PLAN_QUERIES[connection.vendor]):
        response = client.get(url)
    assert len(response.context["page"].actions) == count


@pytest.mark.parametrize("count", [3, 30])
def test_an_undermining_check_adds_one_query_however_many_actions(
    client_for,
    amara,
    camden,
    camden_child,
    jays_plan,
    django_assert_num_queries,
    count,
    flagging_check,
):
    build_plan(jays_plan, amara, camden, count)
    url = reverse("plans:plan", args=[camden_child.public_id])
    client = warmed_up(client_for, amara, url)
    with django_assert_num_queries(PLAN_QUERIES[connection.vendor] + 1):
        response = client.get(url)
    flagged = [a for a in response.context["page"].actions if a.warnings]
    assert flagged
    assert all(a.owner_organisation.slug == "unsafe" for a in flagged)


def test_with_every_registered_check_the_count_is_the_same_for_3_and_30_actions(
    client_for, amara, camden, camden_child
):
    """The checks other domains register (the network's) keep the page's count fixed too."""
    from tests.factories import ChildFactory

    from .factories import PlanFactory

    few, many = camden_child, ChildFactory(owning_service=camden, lead_practitioner=amara)
    build_plan(PlanFactory(child=few), amara, camden, 3)
    build_plan(PlanFactory(child=many), amara, camden, 30)
    counts = []
    for child in (few, many):
        url = reverse("plans:plan", args=[child.public_id])
        client = warmed_up(client_for, amara, url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("count", [3, 30])
def test_the_first_view_after_a_change_works_the_5cs_out_in_a_fixed_number_of_queries(
    client_for,
    amara,
    camden,
    camden_child,
    jays_plan,
    django_assert_num_queries,
    count,
    no_undermining_checks,
):
    from resettle.quality.kept import forget

    build_plan(jays_plan, amara, camden, count)
    url = reverse("plans:plan", args=[camden_child.public_id])
    client = warmed_up(client_for, amara, url)
    forget([camden_child.id])
    with django_assert_num_queries(PLAN_FIRST_VIEW_QUERIES[connection.vendor]):
        client.get(url)
    with django_assert_num_queries(PLAN_QUERIES[connection.vendor]):  # kept again
        client.get(url)


def test_plan_page_without_a_plan_query_count(
    client_for, amara, camden_child, django_assert_num_queries, no_undermining_checks
):
    url = reverse("plans:plan", args=[camden_child.public_id])
    client = warmed_up(client_for, amara, url)
    with django_assert_num_queries(NO_PLAN_QUERIES[connection.vendor]):
        client.get(url)
