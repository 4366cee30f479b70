"""The child's words are kept no longer than the child's record."""

from __future__ import annotations

import pytest

from resettle.privacy import retention
from resettle.voice.models import VoiceEntry
from resettle.voice.services import anonymise_voice

pytestmark = pytest.mark.django_db


def test_deleting_a_child_deletes_their_words_and_earlier_versions(
    amara, camden_child, hackney_child, ben, make_entry, strengths
):
    entry = make_entry(camden_child, amara, strengths=[strengths["Funny"]])
    entry.who_are_you = "Changed"
    entry.save()
    kept = make_entry(hackney_child, ben)
    retention.delete(camden_child)
    assert list(VoiceEntry.across_children.all()) == [kept]
    assert set(VoiceEntry.history.values_list("id", flat=True)) == {kept.pk}


def test_anonymising_keeps_that_conversations_happened_but_not_the_words(
    amara, camden_child, make_entry, strengths
):
    entry = make_entry(
        camden_child,
        amara,
        who_are_you="Jay from the estate",
        how_to_get_there="College",
        self_rating=6,
        strengths=[strengths["Sporty"]],
    )
    assert anonymise_voice(camden_child) == 1
    entry.refresh_from_db()
    assert (entry.who_are_you, entry.how_to_get_there) == ("", "")
    assert entry.self_rating == 6
    assert list(entry.strengths.all()) == [strengths["Sporty"]]
    assert not entry.history.exists()
