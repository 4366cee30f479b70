"""The 5Cs registry: how a C's status follows from its indicators, which fixes a person is
offered, and how a later app plugs in an indicator and the data it reads."""

from __future__ import annotations

import pytest

from resettle.quality import registry
from resettle.quality.models import C_KEYS, Rating
from resettle.quality.queries import five_cs_for
from resettle.quality.registry import (
    CONTRIBUTE,
    EDIT,
    READ,
    Facts,
    Fix,
    combine,
    evaluate,
    indicator,
    loader,
    met,
    not_yet,
    partly,
)

from ..factories import ChildFactory
from .helpers import child, facts, voice

MET, PARTLY, NOT_YET = Rating.MET, Rating.PARTLY, Rating.NOT_YET


@pytest.mark.parametrize(
    ("statuses", "overall"),
    [
        ([MET, MET], MET),
        ([MET, PARTLY], PARTLY),
        ([MET, NOT_YET], PARTLY),
        ([PARTLY, PARTLY], PARTLY),
        ([NOT_YET, NOT_YET], NOT_YET),
        ([], None),
    ],
)
def test_a_cs_status_is_met_only_when_all_are_and_not_yet_only_when_none_is(statuses, overall):
    assert combine(statuses) == overall


def test_the_check_has_the_five_cs_in_the_frameworks_order():
    check = evaluate(facts(), {READ, CONTRIBUTE, EDIT})
    assert [c.key for c in check.cs] == list(C_KEYS)
    assert [c.name for c in check.cs] == [
        "Constructive",
        "Co-created",
        "Customised",
        "Consistent",
        "Coordinated",
    ]


def test_an_empty_record_is_not_yet_everywhere_except_what_the_childs_details_already_say():
    check = evaluate(facts(plan_facts=None), {READ, CONTRIBUTE, EDIT})
    statuses = {c.key: c.status for c in check.cs}
    assert statuses == {
        "constructive": NOT_YET,
        "co_created": NOT_YET,
        "customised": PARTLY,  # a full needs profile, but no adjustments in a plan
        "consistent": PARTLY,  # the same lead practitioner, but no questions asked
        "coordinated": NOT_YET,
    }
    assert check.met_count == 0
    # Indicators that do not apply (no structural actions, no release date) are not shown.
    keys = [i.key for i in check["customised"].indicators]
    assert keys == ["needs-profile", "adjustments"]
    assert [i.key for i in check["coordinated"].indicators] == ["owners-and-dates"]


def test_fix_links_are_offered_only_to_people_who_may_follow_them():
    the_facts = facts(plan_facts=None, lead_count=2, the_child=child(first_language=""))
    everyone = evaluate(the_facts, {READ, CONTRIBUTE, EDIT})
    reader = evaluate(the_facts, {READ})
    contributor = evaluate(the_facts, {READ, CONTRIBUTE})

    def fixes(check):
        return {i.key: bool(i.fix_url) for c in check.cs for i in c.indicators}

    assert fixes(everyone)["vision"] and fixes(everyone)["needs-profile"]
    assert not fixes(reader)["vision"]
    assert fixes(reader)["same-lead"]  # the change history is for anyone who sees the child
    assert fixes(contributor)["vision"] and not fixes(contributor)["needs-profile"]


def test_met_indicators_carry_no_fix_link():
    check = evaluate(facts(entries=[voice(1)]), {READ, CONTRIBUTE, EDIT})
    recent = next(i for i in check["co_created"].indicators if i.key == "own-words-recent")
    assert recent.status == MET
    assert recent.fix_url is None


@pytest.fixture
def fresh_registry(monkeypatch):
    """A copy of the registry for the test, so plugged-in indicators do not outlive it."""
    monkeypatch.setattr(registry, "_loaders", dict(registry._loaders))
    monkeypatch.setattr(
        registry, "_indicators", {c: dict(found) for c, found in registry._indicators.items()}
    )


@pytest.mark.django_db
def test_a_later_app_plugs_in_an_indicator_and_the_data_it_reads(fresh_registry, camden, amara):
    children = [ChildFactory(owning_service=camden, lead_practitioner=amara) for _ in range(3)]
    calls = []

    # Named so as not to clash with the journey's own "meetings" loader and "took-part" indicator.
    @loader("visits", default=list)
    def load_visits(page_of_children, user):
        calls.append(len(page_of_children))
        return {page_of_children[0].id: ["took part"]}  # one query, for every child, in real life

    @indicator("co_created", "visited", "The child took part in the last visit")
    def took_part(the_facts: Facts):
        if the_facts.visits:
            return met("They took part in the last meeting.")
        return not_yet("They were not at the last meeting.", Fix("/meetings/"))

    results = five_cs_for(children, amara)
    assert calls == [3]  # loaded once for the whole page
    reasons = [results[c.id]["co_created"].indicators[-1].reason for c in children]
    assert reasons == [
        "They took part in the last meeting.",
        "They were not at the last meeting.",
        "They were not at the last meeting.",
    ]
    assert results[children[1].id]["co_created"].indicators[-1].fix_url == "/meetings/"


def test_registering_an_indicator_again_replaces_it_in_place(fresh_registry):
    before = [s.key for s in registry.indicators_for("constructive")]

    @indicator("constructive", "vision", "Vision recorded")
    def always_partly(the_facts):
        return partly("Replaced")

    assert [s.key for s in registry.indicators_for("constructive")] == before
    check = evaluate(facts(), {READ})
    assert check["constructive"].indicators[0].reason == "Replaced"


def test_an_indicator_that_returns_nothing_is_not_shown(fresh_registry):
    @indicator("consistent", "gaps-in-contact", "No long gaps in contact")
    def nothing_yet(the_facts):
        return None

    check = evaluate(facts(), {READ})
    assert "gaps-in-contact" not in [i.key for i in check["consistent"].indicators]


def test_an_indicator_for_an_unknown_c_is_refused():
    with pytest.raises(ValueError, match="Unknown C"):
        indicator("courageous", "x", "X")


def test_reading_data_no_loader_provides_says_which_loader_is_missing():
    with pytest.raises(AttributeError, match="No 5Cs loader called 'visits'"):
        _ = facts().visits
