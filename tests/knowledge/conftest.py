"""Fixtures for the knowledge hub: the starter guidance, questions, training modules."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from resettle.audit.actors import Actor
from resettle.knowledge.models import Article, Question, TrainingModule
from resettle.knowledge.services import ensure_starter_guidance


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The guidance map and the newest what's new note are cached; each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def guidance(db):
    ensure_starter_guidance()
    return Article.objects


def actor(user) -> Actor:
    return Actor(user)


@pytest.fixture
def ask():
    def make(user, text="How soon after remand should the first planning meeting be?", **extra):
        return Question.objects.create(text=text, asked_by=user, **extra)

    return make


@pytest.fixture
def module(db):
    return TrainingModule.objects.create(
        name="Constructive resettlement: the basics",
        provider="London Resettlement Partnership",
        covers="The four key questions, identity shift and the 5Cs",
        valid_for_months=12,
    )
