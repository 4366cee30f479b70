"""The self-rating chart: "How sure do you feel you'll get there?" over time.

Drawn on the server as an inline SVG (no JavaScript, no inline styles), with a data table and a
sentence that say the same thing for people who cannot see the picture. Each point is one
conversation, oldest on the left, spaced evenly so that dates do not overlap.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import RATING_MAX, RATING_MIN, VoiceEntry

WIDTH = 640
HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 28, 48
INSET = 24  # keeps the first and last points off the axes
MAX_DATE_LABELS = 7


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    rating: int
    entry: VoiceEntry
    label: str  # the date, in full, for the data table and the point's title
    short_label: str  # the date on the axis, or "" when there is no room for it


@dataclass(frozen=True)
class GridLine:
    y: float
    value: int


@dataclass(frozen=True)
class Chart:
    points: list[Point]
    gridlines: list[GridLine]
    polyline: str
    summary: str
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    top: int = TOP
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def axis_label_y(self) -> int:
        return self.bottom_edge + 24


def _y(rating: int) -> float:
    span = HEIGHT - TOP - BOTTOM
    return round(TOP + (RATING_MAX - rating) * span / (RATING_MAX - RATING_MIN), 1)


def _xs(count: int) -> list[float]:
    start, end = LEFT + INSET, WIDTH - RIGHT - INSET
    if count == 1:
        return [round((start + end) / 2, 1)]
    step = (end - start) / (count - 1)
    return [round(start + i * step, 1) for i in range(count)]


def _labelled(count: int) -> set[int]:
    """Which points get a date on the axis: all when there is room, else evenly spread ones."""
    if count <= MAX_DATE_LABELS:
        return set(range(count))
    shown = MAX_DATE_LABELS
    return {round(j * (count - 1) / (shown - 1)) for j in range(shown)}


def summary(name: str, points: Sequence[Point]) -> str:
    """A sentence or two that says what the chart shows."""
    first, latest = points[0], points[-1]
    if len(points) == 1:
        return _(
            "%(name)s has been asked once how sure they feel they'll get there: "
            "%(rating)s out of 10 on %(date)s."
        ) % {"name": name, "rating": latest.rating, "date": latest.label}
    counted = ngettext(
        "%(name)s has been asked %(count)s time how sure they feel they'll get there.",
        "%(name)s has been asked %(count)s times how sure they feel they'll get there.",
        len(points),
    ) % {"name": name, "count": len(points)}
    values = {
        "latest": latest.rating,
        "date": latest.label,
        "first": first.rating,
        "first_date": first.label,
    }
    if latest.rating > first.rating:
        trend = _(
            "The latest answer, on %(date)s, was %(latest)s out of 10: up from %(first)s on "
            "%(first_date)s."
        )
    elif latest.rating < first.rating:
        trend = _(
            "The latest answer, on %(date)s, was %(latest)s out of 10: down from %(first)s on "
            "%(first_date)s."
        )
    else:
        trend = _(
            "The latest answer, on %(date)s, was %(latest)s out of 10: the same as on "
            "%(first_date)s."
        )
    ratings = [p.rating for p in points]
    extremes = _("The highest was %(high)s and the lowest %(low)s.") % {
        "high": max(ratings),
        "low": min(ratings),
    }
    return f"{counted} {trend % values} {extremes}"


def self_rating_chart(name: str, entries: Sequence[VoiceEntry]) -> Chart | None:
    """The chart for `entries` (any order); None when no conversation has a rating."""
    rated = sorted(
        (e for e in entries if e.self_rating is not None), key=lambda e: (e.recorded_on, e.pk)
    )
    if not rated:
        return None
    xs = _xs(len(rated))
    labelled = _labelled(len(rated))
    points = [
        Point(
            x=x,
            y=_y(entry.self_rating),
            rating=entry.self_rating,
            entry=entry,
            label=date_format(entry.recorded_on, "j F Y"),
            short_label=date_format(entry.recorded_on, "j M Y") if i in labelled else "",
        )
        for i, (x, entry) in enumerate(zip(xs, rated, strict=True))
    ]
    gridlines = [GridLine(_y(v), v) for v in range(RATING_MIN, RATING_MAX + 1)]
    return Chart(
        points=points,
        gridlines=gridlines,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        summary=summary(name, points),
    )
