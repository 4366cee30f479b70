"""Plan factories: synthetic goals and actions written straight to the database."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from resettle.plans.models import (
    ActionKind,
    ActionStatus,
    Contingency,
    Goal,
    Pathway,
    Plan,
    PlanAction,
)


def pathway(slug: str = "ete") -> Pathway:
    return Pathway.objects.get(slug=slug)


def status(slug: str = "not-started") -> ActionStatus:
    return ActionStatus.objects.get(slug=slug)


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan
        django_get_or_create = ("child",)

    vision = "I want to be a mechanic"


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    text = factory.Sequence(lambda n: f"Goal number {n}")
    order = factory.Sequence(lambda n: n)


class PlanActionFactory(DjangoModelFactory):
    class Meta:
        model = PlanAction
        skip_postgeneration_save = True

    plan = factory.SubFactory(PlanFactory)
    pathway = factory.LazyFunction(pathway)
    kind = ActionKind.STRUCTURAL
    description = factory.Sequence(lambda n: f"Action number {n}")
    owner_name = "Aunt Grace"
    status = factory.LazyFunction(status)

    @factory.post_generation
    def goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.goals.set(extracted)


class ContingencyFactory(DjangoModelFactory):
    class Meta:
        model = Contingency

    action = factory.SubFactory(PlanActionFactory)
    plan_b = "Stay with Aunt Grace for two weeks"
