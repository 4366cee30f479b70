"""'Who has accessed this record': for managers of the child's own service, and audited itself."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse

from resettle.accounts.models import Role
from resettle.audit.models import AuditEvent

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def access_log(child) -> str:
    return reverse("children:access-log", args=[child.public_id])


def entry(user, action, child, at=None, **detail):
    return AuditEvent.objects.create(
        actor=user,
        actor_email=user.email,
        organisation_id=user.organisation_id,
        role=user.role,
        action=action,
        child=child,
        detail=detail,
        **({"at": at} if at else {}),
    )


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("priya", 200),  # Camden YJS manager
        ("amara", 403),  # Camden case worker: sees Jay, but not who else has
        ("ben", 404),  # Hackney case worker: may not know Jay exists
        ("chloe", 404),
        ("sam", 404),
        ("dev", 404),
        ("alex", 404),  # administrators search the trail instead
    ],
)
def test_who_may_see_who_has_accessed_a_record(request, client_for, camden_child, person, status):
    user = request.getfixturevalue(person)
    assert client_for(user).get(access_log(camden_child)).status_code == status


def test_a_manager_of_another_service_cannot_see_that_the_child_exists(
    client_for, hackney, camden_child
):
    hackney_manager = UserFactory(organisation=hackney, role=Role.YJS_MANAGER)
    assert client_for(hackney_manager).get(access_log(camden_child)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client, camden_child):
    response = client.get(access_log(camden_child))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_the_log_says_when_who_from_where_in_what_role_and_what_in_words(
    client_for, priya, amara, camden_child
):
    entry(amara, "child.viewed", camden_child, at=datetime(2026, 3, 4, 14, 15, tzinfo=LONDON))
    entry(amara, "child.changed", camden_child, at=datetime(2026, 7, 4, 9, 5, tzinfo=LONDON))
    response = client_for(priya).get(access_log(camden_child))
    content = response.content.decode()
    assert response.status_code == 200
    assert "4 March 2026, 2:15pm" in content
    assert "4 July 2026, 9:05am" in content  # British Summer Time, shown as the clock said
    assert "Amara Okafor" in content
    assert "Camden Youth Justice Service" in content
    assert "Case worker" in content
    assert "Viewed the child&#x27;s record" in content
    assert "Changed the child&#x27;s details" in content
    assert "child.viewed" not in content.split("<table", 1)[1]


def test_only_this_childs_entries_are_listed(client_for, priya, amara, camden_child):
    other = type(camden_child).objects.create(
        preferred_name="Other",
        legal_name="Other Testperson",
        date_of_birth=camden_child.date_of_birth,
        owning_service=camden_child.owning_service,
    )
    entry(amara, "child.viewed", camden_child)
    entry(amara, "child.changed", other)
    entry(amara, "user.signed_in", None)
    content = client_for(priya).get(access_log(camden_child)).content.decode()
    assert "Changed the child&#x27;s details" not in content
    assert "Signed in" not in content.split("<table", 1)[1]


def test_viewing_the_log_is_itself_recorded(client_for, priya, camden_child):
    response = client_for(priya).get(access_log(camden_child))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="audit.access_log_viewed")
    assert (event.actor, event.child_id) == (priya, camden_child.pk)
    # ...and shows up in the log, in words
    assert "Viewed who has accessed the record" in response.content.decode()


def test_refused_visitors_are_not_recorded_as_having_viewed_the_log(
    client_for, amara, ben, camden_child
):
    client_for(amara).get(access_log(camden_child))
    client_for(ben).get(access_log(camden_child))
    assert not AuditEvent.objects.filter(action="audit.access_log_viewed").exists()


def test_the_log_filters_by_action(client_for, priya, amara, camden_child):
    entry(amara, "child.viewed", camden_child)
    entry(amara, "child.changed", camden_child)
    response = client_for(priya).get(access_log(camden_child), {"action": "child.changed"})
    table = response.content.decode().split("<table", 1)[1]
    assert "Changed the child&#x27;s details" in table
    assert "Viewed the child&#x27;s record" not in table
    recorded = AuditEvent.objects.get(action="audit.access_log_viewed")
    assert recorded.detail == {"filters": {"action": "child.changed"}}


def test_the_log_filters_by_person(client_for, priya, amara, ben, camden_child):
    entry(amara, "child.viewed", camden_child)
    entry(ben, "child.viewed", camden_child)  # e.g. while the child was shared with Hackney
    response = client_for(priya).get(access_log(camden_child), {"person": str(ben.public_id)})
    table = response.content.decode().split("<table", 1)[1]
    assert "Ben Carter" in table
    assert "Amara Okafor" not in table


def test_the_filters_offer_only_what_is_in_this_log(client_for, priya, amara, camden_child):
    entry(amara, "child.changed", camden_child)
    form = client_for(priya).get(access_log(camden_child)).context["form"]
    assert [code for code, _ in form.fields["action"].choices] == [
        "",
        "child.changed",
        "audit.access_log_viewed",
    ]
    people = [label for _, label in form.fields["person"].choices]
    assert people == ["Everyone", "Amara Okafor", "Priya Shah"]


def test_an_unknown_filter_value_is_an_error_not_a_crash(client_for, priya, camden_child):
    response = client_for(priya).get(access_log(camden_child), {"action": "nonsense"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content
    assert 'href="#id_action"' in content
    assert "Select a valid choice" in content
    # The visit is still recorded, without the filter it could not use.
    assert AuditEvent.objects.get(action="audit.access_log_viewed").detail == {}


def test_an_empty_filter_result_says_so(client_for, priya, amara, camden_child):
    entry(amara, "child.viewed", camden_child)
    response = client_for(priya).get(
        access_log(camden_child), {"action": "child.viewed", "person": str(priya.public_id)}
    )
    assert "No entries match these filters" in response.content.decode()


def test_the_log_is_paginated(client_for, priya, amara, camden_child):
    for _ in range(60):
        entry(amara, "child.viewed", camden_child)
    client = client_for(priya)
    first = client.get(access_log(camden_child))
    assert len(first.context["page"].object_list) == 50
    assert "govuk-pagination" in first.content.decode()
    second = client.get(access_log(camden_child), {"page": 2})
    # 60 entries plus the two visits to the log itself
    assert len(second.context["page"].object_list) == 12
    assert 'rel="prev"' in second.content.decode()


def test_the_filters_survive_pagination(client_for, priya, amara, camden_child):
    for _ in range(55):
        entry(amara, "child.viewed", camden_child)
    response = client_for(priya).get(access_log(camden_child), {"action": "child.viewed"})
    assert "action=child.viewed&amp;page=2" in response.content.decode()


# Session, user, the child (with the shares and restrictions subqueries), the action and person
# choices, the audit entry for this visit (a savepoint, on PostgreSQL the advisory lock, the
# previous hash, the insert, the release), the count, the user's organisation for the header and
# the page of entries (names by LEFT JOIN).
ACCESS_LOG_QUERIES = 12 + (1 if connection.vendor == "postgresql" else 0)


@pytest.mark.parametrize("count", [3, 60])
def test_access_log_query_count_is_pinned(
    client_for, priya, camden, camden_child, django_assert_num_queries, count
):
    people = [UserFactory(organisation=camden) for _ in range(3)]
    for n in range(count):
        entry(people[n % 3], "child.viewed", camden_child)
    client = client_for(priya)
    client.get(access_log(camden_child))  # warm up the session
    with django_assert_num_queries(ACCESS_LOG_QUERIES):
        assert client.get(access_log(camden_child)).status_code == 200


def test_managers_see_the_access_log_in_the_childs_navigation(client_for, priya, camden_child):
    response = client_for(priya).get(reverse("children:detail", args=[camden_child.public_id]))
    assert f'href="{access_log(camden_child)}"' in response.content.decode()
    log = client_for(priya).get(access_log(camden_child)).content.decode()
    assert f'href="{access_log(camden_child)}" aria-current="page"' in log


def test_case_workers_do_not_see_the_access_log_in_the_navigation(client_for, amara, camden_child):
    for name in ["children:detail", "children:history"]:
        response = client_for(amara).get(reverse(name, args=[camden_child.public_id]))
        assert response.status_code == 200
        assert access_log(camden_child) not in response.content.decode()
