"""The demo knowledge hub: questions in every state, training for demo staff, a what's new note."""

from __future__ import annotations

import random

import pytest

from resettle.knowledge.models import Question, ReleaseNote, TrainingCompletion, TrainingModule
from resettle.knowledge.training import coverage_by_service
from resettle.web import demo
from resettle.web.demo import DEMO_STEPS, load_demo
from resettle.web.demo.knowledge import load_knowledge
from resettle.web.demo.network import load_network

pytestmark = pytest.mark.django_db


def test_the_knowledge_step_comes_after_the_records_so_it_changes_none_of_them():
    # Steps draw from one random sequence: a step added later goes after the child's records.
    assert DEMO_STEPS.count(load_knowledge) == 1
    assert DEMO_STEPS.index(load_knowledge) > DEMO_STEPS.index(load_network)


def test_the_demo_has_questions_training_and_a_note(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_STEPS", [load_knowledge])
    load_demo(children=6, seed=5)
    assert set(Question.objects.values_list("status", flat=True)) == {
        "open",
        "answered",
        "published",
    }
    assert all(q.asked_by is not None for q in Question.objects.all())
    assert TrainingModule.objects.count() == 4
    assert TrainingCompletion.objects.filter(user__email="caseworker@camden.example").exists()
    assert ReleaseNote.objects.count() == 1
    rows = coverage_by_service(list(TrainingModule.objects.all()))
    assert {row.organisation.slug for row in rows} >= {"camden", "hackney"}
    # Loading again adds nothing twice.
    completions = TrainingCompletion.objects.count()
    load_knowledge(None, random.Random(1))
    assert Question.objects.count() == 5 and ReleaseNote.objects.count() == 1
    assert TrainingCompletion.objects.count() == completions
