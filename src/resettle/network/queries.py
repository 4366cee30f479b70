"""Reading the child's network for its page, in a fixed number of queries.

Keep prefetching here: tests/network/test_query_counts.py pins the page's count.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from resettle.plans.models import PlanAction

from .matching import action_text, mentions
from .models import Influence, Person, PlaceOrActivity, Professional


@dataclass
class InfluenceGroup:
    influence: str
    label: str
    people: list[Person] = field(default_factory=list)


@dataclass
class NetworkPage:
    groups: list[InfluenceGroup]
    places: list[PlaceOrActivity]
    professionals: list[Professional]

    @property
    def people_count(self) -> int:
        return sum(len(g.people) for g in self.groups)

    @property
    def undermining(self) -> list:
        people = [p for g in self.groups for p in g.people if p.is_undermining]
        return people + [p for p in self.places if p.is_undermining]


def network_page(child) -> NetworkPage:
    """People grouped by influence (positive first), places and activities, professionals.

    Each person gets `plan_actions`: the plan's actions that mention them by name.
    """
    people = list(Person.objects.for_child(child))
    places = list(PlaceOrActivity.objects.for_child(child))
    professionals = list(Professional.objects.for_child(child).select_related("organisation"))
    actions = (
        list(
            PlanAction.objects.for_child(child)
            .only("public_id", "description", "owner_name", "specific_service", "plan_id")
            .order_by("due_on", "id")
        )
        if people or places
        else []
    )
    texts = [(action, action_text(action)) for action in actions]

    groups = {value: InfluenceGroup(value, str(label)) for value, label in Influence.choices}
    for person in people:
        person.child = child
        person.plan_actions = [a for a, text in texts if mentions(text, person.name)]
        groups.setdefault(person.influence, InfluenceGroup(person.influence, person.influence))
        groups[person.influence].people.append(person)
    for place in places:
        place.child = child
        place.plan_actions = [a for a, text in texts if mentions(text, place.name)]
    return NetworkPage(
        groups=[g for g in groups.values() if g.people],
        places=places,
        professionals=professionals,
    )
