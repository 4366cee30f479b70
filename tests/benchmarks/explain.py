"""EXPLAIN (ANALYZE, BUFFERS) of the queries behind the service-wide pages, for the evidence in
docs/performance.md:

    DATABASE_URL=postgres://... python tests/benchmarks/explain.py [--only NAME] > plans.txt

Run against a database made by `generate_data`, as the demo's case worker and manager of Camden
(the largest service). PostgreSQL only.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def queries():
    from django.db.models import Count, Window

    from resettle.access import parts, policy
    from resettle.accounts.models import User
    from resettle.children.forms import CaseloadFilterForm
    from resettle.children.models import Child
    from resettle.core.dates import today
    from resettle.estate import queries as estate
    from resettle.release.queries import (
        IdsFirst,
        due_for_release,
        releases_in_scope,
    )
    from resettle.web import week

    amara = User.objects.get(email="caseworker@camden.example")
    priya = User.objects.get(email="manager@camden.example")
    chloe = User.objects.get(email="practitioner@feltham.example")
    first = week.SECTION_LIMIT + 1  # My week reads one more row than it shows
    # The caseload as it reads a page (web.caseload): the page's ids from the parts in order,
    # then those children; the count from the ids alone.
    service = policy.in_scope_parts(Child.objects.for_caseload(), priya, "service")
    mine = policy.in_scope_parts(Child.objects.for_caseload(), amara, "mine")
    searched = [part.search("Jam") for part in service]
    by_name = CaseloadFilterForm.SORTS["name"]
    ends_on = week.week_of(today())[1]
    return {
        "caseload, whole service, page 1": parts.in_order(service, by_name)[:25],
        "caseload, whole service, the ids it counts": policy.combine(
            [part.values("id") for part in service]
        ),
        "caseload, the page's children": Child.objects.for_caseload().filter(
            id__in=[row["id"] for row in parts.in_order(service, by_name)[:25]]
        ),
        "caseload, mine": parts.in_order(mine, by_name)[:25],
        "caseload, by age, page 5": parts.in_order(service, CaseloadFilterForm.SORTS["-age"])[
            100:125
        ],
        "caseload, search": parts.in_order(searched, by_name)[:25],
        "releases, whole service": due_for_release(
            policy.in_scope(Child.objects.all(), priya, "service")
        ),
        # As the releases page reads a page: its rows, each with how many in all (web.week.page_of).
        "releases, whole service, page 1": releases_in_scope(priya, "service").annotate(
            in_all=Window(Count("id"))
        )[: week.PAGE_SIZE],
        "releases, whole service, page 3": releases_in_scope(priya, "service").annotate(
            in_all=Window(Count("id"))
        )[2 * week.PAGE_SIZE : 3 * week.PAGE_SIZE],
        # As My week reads it: the first rows' ids from each part's index, then those children.
        "my week, not seen, whole service": week.not_seen(
            policy.in_scope_parts(Child.objects.all(), priya, "service"), today()
        ).ids(slice(0, first)),
        # As My week reads them: the first rows' ids from the kept open touchpoints' indexes.
        "my week, touchpoints, whole service": week.service_touchpoints_due(priya, ends_on).ids(
            slice(0, first)
        ),
        # As My week reads them: the first rows' ids from the kept open actions' indexes.
        "my week, actions, mine": week.actions_due(amara, "mine", ends_on).ids(slice(0, first)),
        "my week, actions, whole service": week.actions_due(priya, "service", ends_on).ids(
            slice(0, first)
        ),
        "establishment, placed here, page 1": IdsFirst(estate.placed_here(chloe)).rows(
            slice(0, 25)
        ),
        "establishment, placed here, count": estate.placed_here(chloe).values("child_id"),
        "establishment, our week, touchpoints": IdsFirst(estate.our_week_touchpoints(chloe)).rows(
            slice(0, estate.SECTION_LIMIT + 1)
        ),
        "establishment, our week, actions expected": estate.actions_expected_of_us(chloe).ids(
            slice(0, estate.SECTION_LIMIT + 1)
        ),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only")
    parser.add_argument("--set", action="append", default=[], help="e.g. join_collapse_limit=16")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resettle.settings")
    os.environ.setdefault("RESETTLE_DEMO", "1")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    from django.db import connection

    for setting in args.set:
        name, value = setting.split("=")
        with connection.cursor() as cursor:
            cursor.execute(f"SET {name} = %s", [value])
    for name, queryset in queries().items():
        if args.only and args.only not in name:
            continue
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
            plan = [row[0] for row in cursor.fetchall()]
        print(f"==== {name}")
        print("\n".join(plan))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
