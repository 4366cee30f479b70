"""Working days skip weekends and England and Wales bank holidays (the bundled GOV.UK list)."""

from __future__ import annotations

from datetime import date

import pytest

from resettle.core.working_days import (
    add_working_days,
    bank_holidays,
    is_working_day,
    working_days_between,
)


def test_bank_holidays_are_loaded_once_from_the_offline_list():
    assert bank_holidays() is bank_holidays()
    assert date(2026, 12, 25) in bank_holidays()
    assert date(2026, 3, 17) not in bank_holidays()  # St Patrick's Day: Northern Ireland only


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # An ordinary week: Monday + 4 is Friday, + 5 is the next Monday.
        (date(2026, 3, 2), 4, date(2026, 3, 6)),
        (date(2026, 3, 2), 5, date(2026, 3, 9)),
        (date(2026, 3, 6), 1, date(2026, 3, 9)),  # Friday + 1 is Monday
        (date(2026, 3, 7), 1, date(2026, 3, 9)),  # Saturday + 1 is Monday
        (date(2026, 3, 7), 0, date(2026, 3, 7)),  # nothing added: the same day
        # Christmas 2026: Friday 25 December, Boxing Day substitute Monday 28 December,
        # New Year's Day Friday 1 January 2027.
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        (date(2026, 12, 24), 3, date(2026, 12, 31)),
        (date(2026, 12, 24), 4, date(2027, 1, 4)),
        # Christmas 2021: both days fall at the weekend; substitutes on 27 and 28 December, and New
        # Year's Day 2022 (a Saturday) on Monday 3 January.
        (date(2021, 12, 24), 1, date(2021, 12, 29)),
        (date(2021, 12, 31), 1, date(2022, 1, 4)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April.
        (date(2026, 4, 2), 1, date(2026, 4, 7)),
        (date(2026, 3, 30), 10, date(2026, 4, 15)),
        # Early May bank holiday (Monday 4 May 2026).
        (date(2026, 5, 1), 1, date(2026, 5, 5)),
        # Spring bank holiday (Monday 25 May 2026).
        (date(2026, 5, 22), 1, date(2026, 5, 26)),
        # Summer bank holiday (Monday 31 August 2026).
        (date(2026, 8, 28), 1, date(2026, 9, 1)),
        # 2022's moved spring bank holiday and the Platinum Jubilee (Thursday and Friday).
        (date(2022, 6, 1), 1, date(2022, 6, 6)),
    ],
)
def test_adding_working_days(start, days, expected):
    assert add_working_days(start, days) == expected
    assert working_days_between(start, expected) == days


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # 20 working days before Monday 11 January 2027, across Christmas and New Year.
        (date(2027, 1, 11), -20, date(2026, 12, 9)),
        (date(2026, 4, 7), -1, date(2026, 4, 2)),  # back over Easter
        (date(2026, 12, 29), -1, date(2026, 12, 24)),
    ],
)
def test_counting_working_days_back_from_a_date(start, days, expected):
    assert add_working_days(start, days) == expected


def test_which_days_are_working_days():
    assert is_working_day(date(2026, 3, 4))
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day, substitute
    assert not is_working_day(date(2020, 5, 8))  # early May bank holiday moved for VE Day
