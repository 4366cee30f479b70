"""Property-based tests (hypothesis): whatever happens to a child, and in whatever order,

* a touchpoint is met if and only if the record that meets it exists in its window (from the day
  its legal status started to the day a later one replaced it), on the first such day; met late
  only when that day is after its deadline; and
* the 5Cs indicators that read the shared facts (contact, the four questions, release readiness,
  plans B, agreement) say what a direct recomputation from the raw records says, for each child
  of a page checked together.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from resettle.access.models import Share
from resettle.accounts.models import Organisation, Role
from resettle.audit.actors import WEB, Actor
from resettle.children import services as children
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.journey.defaults import ensure_defaults as journey_defaults
from resettle.journey.facts import load_facts
from resettle.journey.models import MeetingKind, MetBy, Touchpoint
from resettle.journey.services import record_meeting
from resettle.notes.services import add_note
from resettle.plans import services as plans
from resettle.plans.defaults import ensure_defaults as plan_defaults
from resettle.plans.models import ActionKind, Contingency, Pathway, Plan
from resettle.quality.queries import five_cs_for
from resettle.release.models import ReleasePlan
from resettle.release.services import save_release_plan
from resettle.voice.models import VoiceEntry
from resettle.voice.services import record_voice

from ..factories import ChildFactory, UserFactory

START = 60  # the story begins this many days ago

# One thing that happens, `days` after the story began (never in the future).
# A few days only, so that things often happen on the same day (the edges of every window).
day = st.sampled_from([0, 5, 20, 40, START])
events = st.one_of(
    st.tuples(
        st.just("status"),
        day,
        st.sampled_from(["custody_likely", "remand_yda", "sentenced_custody", "released_licence"]),
    ),
    st.tuples(st.just("voice"), day, st.none()),
    st.tuples(
        st.just("meeting"),
        day,
        st.tuples(
            st.sampled_from(
                [
                    MeetingKind.INITIAL_PLANNING,
                    MeetingKind.REVIEW,
                    MeetingKind.CALL,
                    MeetingKind.RELEASE_PREPARATION,
                    MeetingKind.RELEASE_DAY,
                ]
            ),
            st.booleans(),
            st.booleans(),
        ),
    ),
    st.tuples(st.just("note"), day, st.none()),
    st.tuples(st.just("action"), day, st.sampled_from(["accommodation", "ete", "families"])),
    st.tuples(st.just("accommodation"), day, st.booleans()),
    st.tuples(st.just("plan_b"), day, st.booleans()),
    st.tuples(st.just("agree"), day, st.none()),
)


class Story:
    """A child and the people working with them, to which events happen through the services."""

    def __init__(self):
        journey_defaults()
        plan_defaults()
        camden, _ = Organisation.objects.get_or_create(
            slug="camden", defaults={"name": "Camden Youth Justice Service", "kind": "yjs"}
        )
        self.feltham, _ = Organisation.objects.get_or_create(
            slug="feltham",
            defaults={"name": "HMYOI Feltham", "kind": "secure", "subtype": "yoi"},
        )
        self.worker = UserFactory(organisation=camden, role=Role.CASE_WORKER)
        self.actor = Actor(self.worker, via=WEB)
        self.child = ChildFactory(owning_service=camden, lead_practitioner=self.worker)
        self.start = today() - timedelta(days=START)

    def apply(self, kind: str, days: int, detail) -> None:
        on = self.start + timedelta(days=days)
        actor, child = self.actor, self.child
        if kind == "status":
            custody = detail in ("remand_yda", "sentenced_custody")
            children.record_legal_status(
                actor,
                child,
                status=detail,
                starts_on=on,
                establishment=self.feltham if custody else None,
                sentence_type="dto" if detail == "sentenced_custody" else "",
                expected_release_on=on + timedelta(days=90)
                if detail == "sentenced_custody"
                else None,
            )
        elif kind == "voice":
            record_voice(
                actor,
                child,
                recorded_on=on,
                conversation="call",
                words_are="verbatim",
                who_are_you="Me",
            )
        elif kind == "meeting":
            meeting_kind, child_took_part, family = detail
            record_meeting(
                actor,
                child,
                kind=meeting_kind,
                held_on=on,
                child_attended=child_took_part,
                family_attended=family,
            )
        elif kind == "note":
            add_note(actor, child, text="Saw them", contact_on=on)
        elif kind == "action":
            plans.add_action(
                actor,
                child,
                pathway=Pathway.objects.get(slug=detail),
                kind=ActionKind.STRUCTURAL,
                description=detail,
                owner_person=self.worker,
            )
        elif kind == "accommodation":
            save_release_plan(
                actor,
                child,
                accommodation_confirmed_on=on if detail else None,
                ete_confirmed_on=on if detail else None,
            )
        elif kind == "plan_b":
            action = plans.PlanAction.objects.for_child(child).first()
            if action is not None:
                plans.record_contingency(
                    actor, child, action, plan_b="Plan B", child_told_on=on if detail else None
                )
        elif kind == "agree":
            plans.agree_plan(actor, child, agreed_on=on, how="meeting", child_comment="Yes")


def events_of_kind(child: Child, met_by: str, meeting_kind: str) -> list[date]:
    """Straight from the raw records, not through journey.facts."""
    if met_by == MetBy.MEETING:
        return sorted(m.held_on for m in child.meetings.filter(kind=meeting_kind))
    if met_by == MetBy.FAMILY_CONTACT:
        return sorted(m.held_on for m in child.meetings.filter(family_attended=True))
    if met_by == MetBy.FOUR_QUESTIONS:
        return sorted(v.recorded_on for v in child.voice_entries.all())
    if met_by == MetBy.EARLY_PLAN:
        plan = Plan.across_children.filter(child=child).first()
        first = plan.actions.order_by("created_at").first() if plan else None
        return [first.created_at.astimezone().date()] if first else []
    if met_by == MetBy.ACCOMMODATION:
        release = ReleasePlan.across_children.filter(child=child).first()
        confirmed = release.accommodation_confirmed_on if release else None
        return [confirmed] if confirmed else []
    return []


def assert_touchpoints_follow_the_record(child: Child) -> None:
    used: dict[tuple, set] = {}
    for touchpoint in (
        Touchpoint.across_children.filter(child=child)
        .select_related("rule", "episode")
        .order_by("due_on", "id")
    ):
        rule = touchpoint.rule
        if rule is None or rule.met_by == MetBy.BY_HAND:
            continue
        start = touchpoint.episode.starts_on
        end = touchpoint.superseded_on
        taken = used.setdefault((rule.pk, touchpoint.episode_id), set())
        window = [
            d
            for d in events_of_kind(child, rule.met_by, rule.completed_by)
            if d >= start and (end is None or d <= end)
        ]
        if not rule.repeats:
            expected = window[0] if window else None
            assert touchpoint.completed_on == expected, (touchpoint.name, window, touchpoint)
        else:
            # Each review is met by its own meeting, in order; unmet only when none is left.
            free = [d for d in window if d not in taken] if touchpoint.completed_on is None else []
            assert touchpoint.completed_on is not None or not free, (touchpoint.name, window)
            if touchpoint.completed_on is not None:
                assert touchpoint.completed_on in window
                taken.add(touchpoint.completed_on)
        met = touchpoint.completed_on is not None
        assert touchpoint.done_late == (met and touchpoint.completed_on > touchpoint.due_on)
        if not met and end is not None:
            expected_status = "missed" if touchpoint.due_on < end else "not_needed"
            assert touchpoint.status == expected_status


class TouchpointInvariantTests(TestCase):
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(events, min_size=1, max_size=8))
    def test_a_touchpoint_is_met_iff_what_meets_it_is_recorded_in_its_window(self, story):
        world = Story()
        for kind, days, detail in sorted(story, key=lambda e: (e[1], e[0] != "status")):
            world.apply(kind, days, detail)
            assert_touchpoints_follow_the_record(world.child)


# ---- The 5Cs read the same facts ------------------------------------------------------------


def expected_statuses(child: Child, on: date) -> dict[str, str | None]:
    """What the shared-fact indicators should say, recomputed from raw records in plain Python."""
    contacts = sorted(
        {v.recorded_on for v in child.voice_entries.all()}
        | {m.held_on for m in child.meetings.filter(child_attended=True)}
        | {n.contact_on for n in child.case_notes.exclude(contact_on=None)}
    )
    conversations = child.voice_entries.count()
    questions = None if conversations == 0 else ("partly" if conversations == 1 else "met")
    plan = Plan.across_children.filter(child=child).first()
    agreement = plan.agreements.order_by("-agreed_on", "-id").first() if plan else None
    if agreement is None:
        agreed = "not_yet"
    elif plan.version > agreement.plan_version:
        agreed = "partly"
    else:
        agreed = "met" if agreement.child_comment.strip() else "partly"
    key = [
        a
        for a in (plan.actions.select_related("pathway") if plan else [])
        if a.pathway.slug in ("accommodation", "ete")
    ]
    plans_b = None
    if key:
        pathways = {a.pathway.slug for a in key}
        told = {
            a.pathway.slug
            for a in key
            if Contingency.across_children.filter(action=a).exclude(child_told_on=None).exists()
        }
        untold = Contingency.across_children.filter(action__in=key, child_told_on=None).exists()
        plans_b = "met" if told == pathways and not untold else None  # not met: partly/not yet
    return {
        "contact": contacts[-1] if contacts else None,
        "questions-revisited": questions or "not_yet",
        "child-agreed": agreed,
        "plans-b": plans_b,
    }


class FiveCsAgreeWithTheFactsTests(TestCase):
    @settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.lists(events, max_size=6), min_size=2, max_size=3))
    def test_the_5cs_on_a_page_equal_a_direct_recomputation_for_each_child(self, stories):
        worlds = []
        for story in stories:
            world = Story()
            for kind, days, detail in sorted(story, key=lambda e: (e[1], e[0] != "status")):
                world.apply(kind, days, detail)
            worlds.append(world)
        page = list(
            Child.objects.filter(pk__in=[w.child.pk for w in worlds]).select_related(
                "lead_practitioner"
            )
        )
        checks = five_cs_for(page, worlds[0].worker)
        facts = load_facts(page)
        for child in page:
            expected = expected_statuses(child, today())
            found = {i.key: i.status for c in checks[child.pk].cs for i in c.indicators}
            assert found["questions-revisited"] == expected["questions-revisited"]
            assert found["child-agreed"] == expected["child-agreed"]
            if expected["plans-b"] == "met":
                assert found["plans-b"] == "met"
            elif "plans-b" in found:
                assert found["plans-b"] != "met"
            contacts = facts[child.pk].contacts()
            assert (contacts[-1].on if contacts else None) == expected["contact"]
            assert Share.across_children.filter(child=child).count() == 0  # nothing leaked in
            assert set(VoiceEntry.across_children.filter(child=child)) == set(
                child.voice_entries.all()
            )
