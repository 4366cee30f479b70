"""The red, amber, green rule, at its edges. Working days skip weekends and bank holidays."""

from __future__ import annotations

from datetime import date

from resettle.core.working_days import add_working_days
from resettle.plans.facts import PlansB
from resettle.release.models import ReleasePlan
from resettle.release.readiness import Rag, readiness

MONDAY = date(2026, 3, 2)


def everything_done() -> ReleasePlan:
    return ReleasePlan(
        accommodation_confirmed_on=MONDAY,
        ete_confirmed_on=MONDAY,
        health_handover_on=MONDAY,
        who_meets="Mum",
        transport="Car",
        first_appointment="YJS at 2pm",
    )


# The plans B for accommodation and ETE, each told to the child (plans.facts.key_plans_b).
TOLD = PlansB(present=["accommodation", "ete"], told=["accommodation", "ete"])


def test_no_address_ten_working_days_before_release_is_red():
    release = add_working_days(MONDAY, 10)
    assert release == date(2026, 3, 16)
    result = readiness(None, release, MONDAY)
    assert (result.rag, result.working_days_left) == (Rag.RED, 10)


def test_no_address_eleven_working_days_before_release_is_amber():
    result = readiness(None, add_working_days(MONDAY, 11), MONDAY)
    assert (result.rag, result.working_days_left) == (Rag.AMBER, 11)


def test_no_address_on_release_day_is_red():
    assert readiness(ReleasePlan(), MONDAY, MONDAY).rag == Rag.RED


def test_a_confirmed_address_is_amber_near_release_while_other_items_are_missing():
    plan = ReleasePlan(accommodation_confirmed_on=MONDAY)
    result = readiness(plan, add_working_days(MONDAY, 2), MONDAY)
    assert result.rag == Rag.AMBER
    assert [item.key for item in result.missing] == [
        "ete",
        "health",
        "release_day",
        "contingencies",
    ]


def test_everything_done_is_green():
    assert readiness(everything_done(), add_working_days(MONDAY, 3), MONDAY, TOLD).rag == Rag.GREEN


def test_a_release_day_plan_needs_who_meets_transport_and_first_appointment():
    plan = everything_done()
    plan.transport = "  "
    result = readiness(plan, add_working_days(MONDAY, 30), MONDAY, TOLD)
    assert result.rag == Rag.AMBER
    assert [item.key for item in result.missing] == ["release_day"]


def test_bank_holidays_do_not_count_as_working_days():
    # Good Friday (3 April 2026) and Easter Monday (6 April 2026) are bank holidays: 8 April is
    # 16 calendar days after 23 March but only 10 working days.
    on = date(2026, 3, 23)
    assert readiness(None, date(2026, 4, 8), on).rag == Rag.RED
    assert readiness(None, date(2026, 4, 9), on).rag == Rag.AMBER


def test_without_a_release_date_missing_items_are_amber_not_red():
    result = readiness(None, None, MONDAY)
    assert (result.rag, result.working_days_left) == (Rag.AMBER, None)


def test_every_status_has_words_not_only_a_colour():
    assert [str(r.label) for r in Rag] == [
        "Red: no confirmed address",
        "Amber: not ready yet",
        "Green: ready",
    ]
