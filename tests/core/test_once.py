"""A form sent twice is saved once (core/once.py)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from resettle.core.models import Submission
from resettle.notes.models import CaseNote

pytestmark = pytest.mark.django_db


def key_on(page) -> str:
    match = re.search(r'name="submission" value="([0-9a-f]{32})"', page.content.decode())
    assert match, "every form carries a one-off key beside its CSRF token"
    return match.group(1)


def test_every_form_carries_a_fresh_key(client_for, amara, camden_child):
    url = reverse("notes:notes", args=[camden_child.public_id])
    client = client_for(amara)
    assert key_on(client.get(url)) != key_on(client.get(url))


def test_a_note_sent_twice_is_saved_once_and_the_second_goes_where_the_first_went(
    client_for, amara, camden_child
):
    url = reverse("notes:notes", args=[camden_child.public_id])
    client = client_for(amara)
    key = key_on(client.get(url))
    first = client.post(url, {"text": "Met at the library", "submission": key})
    second = client.post(url, {"text": "Met at the library", "submission": key}, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == first["Location"]
    assert "You sent this form twice. It was saved once." in second.content.decode()
    assert CaseNote.objects.for_child(camden_child).count() == 1


def test_a_refused_form_can_be_corrected_and_sent_with_the_same_key(
    client_for, amara, camden_child
):
    url = reverse("notes:notes", args=[camden_child.public_id])
    client = client_for(amara)
    key = key_on(client.get(url))
    refused = client.post(url, {"text": "", "submission": key})
    assert refused.status_code == 200 and "govuk-error-summary" in refused.content.decode()
    assert not Submission.objects.filter(key=key).exists()  # released: nothing was saved
    assert client.post(url, {"text": "Met at the library", "submission": key}).status_code == 302
    assert CaseNote.objects.for_child(camden_child).count() == 1


def test_someone_else_cannot_replay_a_key_to_learn_where_it_went(
    client_for, amara, priya, camden_child
):
    url = reverse("notes:notes", args=[camden_child.public_id])
    key = key_on(client_for(amara).get(url))
    client_for(amara).post(url, {"text": "Met at the library", "submission": key})
    replay = client_for(priya).post(url, {"text": "Something else", "submission": key})
    assert replay.status_code == 409  # the key is taken; where it went is not told
    assert CaseNote.objects.for_child(camden_child).count() == 1


def test_a_post_without_a_key_is_handled_as_before(client_for, amara, camden_child):
    url = reverse("notes:notes", args=[camden_child.public_id])
    client = client_for(amara)
    assert client.post(url, {"text": "One"}).status_code == 302
    assert client.post(url, {"text": "One"}).status_code == 302
    assert CaseNote.objects.for_child(camden_child).count() == 2
