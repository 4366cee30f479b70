"""The facts of a child's record that touchpoints, release readiness, the 5Cs and the partnership's
figures depend on, each read from the one record that holds it (docs/domain.md, section 8).

    a conversation with the child happened   a voice entry, a meeting the child took part in, or a
                                             case note that says the child was seen
    the four key questions were asked        a voice entry (every entry answers at least one)
    the family was contacted                 a meeting or contact the family took part in
    an early plan exists                     the child's plan has at least one action
    accommodation is confirmed               the release checklist's confirmation date
    ETE is arranged                          the release checklist's confirmation date

`load_facts(children)` reads them for a whole list of children in a fixed number of queries (five,
however many children or records), so a list page, a batch job and one child's page read the same
facts the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from django.db.models import DateField, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.utils import timezone

from resettle.children.models import Child
from resettle.notes.models import CaseNote
from resettle.plans.models import Plan
from resettle.release.models import ReleasePlan
from resettle.voice.models import VoiceEntry

from .models import Meeting, MetBy


@dataclass(frozen=True)
class Event:
    """Something recorded on a day: what kind (a MetBy value) and the public id of its record."""

    on: date
    kind: str
    ref: UUID
    meeting_kind: str = ""


@dataclass
class ChildFacts:
    conversations: list[Event] = field(default_factory=list)  # voice entries, oldest first
    meetings: list[tuple[Event, bool, bool]] = field(default_factory=list)  # (event, child, family)
    noted_contacts: list[Event] = field(default_factory=list)
    early_plan: Event | None = None
    accommodation: Event | None = None
    ete_confirmed_on: date | None = None

    def contacts(self) -> list[Event]:
        """Every time the child was seen or spoken with, oldest first: THE definition of contact."""
        seen = [e for e, child_took_part, _family in self.meetings if child_took_part]
        return sorted([*self.conversations, *seen, *self.noted_contacts], key=lambda e: e.on)

    def events(self, met_by: str, meeting_kind: str = "") -> list[Event]:
        """What meets a touchpoint of this kind, oldest first."""
        if met_by == MetBy.MEETING:
            return [e for e, _c, _f in self.meetings if e.meeting_kind == meeting_kind]
        if met_by == MetBy.FOUR_QUESTIONS:
            return list(self.conversations)
        if met_by == MetBy.FAMILY_CONTACT:
            return [e for e, _c, family in self.meetings if family]
        if met_by == MetBy.EARLY_PLAN:
            return [self.early_plan] if self.early_plan else []
        if met_by == MetBy.ACCOMMODATION:
            return [self.accommodation] if self.accommodation else []
        return []


def _ids(children: Iterable) -> list[int]:
    return [getattr(c, "pk", c) for c in children]


def load_facts(children: Iterable) -> dict[int, ChildFacts]:
    """The facts of each child (objects or ids), by child id. Five queries."""
    ids = _ids(children)
    found = {child_id: ChildFacts() for child_id in ids}
    entries = (
        VoiceEntry.objects.for_children(ids)
        .order_by("recorded_on", "id")
        .values_list("child_id", "recorded_on", "public_id")
    )
    for child_id, on, ref in entries:
        found[child_id].conversations.append(Event(on, MetBy.FOUR_QUESTIONS, ref))
    meetings = (
        Meeting.objects.for_children(ids)
        .order_by("held_on", "id")
        .values_list(
            "child_id", "held_on", "kind", "public_id", "child_attended", "family_attended"
        )
    )
    for child_id, on, kind, ref, child_took_part, family in meetings:
        event = Event(on, MetBy.MEETING, ref, meeting_kind=kind)
        found[child_id].meetings.append((event, child_took_part, family))
    notes = (
        CaseNote.objects.for_children(ids)
        .filter(contact_on__isnull=False)
        .order_by("contact_on", "id")
        .values_list("child_id", "contact_on", "public_id")
    )
    for child_id, on, ref in notes:
        found[child_id].noted_contacts.append(Event(on, "note", ref))
    plans = (
        Plan.objects.for_children(ids)
        .annotate(first_action=Min("actions__created_at"))
        .filter(first_action__isnull=False)
        .values_list("child_id", "first_action", "public_id")
    )
    for child_id, first_action, ref in plans:
        found[child_id].early_plan = Event(timezone.localdate(first_action), MetBy.EARLY_PLAN, ref)
    checklists = ReleasePlan.objects.for_children(ids).values_list(
        "child_id", "accommodation_confirmed_on", "ete_confirmed_on", "public_id"
    )
    for child_id, accommodation_on, ete_on, ref in checklists:
        facts = found[child_id]
        if accommodation_on is not None:
            facts.accommodation = Event(accommodation_on, MetBy.ACCOMMODATION, ref)
        facts.ete_confirmed_on = ete_on
    return found


# For a query: the day the child was last seen or spoken with, by the same rule as
# `ChildFacts.contacts` (a conversation, a meeting the child took part in, a case note that says
# the child was seen); NEVER when there is none.
NEVER = date(1900, 1, 1)


def keep_last_contact(children) -> int:
    """Bring `Child.last_contact_on` up to date for `children` (a queryset of children, or ids):
    the one place the stored date is written (journey.receivers, the data migration, the
    generator). One query."""
    from_ = children if hasattr(children, "update") else Child.objects.filter(pk__in=children)
    return from_.update(last_contact_on=NullIf(last_contact(), Value(NEVER)))


def last_contact(child=None, on: date | None = None) -> Greatest:
    """An expression for a query on children (or, given `child`, a subquery for one). With `on`,
    the last contact on or before that day (the partnership's figures for a past period)."""
    child = child if child is not None else OuterRef("pk")

    def latest(queryset, field: str):
        if on is not None:
            queryset = queryset.filter(**{f"{field}__lte": on})
        newest = queryset.order_by(f"-{field}").values(field)[:1]
        return Coalesce(Subquery(newest, output_field=DateField()), Value(NEVER))

    return Greatest(
        latest(VoiceEntry.objects.for_child(child), "recorded_on"),
        latest(Meeting.objects.for_child(child).filter(child_attended=True), "held_on"),
        latest(CaseNote.objects.for_child(child).filter(contact_on__isnull=False), "contact_on"),
        output_field=DateField(),
    )
