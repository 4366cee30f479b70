"""Fixtures for the child's voice: Jay shared with Feltham and Camden social care, and entries."""

from __future__ import annotations

from datetime import timedelta

import pytest

from resettle.core.dates import today
from resettle.voice.models import Conversation, Strength, VoiceEntry, WordsAre

DEFAULT_STRENGTHS = ["Good with my hands", "Kind to others", "Funny", "Sporty", "Music"]


@pytest.fixture
def strengths(db) -> dict[str, Strength]:
    """The default strengths (the data migration loads them; a flushed database may not have)."""
    found = {}
    for order, name in enumerate(DEFAULT_STRENGTHS):
        found[name], _ = Strength.objects.get_or_create(name=name, defaults={"order": order})
    return found


@pytest.fixture
def make_entry():
    """Write an entry straight to the database (the pages under test read it back)."""

    def make(child, recorded_by, *, days_ago=0, strengths=(), **fields) -> VoiceEntry:
        values = {
            "recorded_on": today() - timedelta(days=days_ago),
            "conversation": Conversation.MEETING,
            "words_are": WordsAre.VERBATIM,
            "share_with_partners": True,
            "who_are_you": f"Answer from {days_ago} days ago",
        }
        values.update(fields)
        entry = VoiceEntry.objects.create(child=child, recorded_by=recorded_by, **values)
        if strengths:
            entry.strengths.set(strengths)
        return entry

    return make
