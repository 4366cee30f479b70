"""Administrators search the whole audit trail and download what they find; both are recorded."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.urls import reverse

from resettle.accounts.models import Role
from resettle.audit.models import AuditEvent

from ..factories import UserFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("audit:search")
EXPORT = reverse("audit:export")
LONDON = ZoneInfo("Europe/London")


def entry(user, action, child=None, at=None, **detail):
    return AuditEvent.objects.create(
        actor=user,
        actor_email=user.email,
        organisation_id=user.organisation_id,
        role=user.role,
        action=action,
        child=child,
        detail=detail,
        ip_address="192.0.2.10",
        **({"at": at} if at else {}),
    )


@pytest.fixture
def trail(amara, ben, priya, camden_child, hackney_child):
    """A small trail across two services and three months."""
    return {
        "jan": entry(
            amara, "child.viewed", camden_child, datetime(2026, 1, 10, 9, 0, tzinfo=LONDON)
        ),
        "feb": entry(
            ben, "child.changed", hackney_child, datetime(2026, 2, 14, 16, 30, tzinfo=LONDON)
        ),
        "mar": entry(priya, "user.signed_in", None, datetime(2026, 3, 4, 14, 15, tzinfo=LONDON)),
    }


def listed(response) -> list[int]:
    return [event.pk for event in response.context["page"].object_list]


def search(client, **filters):
    return client.get(SEARCH, filters)


@pytest.mark.parametrize(
    ("person", "status"),
    [
        ("alex", 200),
        ("amara", 403),
        ("priya", 403),
        ("ben", 403),
        ("chloe", 403),
        ("sam", 403),
        ("dev", 403),
    ],
)
def test_only_administrators_may_search_the_trail(request, client_for, person, status):
    client = client_for(request.getfixturevalue(person))
    assert client.get(SEARCH).status_code == status
    assert client.get(EXPORT).status_code == status


def test_staff_access_without_the_administrator_role_is_not_enough(client_for, camden):
    staff_case_worker = UserFactory(organisation=camden, role=Role.CASE_WORKER, is_staff=True)
    assert client_for(staff_case_worker).get(SEARCH).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client):
    for url in [SEARCH, EXPORT]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:sign-in"))


def test_refused_searches_are_not_recorded_as_searches(client_for, amara):
    client_for(amara).get(SEARCH)
    client_for(amara).get(EXPORT)
    assert not AuditEvent.objects.filter(action__startswith="audit.").exists()


def test_the_search_page_lists_entries_newest_first_in_plain_words(client_for, alex, trail):
    response = client_for(alex).get(SEARCH)
    content = response.content.decode()
    assert response.status_code == 200
    # The search itself is recorded first, then the trail, newest first.
    assert listed(response)[1:] == [trail["mar"].pk, trail["feb"].pk, trail["jan"].pk]
    assert "4 March 2026, 2:15pm" in content
    assert "Priya Shah" in content
    assert "Youth justice service manager" in content
    assert "Changed the child&#x27;s details" in content
    assert "Hackney Youth Justice Service" in content


def test_searching_is_recorded_with_the_filters_used(client_for, alex, camden):
    search(client_for(alex), person="amara", organisation=str(camden.public_id))
    event = AuditEvent.objects.get(action="audit.searched")
    assert event.actor == alex
    assert event.detail == {"filters": {"person": "amara", "organisation": str(camden.public_id)}}


def test_search_by_dates_includes_both_whole_days(client_for, alex, trail):
    response = search(
        client_for(alex),
        date_from_day="10",
        date_from_month="1",
        date_from_year="2026",
        date_to_day="14",
        date_to_month="2",
        date_to_year="2026",
    )
    assert listed(response) == [trail["feb"].pk, trail["jan"].pk]
    recorded = AuditEvent.objects.get(action="audit.searched")
    assert recorded.detail == {"filters": {"date_from": "2026-01-10", "date_to": "2026-02-14"}}


def test_search_from_a_date_alone(client_for, alex, trail):
    response = search(
        client_for(alex), date_from_day="1", date_from_month="3", date_from_year="2026"
    )
    assert trail["mar"].pk in listed(response)
    assert trail["feb"].pk not in listed(response)


def test_search_by_part_of_an_email_address(client_for, alex, trail):
    response = search(client_for(alex), person="HACKNEY")
    assert listed(response) == [trail["feb"].pk]


def test_search_by_organisation(client_for, alex, camden, trail):
    response = search(client_for(alex), organisation=str(camden.public_id))
    assert listed(response) == [trail["mar"].pk, trail["jan"].pk]


def test_search_by_action(client_for, alex, trail):
    response = search(client_for(alex), action="child.changed")
    assert listed(response) == [trail["feb"].pk]


def test_search_by_the_childs_record_reference(client_for, alex, hackney_child, trail):
    response = search(client_for(alex), child=str(hackney_child.public_id))
    assert listed(response) == [trail["feb"].pk]
    assert str(hackney_child.public_id) in response.content.decode()
    # The child's name is not needed to read the trail, and is not shown.
    assert hackney_child.preferred_name not in response.content.decode()


def test_a_search_that_finds_nothing_says_so(client_for, alex, trail):
    response = search(client_for(alex), person="nobody-here")
    assert listed(response) == []
    assert "No entries match your search" in response.content.decode()


def test_an_impossible_date_is_explained_and_kept(client_for, alex, trail):
    response = search(
        client_for(alex), date_from_day="31", date_from_month="2", date_from_year="2026"
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "The date to search from must be a real date" in content
    assert 'href="#date_from_day"' in content  # the error summary links to the first box
    assert 'value="31"' in content
    assert listed(response) == []
    assert not AuditEvent.objects.filter(action="audit.searched").exists()


def test_a_to_date_before_the_from_date_is_explained(client_for, alex):
    response = search(
        client_for(alex),
        date_from_day="2",
        date_from_month="3",
        date_from_year="2026",
        date_to_day="1",
        date_to_month="3",
        date_to_year="2026",
    )
    assert "must be the same as or after the date to search from" in response.content.decode()


def test_a_malformed_child_reference_is_explained(client_for, alex):
    response = search(client_for(alex), child="CAM-00001")
    content = response.content.decode()
    assert "Enter the child&#x27;s record reference in the right format" in content
    assert 'href="#id_child"' in content
    assert 'value="CAM-00001"' in content


def test_search_results_are_paginated_with_the_filters_kept(client_for, alex, amara):
    for _ in range(60):
        entry(amara, "child.viewed")
    client = client_for(alex)
    first = search(client, action="child.viewed")
    assert len(listed(first)) == 50
    assert "action=child.viewed&amp;page=2" in first.content.decode()
    second = client.get(SEARCH, {"action": "child.viewed", "page": 2})
    assert len(listed(second)) == 10


# Session, user, the audit entry for this search (a savepoint, on PostgreSQL the advisory lock, the
# previous hash, the insert, the release), the count, the user's organisation for the header, the
# page of entries (names by LEFT JOIN) and the organisations for the filter.
SEARCH_QUERIES = 10 + (1 if connection.vendor == "postgresql" else 0)


@pytest.mark.parametrize("count", [3, 60])
def test_search_query_count_is_pinned(client_for, alex, camden, django_assert_num_queries, count):
    people = [UserFactory(organisation=camden) for _ in range(3)]
    for n in range(count):
        entry(people[n % 3], "child.viewed")
    client = client_for(alex)
    client.get(SEARCH)  # warm up the session
    with django_assert_num_queries(SEARCH_QUERIES):
        assert client.get(SEARCH).status_code == 200


# ---- Downloading --------------------------------------------------------------------------------


def download(client, **filters):
    response = client.get(EXPORT, filters)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-trail-')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_download_holds_the_filtered_entries(client_for, alex, hackney_child, trail):
    rows = download(client_for(alex), person="hackney")
    header, *entries = rows
    assert header[:8] == [
        "Entry",
        "When (UTC)",
        "Person",
        "Email address",
        "Organisation",
        "Role",
        "Action",
        "What they did",
    ]
    assert len(entries) == 1
    row = dict(zip(header, entries[0], strict=True))
    feb = trail["feb"]
    assert row["Entry"] == str(feb.pk)
    assert row["When (UTC)"] == "2026-02-14T16:30:00+00:00"
    assert row["Person"] == "Ben Carter"
    assert row["Email address"] == "ben@hackney.test"
    assert row["Organisation"] == "Hackney Youth Justice Service"
    assert row["Role"] == "Case worker"
    assert row["Action"] == "child.changed"
    assert row["What they did"] == "Changed the child's details"
    assert row["Child's record reference"] == str(hackney_child.public_id)
    assert row["IP address"] == "192.0.2.10"
    assert row["Hash"] == feb.hash


def test_downloading_is_recorded_with_what_was_downloaded(client_for, alex, trail):
    download(client_for(alex), action="child.viewed")
    event = AuditEvent.objects.get(action="audit.exported")
    assert event.actor == alex
    assert event.detail == {"entries": 1, "filters": {"action": "child.viewed"}}


def test_the_download_cannot_smuggle_a_spreadsheet_formula(client_for, alex, camden):
    trickster = UserFactory(email="=cmd@camden.test", organisation=camden)
    entry(trickster, "user.signed_in", note="@SUM(A1)")
    header, *entries = download(client_for(alex), action="user.signed_in")
    row = dict(zip(header, entries[0], strict=True))
    assert row["Email address"] == "'=cmd@camden.test"


def test_a_download_with_a_bad_filter_shows_the_error_instead(client_for, alex):
    response = client_for(alex).get(EXPORT, {"child": "not-a-reference"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "govuk-error-summary" in response.content.decode()
    assert not AuditEvent.objects.filter(action="audit.exported").exists()


def test_the_search_page_links_to_the_download_of_the_same_search(client_for, alex, trail):
    content = search(client_for(alex), action="child.viewed").content.decode()
    assert f'href="{EXPORT}?action=child.viewed"' in content
