"""Small numbers are never shown: THE rule, in one place, applied on screen and in every download.

1. A count from 1 to 4 is shown as "fewer than 5" (0 is shown: nobody is in it).
2. A rate is not shown when its denominator is from 1 to 4, nor when its numerator is from 1 to 4
   (the rate and its denominator would give the count away); the denominator is shown by rule 1.
3. Secondary suppression: where cells add up to a total that is shown (services to London, the
   remanded and sentenced to all children), one hidden cell could be worked out by subtracting the
   others from the total. So when exactly one cell of such a group is hidden, the smallest other
   cell that is not empty is hidden too, and this is repeated until no group has exactly one.

Zero is never hidden, and a hidden cell is never a reason to hide a total.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

SMALLEST_SHOWN = 5

SMALL = "small"  # hidden by rules 1 or 2
SECONDARY = "secondary"  # hidden by rule 3


def small(count: int | None) -> bool:
    return count is not None and 0 < count < SMALLEST_SHOWN


@dataclass
class Cell:
    """One figure: a count (`numerator` None), or a rate `numerator` / `denominator`."""

    denominator: int
    numerator: int | None = None
    hidden: str = ""  # "", SMALL or SECONDARY

    def __post_init__(self) -> None:
        if not self.hidden and self.primary():
            self.hidden = SMALL

    @property
    def is_rate(self) -> bool:
        return self.numerator is not None

    def primary(self) -> bool:
        if self.is_rate:
            return small(self.denominator) or small(self.numerator)
        return small(self.denominator)

    @property
    def size(self) -> int:
        """What hiding this cell protects: its count, or its numerator for a rate."""
        return self.numerator if self.is_rate else self.denominator

    @property
    def rate(self) -> float | None:
        """The rate as a percentage, or None when it may not be shown (or has no denominator)."""
        if not self.is_rate or self.hidden or not self.denominator:
            return None
        return 100 * self.numerator / self.denominator

    @property
    def count(self) -> int | None:
        """The count (or the numerator of a rate), or None when it may not be shown."""
        return None if self.hidden else self.size

    @property
    def denominator_shown(self) -> str:
        return shown_count(self.denominator)

    def __str__(self) -> str:
        """The cell as people read it, on screen and in downloads."""
        if self.is_rate:
            if self.denominator == 0:
                return _("no children")
            if self.hidden == SECONDARY:
                return _("not shown")
            if self.hidden:
                return _("not shown: fewer than 5")
            return f"{self.rate:.0f}%"
        if self.hidden == SECONDARY:
            return _("not shown")
        return shown_count(self.denominator)


def shown_count(count: int) -> str:
    """A count on its own (rule 1)."""
    return str(_("fewer than 5")) if small(count) else str(count)


def protect(groups: Iterable[list[Cell]]) -> None:
    """Rule 3 for groups of cells that each add up to a total that is shown. Cells may belong to
    more than one group (a row and a column); repeated until nothing changes."""
    groups = [list(group) for group in groups]
    changed = True
    while changed:
        changed = False
        for group in groups:
            hidden = [cell for cell in group if cell.hidden]
            if len(hidden) != 1:
                continue
            others = [cell for cell in group if not cell.hidden and cell.size > 0]
            if not others:
                continue
            smallest = min(others, key=lambda cell: (cell.size, cell.denominator))
            smallest.hidden = SECONDARY
            changed = True
