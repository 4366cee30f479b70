"""What's new: each note is shown once to each person, on the next page they open."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.knowledge import services
from resettle.knowledge.models import ReleaseNote, ReleaseNoteSeen

from .conftest import actor

pytestmark = pytest.mark.django_db

ACCOUNT = reverse("accounts:account")


def test_a_published_note_is_shown_once_then_not_again(client_for, amara, alex):
    client = client_for(amara)
    assert "new in Resettle" not in client.get(ACCOUNT).content.decode()
    response = client_for(alex).post(
        reverse("knowledge:whats-new-add"),
        {"title": "Guidance is here", "body": "Read the **new** guidance."},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="whatsnew.published", actor=alex).exists()
    first = client.get(ACCOUNT).content.decode()
    assert "new in Resettle" in first and "Guidance is here" in first
    assert "Guidance is here" not in client.get(ACCOUNT).content.decode()
    assert ReleaseNoteSeen.objects.filter(user=amara).count() == 1
    # A new session does not bring it back: who has seen what is kept.
    assert "Guidance is here" not in client_for(amara).get(ACCOUNT).content.decode()
    page = client.get(reverse("knowledge:whats-new")).content.decode()
    assert "<strong>new</strong>" in page


def test_everyone_sees_a_note_once_in_their_own_time(client_for, amara, dev, alex):
    services.add_release_note(actor(alex), title="Training records", body="Record training.")
    for person in (amara, dev):
        client = client_for(person)
        assert "Training records" in client.get(ACCOUNT).content.decode()
        assert "Training records" not in client.get(ACCOUNT).content.decode()


def test_only_authors_publish_notes_and_bad_values_are_kept(client_for, amara, alex):
    assert (
        client_for(amara)
        .post(reverse("knowledge:whats-new-add"), {"title": "x", "body": "x"})
        .status_code
        == 403
    )
    response = client_for(alex).post(reverse("knowledge:whats-new-add"), {"title": "A title"})
    html = response.content.decode()
    assert "Say what changed" in html and "A title" in html
    assert not ReleaseNote.objects.exists()


def test_the_banner_adds_no_query_to_a_warm_page(
    client_for, amara, alex, django_assert_num_queries
):
    services.add_release_note(actor(alex), title="Old news", body="x")
    client = client_for(amara)
    client.get(ACCOUNT)  # the note is shown and the session is brought up to date
    # The session, the user and their organisation (for the header): as without the banner.
    with django_assert_num_queries(3):
        response = client.get(reverse("core:accessibility"))
    assert response.status_code == 200
