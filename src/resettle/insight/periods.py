"""The periods figures are counted over: financial quarters (April to June is the first), financial
years (April to March) and custom dates. A period includes its first and last days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

# A custom period may be at most this long (the figures count day by day within it).
LONGEST_CUSTOM_DAYS = 731

QUARTER = "quarter"
YEAR = "year"
CUSTOM = "custom"


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str = CUSTOM

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return _("%(start)s to %(end)s") % {
                "start": f"{self.start:%B}",
                "end": f"{self.end:%B %Y}",
            }
        if self.kind == YEAR:
            return _("Financial year %(first)s to %(last)s") % {
                "first": self.start.year,
                "last": self.end.year,
            }
        return _("%(start)s to %(end)s") % {
            "start": f"{self.start:%-d %B %Y}",
            "end": f"{self.end:%-d %B %Y}",
        }

    @property
    def short_label(self) -> str:
        """For a chart's axis: "Apr–Jun 2026"."""
        if self.kind == QUARTER:
            return f"{self.start:%b}–{self.end:%b %Y}"
        return self.label

    @property
    def key(self) -> str:
        return f"{self.start.isoformat()}_{self.end.isoformat()}"

    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def before(self) -> Period:
        """The period before this one: the previous quarter or year, or as many days before."""
        if self.kind == QUARTER:
            return quarter_of(self.start - timedelta(days=1))
        if self.kind == YEAR:
            return financial_year_of(self.start - timedelta(days=1))
        length = self.end - self.start
        end = self.start - timedelta(days=1)
        return Period(end - length, end, CUSTOM)


def _quarter_start_month(month: int) -> int:
    # Financial quarters start in April, July, October and January.
    return {4: 4, 5: 4, 6: 4, 7: 7, 8: 7, 9: 7, 10: 10, 11: 10, 12: 10}.get(month, 1)


def quarter_of(day: date) -> Period:
    month = _quarter_start_month(day.month)
    start = date(day.year, month, 1)
    end_month = month + 3
    end = (
        date(day.year + 1, 1, 1) if end_month > 12 else date(day.year, end_month, 1)
    ) - timedelta(days=1)
    return Period(start, end, QUARTER)


def financial_year_of(day: date) -> Period:
    first = day.year if day.month >= 4 else day.year - 1
    return Period(date(first, 4, 1), date(first + 1, 3, 31), YEAR)


def quarters_ending(period: Period, count: int = 8) -> list[Period]:
    """`count` quarters, oldest first, the last of them the quarter `period` ends in."""
    quarters = [quarter_of(period.end)]
    while len(quarters) < count:
        quarters.insert(0, quarters[0].before())
    return quarters


def recent_quarters(today: date, count: int = 12) -> list[Period]:
    return list(reversed(quarters_ending(quarter_of(today), count)))


def recent_years(today: date, count: int = 5) -> list[Period]:
    years = [financial_year_of(today)]
    while len(years) < count:
        years.append(years[-1].before())
    return years
