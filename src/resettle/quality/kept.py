"""The light 5Cs rating, kept: lists show each child's rating without working it out each time.

The caseload shows, for each of its children, how many of the 5Cs are met and which are not yet
(the light rating: `queries.five_cs_for(..., light=True)`). Working that out reads a dozen tables
and runs every indicator, for every row, on every view. So the rating is kept per child
(`models.KeptRating`) and reused while it is current:

* **Current** means rated today and not marked since. The check reads today's date (touchpoints
  fall due, words get old), so yesterday's rating is never reused.
* **Marked out of date in one place** (`receivers.py`): any save or delete of the child or of a
  record that belongs to a child (every model with a child-scoped manager), any change to their
  many-to-many links, and every `child_record_changed` signal (which covers the touchpoints that
  services update in bulk) gives the child's rating a new `generation`, in the same transaction.
* **Never overwritten by an older view**: a list that rates a child writes the rating back only
  where the generation it read is still there, so a rating worked out from the record as it was
  before a change cannot replace the mark that change made (`_keep`).

**The plan page's summary** (which Cs are not met yet, each indicator not met and the link to put
it right) is kept beside the rating, as `findings`, by the first view of the plan that day
(`summary_check`): the same marks and the same generation rule clear it. The links are kept as
the indicators gave them, with what each needs, and offered only to a person allowed to follow
them; the reasons are not kept (the 5Cs page shows them, worked out each time).

Partner practitioners count only the conversations shared with them, so their rating can differ
from everyone else's: it is worked out for them each time and never kept. `tests/conftest.py`
checks, after every test that used the database, that every kept rating still equals one worked out
afresh, so a way of changing a child's record that forgets to mark it fails the suite.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from functools import lru_cache, reduce
from operator import or_

from django.db import transaction
from django.db.models import Case, CharField, Q, Value, When
from django.utils.translation import get_language

from resettle.accounts.models import Role
from resettle.children.models import Child
from resettle.core.dates import today

from .models import FIVE_CS, KeptRating, Rating
from .queries import _allowed, five_cs, five_cs_for
from .registry import CResult, FiveCs, IndicatorResult, indicators_for

CODES = {Rating.MET: "m", Rating.PARTLY: "p", Rating.NOT_YET: "n", None: "-"}
STATUSES = {code: status for status, code in CODES.items()}
# Children rated in one go at most (SQLite limits how deep one statement's conditions may be).
CHUNK = 250


def encode(check: FiveCs) -> str:
    return "".join(CODES[c.status] for c in check.cs)


def decode(child: Child, statuses: str) -> FiveCs:
    """A light result (statuses only), as `five_cs_for(..., light=True)` gives."""
    return FiveCs(child, _cs(statuses, get_language()))


@lru_cache(maxsize=1024)
def _cs(statuses: str, language: str | None) -> list[CResult]:
    """The Cs of a rating, named in the language: the same for every child rated alike (and
    only read), so made once."""
    cs = []
    for (key, name, meaning), code in zip(FIVE_CS, statuses, strict=True):
        status = STATUSES[code]
        indicators = [IndicatorResult(key="kept", label="", status=status, reason="")]
        cs.append(CResult(key, str(name), str(meaning), indicators if status else []))
    return cs


def forget(child_ids: Iterable[int]) -> None:
    """Mark these children's kept ratings out of date (inside the caller's transaction)."""
    ids = sorted({i for i in child_ids if i is not None})
    if not ids:
        return
    KeptRating.objects.bulk_create(
        [KeptRating(child_id=i, generation=secrets.randbits(62), rated_on=None) for i in ids],
        update_conflicts=True,
        unique_fields=["child"],
        update_fields=["generation", "rated_on", "findings"],
    )


def is_kept_for(user) -> bool:
    return user is None or user.role != Role.PARTNER_PRACTITIONER


def ratings_for(children: Iterable[Child], user) -> dict[int, FiveCs]:
    """The light rating of each child as `user` sees it: kept ones reused, the rest worked out
    (and kept). One query when every rating is current; the check's own queries and two writes
    more when some are not. Children as `five_cs_for` wants them (`Child.for_caseload`)."""
    children = list(children)
    if not children:
        return {}
    if not is_kept_for(user):
        return five_cs_for(children, user, light=True)
    if len(children) > CHUNK:  # a whole service's figures: in chunks the database can take
        results: dict[int, FiveCs] = {}
        for start in range(0, len(children), CHUNK):
            results.update(ratings_for(children[start : start + CHUNK], user))
        return results
    on = today()
    rows = {
        child_id: (statuses, rated_on, generation)
        for child_id, statuses, rated_on, generation in KeptRating.objects.filter(
            child_id__in=[c.id for c in children]
        ).values_list("child_id", "statuses", "rated_on", "generation")
    }
    results: dict[int, FiveCs] = {}
    stale = []
    for child in children:
        statuses, rated_on, _generation = rows.get(child.id, ("", None, None))
        if rated_on == on and len(statuses) == len(FIVE_CS):
            results[child.id] = decode(child, statuses)
        else:
            stale.append(child)
    if stale:
        worked_out = five_cs_for(stale, None, on=on, light=True)
        results.update(worked_out)
        _keep({c.id: encode(worked_out[c.id]) for c in stale}, rows, on)
    return results


def _keep(statuses: dict[int, str], rows: dict, on) -> None:
    """Write ratings back: new rows where there were none, and existing rows only where the
    generation read is still current (otherwise the record changed meanwhile: leave the mark)."""
    with transaction.atomic():
        missing = [i for i in statuses if i not in rows]
        if missing:
            KeptRating.objects.bulk_create(
                [KeptRating(child_id=i, statuses=statuses[i], rated_on=on) for i in missing],
                ignore_conflicts=True,  # marked meanwhile: the mark stays
            )
        known = [i for i in statuses if i in rows]
        if known:
            still = reduce(or_, (Q(child_id=i, generation=rows[i][2]) for i in known))
            KeptRating.objects.filter(still).update(
                statuses=Case(
                    *(When(child_id=i, then=Value(statuses[i])) for i in known),
                    output_field=CharField(),
                ),
                rated_on=on,
                findings=None,  # an earlier day's summary: no longer current
            )


def attach_five_cs(children: Iterable[Child], user) -> list[Child]:
    """For a list page: give each child a `five_cs` attribute, the light rating (which Cs are
    met), without the reasons and fixes the child's 5Cs page shows; kept ratings reused."""
    children = list(children)
    results = ratings_for(children, user)
    for child in children:
        child.five_cs = results[child.id]
    return children


# ---- The plan page's summary --------------------------------------------------------------------


def encode_findings(check: FiveCs) -> list[list[str]]:
    """Each indicator's finding as the summary needs it, whoever looks (see `summary_check`)."""
    return [
        [
            c.key,
            i.key,
            CODES[i.status],
            i.fix.url if i.fix else "",
            i.fix.needs if i.fix else "",
        ]
        for c in check.cs
        for i in c.indicators
    ]


def _decode_findings(child: Child, findings, allowed: set[str]) -> FiveCs | None:
    """The summary from kept findings, with the links `allowed` lets the person follow; None
    when they no longer fit the check (an indicator renamed or removed since)."""
    labels = {(key, s.key): s.label for key, _n, _m in FIVE_CS for s in indicators_for(key)}
    by_c: dict[str, list[IndicatorResult]] = {key: [] for key, _n, _m in FIVE_CS}
    try:
        for c_key, key, code, url, needs in findings:
            status = STATUSES[code]
            by_c[c_key].append(
                IndicatorResult(
                    key=key,
                    label=str(labels[c_key, key]),
                    status=status,
                    reason="",
                    fix_url=url if url and status != Rating.MET and needs in allowed else None,
                )
            )
    except (KeyError, TypeError, ValueError):
        return None
    return FiveCs(
        child,
        [CResult(key, str(name), str(meaning), by_c[key]) for key, name, meaning in FIVE_CS],
    )


def summary_check(child: Child, user, known: dict | None = None) -> FiveCs:
    """The check as the plan page's summary shows it: each C's status and, for what is not met,
    the indicator's label and the link to put it right (no reasons). From the kept findings when
    current (one query), otherwise worked out in full and kept. `known`: what the page already
    loaded (as `five_cs_for` takes it)."""
    if not is_kept_for(user):
        return five_cs(child, user, known=known)
    on = today()
    row = (
        KeptRating.objects.filter(child_id=child.id)
        .values_list("statuses", "rated_on", "generation", "findings")
        .first()
    )
    if row is not None and row[1] == on and row[3] is not None:
        found = _decode_findings(child, row[3], _allowed(user, child))
        if found is not None:
            return found
    check = five_cs(child, user, known=known, on=on)
    statuses, findings = encode(check), encode_findings(check)
    with transaction.atomic():
        if row is None:
            KeptRating.objects.bulk_create(
                [KeptRating(child_id=child.id, statuses=statuses, rated_on=on, findings=findings)],
                ignore_conflicts=True,  # marked or rated meanwhile: that row stays
            )
        else:  # only if not marked since it was read
            KeptRating.objects.filter(child_id=child.id, generation=row[2]).update(
                statuses=statuses, rated_on=on, findings=findings
            )
    return check
