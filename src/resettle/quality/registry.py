"""The 5Cs check is pluggable: a registry of indicators for each C, and of the data they read.

An **indicator** is a function `(facts) -> Finding | None` registered for one C. It returns `met`,
`partly` or `not_yet` with a one-line reason in plain words and, when not met, a `Fix` (where to
put it right), or None when it does not apply to this child (for example "accommodation before
release" for a child with no release date).

A **loader** fetches, for a whole page of children at once, what indicators read: a function
`(children, user) -> {child.id: value}` that makes a fixed number of queries however many children
there are. Indicators read the values as attributes of `facts` (`facts.plan`, `facts.voice`).

A later app (meetings, the network) adds its own indicators in its `AppConfig.ready()`::

    from resettle.quality.registry import indicator, loader, met, not_yet

    @loader("meetings", default=list)
    def load_meetings(children, user):
        ...  # one query for all the children

    @indicator("co_created", "took-part", _("The child took part in the last planning meeting"))
    def took_part(facts):
        ...

and the plan page, the 5Cs page and the caseload show them without further changes. Indicators
for data that does not exist yet are simply not registered: nothing is shown as "not yet" for data
Resettle cannot hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.utils import translation

from .models import FIVE_CS, Rating

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child

# What a person must be able to do for a fix link to be offered to them.
READ = "read"  # anyone who sees the child (a page to look at)
CONTRIBUTE = "contribute"  # add to the child's voice and plan (access.policy.can_contribute)
EDIT = "edit"  # change the child's details (access.policy.can_edit_child)

TAG_COLOURS = {Rating.MET: "green", Rating.PARTLY: "yellow", Rating.NOT_YET: "grey"}


@dataclass(frozen=True)
class Fix:
    url: str
    needs: str = CONTRIBUTE


@dataclass(frozen=True)
class Finding:
    """What an indicator found for one child."""

    status: str
    reason: str
    fix: Fix | None = None


def met(reason: str) -> Finding:
    return Finding(Rating.MET, reason)


def partly(reason: str, fix: Fix | None = None) -> Finding:
    return Finding(Rating.PARTLY, reason, fix)


def not_yet(reason: str, fix: Fix | None = None) -> Finding:
    return Finding(Rating.NOT_YET, reason, fix)


def combine(statuses: list[str]) -> str | None:
    """A C's status from its indicators': met if all are met, not yet if none is, else partly."""
    if not statuses:
        return None
    if all(s == Rating.MET for s in statuses):
        return Rating.MET
    if all(s == Rating.NOT_YET for s in statuses):
        return Rating.NOT_YET
    return Rating.PARTLY


class _Status:
    status: str | None

    @property
    def status_label(self) -> str:
        return Rating(self.status).label if self.status else ""

    @property
    def tag_colour(self) -> str:
        return TAG_COLOURS.get(self.status, "grey")

    @property
    def is_met(self) -> bool:
        return self.status == Rating.MET


@dataclass
class IndicatorResult(_Status):
    key: str
    label: str
    status: str
    reason: str
    fix_url: str | None = None  # the fix's link, if the person may follow it
    fix: Fix | None = None  # the fix as the indicator gave it, whoever looks (quality/kept.py)


@dataclass
class CResult(_Status):
    key: str
    name: str
    meaning: str
    indicators: list[IndicatorResult] = field(default_factory=list)

    @property
    def status(self) -> str | None:
        return combine([i.status for i in self.indicators])


@dataclass
class FiveCs:
    """The computed 5Cs check for one child."""

    child: Child
    cs: list[CResult]

    @property
    def met_count(self) -> int:
        return sum(1 for c in self.cs if c.status == Rating.MET)

    @property
    def not_met(self) -> list[CResult]:
        """The Cs not met yet (partly or not yet), in order. (Each C's status is worked out from
        its indicators once here: a caseload asks this of every row.)"""
        return [c for c in self.cs if (status := c.status) is not None and status != Rating.MET]

    def __getitem__(self, key: str) -> CResult:
        for c in self.cs:
            if c.key == key:
                return c
        raise KeyError(key)  # templates try a key before an attribute, and expect KeyError


class Facts:
    """What the indicators know about one child: `child`, `user`, `today` and each loader's value,
    as an attribute named after the loader."""

    def __init__(
        self,
        child: Child,
        user: User | None,
        today: date,
        data: dict[str, Any],
        *,
        light: bool = False,
    ):
        self.child = child
        self.user = user
        self.today = today
        self._data = data
        # Only the rating is wanted (a list): indicators need not make links (see `evaluate`).
        self.light = light

    def __getattr__(self, name: str) -> Any:
        data = self.__dict__.get("_data", {})
        if name in data:
            return data[name]
        raise AttributeError(f"No 5Cs loader called {name!r} (register one with @loader)")


# ---- The registry -------------------------------------------------------------------------------

Loader = Callable[[list["Child"], "User | None"], dict[int, Any]]
IndicatorFunction = Callable[[Facts], "Finding | None"]


@dataclass(frozen=True)
class _LoaderSpec:
    name: str
    function: Loader
    default: Callable[[], Any]


@dataclass(frozen=True)
class _IndicatorSpec:
    key: str
    label: str
    function: IndicatorFunction


_loaders: dict[str, _LoaderSpec] = {}
_indicators: dict[str, dict[str, _IndicatorSpec]] = {key: {} for key, _n, _m in FIVE_CS}


def loader(name: str, default: Callable[[], Any] = lambda: None):
    """Register a bulk loader; `default()` is the value for a child the loader returns nothing
    for. Registering the same name again replaces it."""

    def register(function: Loader) -> Loader:
        _loaders[name] = _LoaderSpec(name, function, default)
        return function

    return register


def indicator(c: str, key: str, label: str):
    """Register an indicator for the C `c` (a key of models.FIVE_CS). Indicators show in the order
    they are registered; registering the same key again replaces it in place."""
    if c not in _indicators:
        raise ValueError(f"Unknown C {c!r}: one of {list(_indicators)}")

    def register(function: IndicatorFunction) -> IndicatorFunction:
        _indicators[c][key] = _IndicatorSpec(key, label, function)
        return function

    return register


def loaders() -> list[_LoaderSpec]:
    return list(_loaders.values())


def indicators_for(c: str) -> list[_IndicatorSpec]:
    return list(_indicators[c].values())


def evaluate(facts: Facts, allowed: set[str], *, light: bool = False) -> FiveCs:
    """Run every registered indicator for one child. `allowed` says which fixes the person may
    follow (READ, CONTRIBUTE, EDIT); other fixes are not offered as links.

    `light` is for lists, which show only which Cs are met: the indicators run untranslated and
    without links (their reasons are thrown away), which makes the rating several times cheaper.
    The statuses are the same; the child's 5Cs page shows the reasons.
    """
    cs = []
    for key, name, meaning in FIVE_CS:
        result = CResult(key=key, name=str(name), meaning=str(meaning))
        for spec in indicators_for(key):
            if light:
                with translation.override(None):
                    finding = spec.function(facts)
                if finding is not None:
                    result.indicators.append(
                        IndicatorResult(key=spec.key, label="", status=finding.status, reason="")
                    )
                continue
            finding = spec.function(facts)
            if finding is None:
                continue
            fix = finding.fix
            result.indicators.append(
                IndicatorResult(
                    key=spec.key,
                    label=str(spec.label),
                    status=finding.status,
                    reason=finding.reason,
                    fix_url=fix.url
                    if fix and finding.status != Rating.MET and fix.needs in allowed
                    else None,
                    fix=fix if finding.status != Rating.MET else None,
                )
            )
        cs.append(result)
    return FiveCs(facts.child, cs)
