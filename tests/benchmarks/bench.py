"""`make benchmark`: every practitioner page timed against the floor, at a stated scale.

    python tests/benchmarks/bench.py [--children 3000] [--services 40] [--rounds 15]
                                     [--json results.json] [--compare earlier.json]

Uses the database DATABASE_URL names (PostgreSQL, or the SQLite file `make benchmark` chooses),
first making the synthetic population with `generate_data` if it has fewer children than asked for.
Each round asks for every page once, each right after the floor (a signed-in page that renders a
one-line template through the same middleware), so both see the same machine. Prints each page's
median and 95th percentile, its ratio to the floor's median, and how many queries it runs; saves
them as JSON; and, given an earlier JSON, shows what changed. A benchmark, not a test: nothing fails
on time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Page:
    name: str
    user: object
    url: str
    search: str = ""  # typed into the caseload's search box first (kept in the session)
    times: list[float] = field(default_factory=list)
    floor: list[float] = field(default_factory=list)
    queries: int = 0
    status: int = 0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def pages() -> list[Page]:
    """The pages, as the people who use them most see them."""
    from django.urls import reverse

    from resettle.accounts.models import User
    from resettle.children.models import Child

    amara = User.objects.get(email="caseworker@camden.example")
    priya = User.objects.get(email="manager@camden.example")
    chloe = User.objects.get(email="practitioner@feltham.example")
    mine = Child.objects.filter(lead_practitioner=amara)
    child = (
        mine.filter(plan__isnull=False, legal_statuses__status="sentenced_custody").first()
        or mine.first()
    )
    someone = Child.objects.filter(owning_service=amara.organisation).order_by("id")
    name = someone[len(someone) // 2].preferred_name[:4] if someone.exists() else "a"
    caseload = reverse("children:caseload")
    listed = [
        Page("caseload, mine", amara, f"{caseload}?scope=mine"),
        Page("caseload, whole service", amara, f"{caseload}?scope=service"),
        Page("caseload, search", amara, f"{caseload}?scope=service", search=name),
        Page("caseload, by age, page 5", amara, f"{caseload}?scope=service&sort=-age&page=5"),
        Page("my week, mine", amara, reverse("release:my-week") + "?scope=mine"),
        Page("my week, whole service", priya, reverse("release:my-week")),
        Page("releases, whole service", priya, reverse("release:upcoming") + "?scope=service"),
        Page("establishment, placed here", chloe, reverse("estate:workspace")),
        Page("establishment, our week", chloe, reverse("estate:week")),
    ]
    # The partnership's figures, the menu of support, guidance and referrals, for whoever
    # the population has to use them.
    lead = User.objects.filter(email="lead@partnership.example").first()
    if lead is not None:
        listed += [
            Page("partnership overview", lead, reverse("insight:overview")),
            Page("partnership, services x measures", lead, reverse("insight:services")),
        ]
    listed += [
        Page("service figures (manager)", priya, reverse("insight:service")),
        Page("guidance", amara, reverse("knowledge:index")),
        Page("directory search", amara, reverse("directory:search") + "?q=college"),
    ]
    partner = User.objects.filter(email="partner@skills-college.example").first()
    if partner is not None:
        listed.append(Page("referrals inbox", partner, reverse("referrals:inbox")))
    if child is not None:
        about = [child.public_id]
        listed += [
            Page("child summary", amara, reverse("children:detail", args=about)),
            Page("plan", amara, reverse("plans:plan", args=about)),
            Page("5Cs", amara, reverse("quality:child", args=about)),
            Page("network", amara, reverse("network:network", args=about)),
            Page("notes", amara, reverse("notes:notes", args=about)),
            Page("release", amara, reverse("release:checklist", args=about)),
            Page("voice", amara, reverse("voice:overview", args=about)),
        ]
    return listed


def measure(listed: list[Page], *, rounds: int = 15, warmup: int = 2) -> dict:
    """Time every page, each right after the floor, `rounds` times. Returns the results."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    floor_url = reverse("floor")
    clients: dict[tuple, Client] = {}
    for page in listed:
        client = clients.setdefault((page.user.pk, page.search), Client())
        client.force_login(page.user)
        if page.search:
            client.post(reverse("children:caseload"), {"q": page.search, "scope": "service"})
        page.client = client

    def timed(client, url) -> tuple[float, int]:
        started = time.perf_counter()
        response = client.get(url)
        return time.perf_counter() - started, response.status_code

    for round_ in range(warmup + rounds):
        for page in listed:
            floor_took, status = timed(page.client, floor_url)
            if status != 200:
                raise RuntimeError(f"The floor page answered {status}: the benchmark is wrong")
            took, page.status = timed(page.client, page.url)
            if round_ >= warmup:
                page.floor.append(floor_took)
                page.times.append(took)
    for page in listed:  # the fewer of two, as a session is sometimes saved on the way
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                page.client.get(page.url)
            counts.append(len(queries))
        page.queries = min(counts)
    floor = [t for page in listed for t in page.floor]
    floor_median = statistics.median(floor)
    return {
        "floor": {
            "median_ms": round(floor_median * 1000, 2),
            "p95_ms": round(_p95(floor) * 1000, 2),
        },
        "pages": {
            page.name: {
                "median_ms": round(statistics.median(page.times) * 1000, 2),
                "p95_ms": round(_p95(page.times) * 1000, 2),
                "ratio": round(statistics.median(page.times) / floor_median, 1),
                "queries": page.queries,
                "status": page.status,
            }
            for page in listed
        },
    }


def table(results: dict, earlier: dict | None = None) -> str:
    lines = []
    head = f"{'page':<28} {'median ms':>10} {'p95 ms':>9} {'x floor':>8} {'queries':>8}"
    if earlier:
        head += f" {'was x floor':>12} {'change':>8}"
    lines.append(head)
    floor = results["floor"]
    lines.append(f"{'(floor)':<28} {floor['median_ms']:>10} {floor['p95_ms']:>9} {1.0:>8} {'':>8}")
    for name, row in results["pages"].items():
        line = (
            f"{name:<28} {row['median_ms']:>10} {row['p95_ms']:>9} {row['ratio']:>8} "
            f"{row['queries']:>8}"
        )
        if row["status"] != 200:
            line += f"  (status {row['status']})"
        was = (earlier or {}).get("pages", {}).get(name)
        if was:
            change = (row["median_ms"] - was["median_ms"]) / was["median_ms"] * 100
            line += f" {was['ratio']:>12} {change:>+7.0f}%"
        lines.append(line)
    return "\n".join(lines)


def prepare(children: int, services: int, write) -> int:
    """Make sure the database holds the population asked for; returns how many children."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from resettle.children.models import Child

    if Child.objects.count() < children:
        from resettle.web.demo.scale import generate

        generate(children=children, services=services, write=write)
    return Child.objects.count()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=3000)
    parser.add_argument("--services", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json", help="Save the results to this file")
    parser.add_argument("--compare", help="Compare with the results saved in this file")
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resettle.settings")
    os.environ.setdefault("RESETTLE_DEMO", "1")
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django
    from django.conf import settings

    django.setup()
    settings.ROOT_URLCONF = "tests.benchmarks.urls"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]  # the test client's host
    from django.db import connection

    def write(text):
        sys.stdout.write(text)
        sys.stdout.flush()

    total = prepare(args.children, args.services, write)
    print(f"Benchmark: {total} children on {connection.vendor}, {args.rounds} rounds")
    results = measure(pages(), rounds=args.rounds, warmup=args.warmup)
    results["meta"] = {
        "children": total,
        "database": connection.vendor,
        "rounds": args.rounds,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    earlier = json.loads(Path(args.compare).read_text()) if args.compare else None
    print(table(results, earlier))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2) + "\n")
        print(f"Saved to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
