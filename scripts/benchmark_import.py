#!/usr/bin/env python
"""How fast the import from a case management system goes, and how much memory it takes.

    .venv/bin/python scripts/benchmark_import.py [--rows 50000]

Makes a throwaway SQLite database in a temporary folder, writes a children file and a legal
status file of `--rows` rows each (synthetic, clearly fictional), then checks them (the preview)
and imports them, and imports them again (which must change nothing). Reports rows per second and
the peak memory Python allocated (tracemalloc, which itself slows Python down somewhat). Not a
test: nothing is asserted except that the second import changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = ["Jay", "Ife", "Dan", "Rio", "Ada", "Kai", "Zed", "Ola", "Bo", "Tam"]
LAST = ["Exampleton", "Sampleford", "Fictionson", "Testwood", "Mockley"]
ETHNICITIES = ["not_stated", "white_british", "black_caribbean", "asian_indian", "mixed_other"]


def write_files(folder: Path, rows: int) -> tuple[Path, Path]:
    rng = random.Random(14)  # noqa: S311 - synthetic data, not security
    children, legal = folder / "children.csv", folder / "legal_status.csv"
    with children.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(
            [
                "source_system",
                "source_id",
                "preferred_name",
                "legal_name",
                "date_of_birth",
                "service_code",
                "care_status",
                "gender",
                "ethnicity",
                "first_language",
                "local_reference",
            ]
        )
        for n in range(rows):
            first = rng.choice(FIRST)
            dob = date(2008, 1, 1) + timedelta(days=rng.randrange(1500))
            writer.writerow(
                [
                    "benchmark",
                    f"BM-{n:06d}",
                    first,
                    f"{first} {rng.choice(LAST)}",
                    dob.isoformat(),
                    "camden",
                    rng.choice(["looked_after", "care_leaver", "neither"]),
                    rng.choice(["boy", "girl"]),
                    rng.choice(ETHNICITIES),
                    "English",
                    f"CAM-{n:06d}",
                ]
            )
    with legal.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["source_system", "source_id", "status_code", "start_date"])
        for n in range(rows):
            start = date(2026, 1, 1) + timedelta(days=rng.randrange(200))
            writer.writerow(
                ["benchmark", f"BM-{n:06d}", rng.choice(["YRO", "REFERRAL_ORDER"]), start]
            )
    return children, legal


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000, help="rows in each file")
    parser.add_argument(
        "--no-tracemalloc",
        action="store_true",
        help="time without measuring memory (tracemalloc slows Python down)",
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="resettle-import-benchmark-"))
    os.environ.update(
        RESETTLE_DEMO="1", RESETTLE_VAR_DIR=str(folder), DJANGO_SETTINGS_MODULE="resettle.settings"
    )
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    from resettle.accounts.models import Organisation, Role, User
    from resettle.api.importing import engine
    from resettle.audit.actors import Actor

    call_command("migrate", verbosity=0)
    camden = Organisation.objects.get(slug="camden")
    manager = User.objects.create_user(
        "benchmark.manager@camden.example",
        "benchmark-only-password",
        full_name="Benchmark Manager",
        organisation=camden,
        role=Role.YJS_MANAGER,
    )
    children, legal = write_files(folder, args.rows)
    print(f"{args.rows} children and {args.rows} legal status rows in {folder}")

    def timed(label: str, apply: bool):
        if not args.no_tracemalloc:
            tracemalloc.start()
        started = time.perf_counter()
        with children.open("rb") as c, legal.open("rb") as ls, open(os.devnull, "w") as rejected:
            result = engine.run(
                Actor(manager, via="command"),
                camden,
                "benchmark",
                c,
                ls,
                apply=apply,
                rejected=rejected,
            )
        seconds = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()  # (0, 0) when not tracing
        tracemalloc.stop()
        rows = 2 * args.rows
        counts = {name: r.counts for name, r in result.files.items()}
        print(
            f"{label}: {rows} rows in {seconds:.1f} s = {rows / seconds:.0f} rows/s; "
            f"peak memory {peak / 1024 / 1024:.1f} MiB; {counts}"
        )
        return result

    timed("check (preview)", apply=False)
    timed("import", apply=True)
    again = timed("the same files again", apply=True)
    assert again.changes == 0, "importing the same files twice changed something"


if __name__ == "__main__":
    main()
