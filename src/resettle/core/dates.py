"""Date helpers used across domains."""

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def age_on(date_of_birth: date, on: date | None = None) -> int:
    """Whole years between date_of_birth and `on` (today by default)."""
    on = on or today()
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def years_ago(years: int, on: date | None = None) -> date:
    """The same calendar day `years` years before `on`; 29 February falls back to 28 February."""
    on = on or today()
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)
