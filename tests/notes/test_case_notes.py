"""Case notes: one thread every agency working with the child reads, and contributors add to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from resettle.access.models import Share
from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.notes.models import MAX_NOTE_LENGTH, CaseNote

pytestmark = pytest.mark.django_db


def share(child, organisation):
    return Share.objects.create(
        child=child,
        organisation=organisation,
        purpose="Resettlement",
        ends_on=today() + timedelta(30),
    )


def url(child):
    return reverse("notes:notes", args=[child.public_id])


def note(child, writer, text, minutes_ago=0):
    made = CaseNote.objects.create(
        child=child, text=text, written_by=writer, organisation_id=writer.organisation_id
    )
    CaseNote.across_children.filter(pk=made.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return made


def test_notes_from_every_agency_are_shown_newest_first(
    client_for, amara, chloe, sam, camden_child, feltham, camden_social_care
):
    share(camden_child, feltham)
    share(camden_child, camden_social_care)
    note(camden_child, amara, "Visited at the YOI", minutes_ago=30)
    note(camden_child, chloe, "Settled on the unit", minutes_ago=20)
    note(camden_child, sam, "Placement search under way", minutes_ago=10)

    for reader in (amara, chloe, sam):
        response = client_for(reader).get(url(camden_child))
        assert response.status_code == 200
        texts = [n.text for n in response.context["page"].object_list]
        assert texts == ["Placement search under way", "Settled on the unit", "Visited at the YOI"]
    html = response.content.decode()
    assert "HMYOI Feltham" in html and "Camden Children&#x27;s Social Care" in html


def test_amara_adds_a_note_which_is_signed_with_her_service(client_for, amara, camden_child):
    response = client_for(amara).post(url(camden_child), {"text": "  Phoned mum.  "})
    assert response.status_code == 302
    added = CaseNote.across_children.get(child=camden_child)
    assert (added.text, added.written_by, added.organisation) == (
        "Phoned mum.",
        amara,
        amara.organisation,
    )
    event = AuditEvent.objects.get(action="note.added")
    assert (event.actor, event.child_id) == (amara, camden_child.id)


def test_a_partner_the_child_is_shared_with_adds_a_note(
    client_for, sam, camden_child, camden_social_care
):
    share(camden_child, camden_social_care)
    response = client_for(sam).post(url(camden_child), {"text": "Visit done"})
    assert response.status_code == 302
    assert CaseNote.across_children.get(child=camden_child).organisation == camden_social_care


def test_an_empty_note_is_refused_with_an_error(client_for, amara, camden_child):
    response = client_for(amara).post(url(camden_child), {"text": "   "})
    assert response.status_code == 200
    assert "Enter the note" in response.content.decode()
    assert 'href="#id_text"' in response.content.decode()  # the summary links to the field
    assert not CaseNote.across_children.exists()


def test_a_note_that_is_too_long_is_kept_on_error(client_for, amara, camden_child):
    text = "Long note. " * (MAX_NOTE_LENGTH // 10)
    response = client_for(amara).post(url(camden_child), {"text": text})
    assert response.status_code == 200
    assert "characters or fewer" in response.content.decode()
    assert text.strip() in response.content.decode()
    assert not CaseNote.across_children.exists()


def test_hackney_worker_cannot_see_or_add_to_camden_childs_notes(client_for, ben, camden_child):
    client = client_for(ben)
    assert client.get(url(camden_child)).status_code == 404
    assert client.post(url(camden_child), {"text": "x"}).status_code == 404
    assert not CaseNote.across_children.exists()


def test_a_service_that_only_reads_the_child_cannot_add_a_note(
    client_for, ben, hackney, camden_child
):
    share(camden_child, hackney)  # a handover: Hackney reads, Camden owns
    client = client_for(ben)
    assert client.get(url(camden_child)).status_code == 200
    assert "Add note" not in client.get(url(camden_child)).content.decode()
    assert client.post(url(camden_child), {"text": "x"}).status_code == 403
    assert not CaseNote.across_children.exists()


def test_reading_the_notes_is_audited(client_for, priya, camden_child):
    client_for(priya).get(url(camden_child))
    event = AuditEvent.objects.get(action="child.viewed")
    assert (event.actor, event.child_id, event.detail) == (
        priya,
        camden_child.id,
        {"section": "notes"},
    )


def test_notes_are_paginated(client_for, amara, camden_child):
    for n in range(25):
        note(camden_child, amara, f"Note {n}", minutes_ago=n)
    client = client_for(amara)
    first = client.get(url(camden_child))
    assert len(first.context["page"].object_list) == 20
    assert 'rel="next"' in first.content.decode()
    second = client.get(url(camden_child), {"page": 2})
    assert [n.text for n in second.context["page"].object_list] == [
        f"Note {n}" for n in range(20, 25)
    ]


def test_the_empty_state_invites_the_first_note(client_for, amara, camden_child):
    html = client_for(amara).get(url(camden_child)).content.decode()
    assert 'id="no-notes"' in html and "Add the first one" in html


def test_a_note_offers_no_way_to_change_it(client_for, amara, camden_child):
    note(camden_child, amara, "Original")
    html = client_for(amara).get(url(camden_child)).content.decode()
    thread = html[html.index('class="govuk-list app-case-notes"') : html.index("</ol>")]
    assert "Original" in thread and "<a " not in thread and "<form" not in thread


# Session, user, the child with service and lead (visibility is a subquery), the audit row (a
# savepoint, on PostgreSQL an advisory lock, the previous hash, the insert, the release), the
# current legal status, the count for the paginator, the page of notes with writers and their
# organisations, and the user's organisation for the page header.
NOTES_QUERIES = {"sqlite": 11, "postgresql": 12}


@pytest.mark.parametrize("count", [2, 30])
def test_notes_page_query_count_does_not_grow_with_notes(
    client_for, amara, chloe, camden_child, feltham, django_assert_num_queries, count
):
    share(camden_child, feltham)
    for n in range(count):
        note(camden_child, amara if n % 2 else chloe, f"Note {n}", minutes_ago=n)
    client = client_for(amara)
    assert client.get(url(camden_child)).status_code == 200
    with django_assert_num_queries(NOTES_QUERIES[connection.vendor]):
        response = client.get(url(camden_child))
    assert response.status_code == 200
