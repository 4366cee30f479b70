"""Demo voice entries: most demo children have some, some have none, all plausible."""

from __future__ import annotations

import pytest
from django.apps import apps

from resettle.children.models import Child
from resettle.voice.models import RATING_MAX, RATING_MIN, Conversation, VoiceEntry
from resettle.web import demo
from resettle.web.demo import DEMO_STEPS, load_demo
from resettle.web.demo.voice import load_voice

pytestmark = pytest.mark.django_db


@pytest.fixture
def only_the_voice_step(monkeypatch):
    """Run the demo with this app's step alone, so other domains' steps do not blur the test."""
    monkeypatch.setattr(demo, "DEMO_STEPS", [load_voice])


def test_the_voice_step_is_in_the_demo_once():
    apps.get_app_config("voice").ready()  # running ready() again must not add it twice
    assert DEMO_STEPS.count(load_voice) == 1


def test_demo_gives_most_children_a_few_conversations_and_some_none(strengths, only_the_voice_step):
    load_demo(children=60, seed=7)
    counts = [c.voice_entries.count() for c in Child.objects.all()]
    with_entries = [n for n in counts if n]
    assert len(counts) == 60
    assert 0.6 * len(counts) <= len(with_entries) < len(counts)
    assert max(with_entries) <= 4
    entries = list(VoiceEntry.across_children.select_related("child", "recorded_by"))
    assert all(e.recorded_by.organisation_id == e.child.owning_service_id for e in entries)
    assert all(
        any((e.who_are_you, e.who_do_you_want_to_be, e.strengths_in_own_words, e.how_to_get_there))
        for e in entries
    )
    ratings = [e.self_rating for e in entries if e.self_rating is not None]
    assert ratings and all(RATING_MIN <= r <= RATING_MAX for r in ratings)
    assert all(e.entered_by_child == (e.conversation == Conversation.CHILD_MODE) for e in entries)
    assert VoiceEntry.strengths.through.objects.exists()
    assert VoiceEntry.history.count() == len(entries)
    assert len({e.who_are_you for e in entries}) > 10  # varied, not one answer repeated


def test_demo_reset_leaves_no_voice_history_from_before(strengths, only_the_voice_step):
    load_demo(children=12, seed=1)
    load_demo(children=12, seed=2, reset=True)
    ids = set(VoiceEntry.across_children.values_list("id", flat=True))
    assert set(VoiceEntry.history.values_list("id", flat=True)) == ids
