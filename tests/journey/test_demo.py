"""The demo journeys: children at every stage, touchpoints due, done and overdue, setbacks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.apps import apps

from resettle.children.models import Child, LegalStatusEpisode
from resettle.children.stages import Stage, stages_for
from resettle.core.dates import today
from resettle.journey.models import JourneyEvent, Meeting, Touchpoint
from resettle.web import demo
from resettle.web.demo import DEMO_STEPS, load_demo
from resettle.web.demo.journey import load_journeys

pytestmark = pytest.mark.django_db


def test_the_journey_step_is_in_the_demo_once():
    apps.get_app_config("journey").ready()
    assert DEMO_STEPS.count(load_journeys) == 1


def test_demo_children_are_at_every_stage_with_touchpoints_meetings_and_setbacks(monkeypatch):
    monkeypatch.setattr(demo, "DEMO_STEPS", [load_journeys])
    load_demo(children=48, seed=3)
    children = list(Child.objects.all())
    stages = set(stages_for(children).values())
    assert stages == set(Stage)
    statuses = set(LegalStatusEpisode.across_children.values_list("status", flat=True))
    assert {"remand_yda", "remand_la", "recall"} <= statuses
    soon = LegalStatusEpisode.across_children.filter(
        status__in=["sentenced_custody", "recall"],
        expected_release_on__gte=today(),
        expected_release_on__lte=today() + timedelta(weeks=12),
    )
    assert soon.exists()
    open_ = Touchpoint.across_children.filter(completed_on=None, superseded_on=None)
    assert open_.filter(due_on__lt=today()).exists()  # overdue
    assert open_.filter(due_on__gte=today()).exists()  # due
    done = Touchpoint.across_children.exclude(completed_on=None)
    assert done.exclude(completed_by_meeting=None).exists()
    assert Meeting.across_children.filter(completed_touchpoints__isnull=False).exists()
    snakes = JourneyEvent.across_children.filter(kind="snake")
    assert snakes.filter(response__isnull=False).exists()
    assert snakes.filter(response__isnull=True).exists()
    assert JourneyEvent.across_children.filter(kind="ladder").exists()
