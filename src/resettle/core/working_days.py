"""Working days: Monday to Friday, not an England and Wales bank holiday.

Bank holidays come from the `govuk-bank-holidays` package's bundled copy of GOV.UK's list (never the
network), loaded once. Beyond the last year that copy knows, only weekends are skipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from govuk_bank_holidays.bank_holidays import BankHolidays


@cache
def bank_holidays() -> frozenset[date]:
    """England and Wales bank holidays (including substitute days), from the offline data."""
    holidays = BankHolidays(use_cached_holidays=True)
    return frozenset(
        h["date"] for h in holidays.get_holidays(division=BankHolidays.ENGLAND_AND_WALES)
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays()


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (before it, if `days` is negative).

    `start` itself is not counted, so 0 gives `start` back whatever day it is, and 1 gives the next
    working day.
    """
    step = timedelta(days=1 if days >= 0 else -1)
    remaining = abs(days)
    day = start
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days after `start` `end` is (negative when `end` is earlier)."""
    sign = 1 if end >= start else -1
    low, high = sorted((start, end))
    count = 0
    day = low
    while day < high:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return sign * count
