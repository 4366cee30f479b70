#!/usr/bin/env python
"""How many audit entries a second the trail takes, with 1, 4 and 16 writers at once.

    DATABASE_URL=postgres://.../resettle_scale_audit .venv/bin/python scripts/audit_appends.py \
        [--writers 1 4 16] [--seconds 10] [--one-organisation]

Each writer is a process of its own with its own connection, appending `child.viewed` entries as
a page does (`audit.services.record`, each in its own transaction) for `--seconds`, as a person of
an organisation of its own (youth justice services, in id order), as people of different services
work at once; with `--one-organisation`, every writer is a person of the same one (the worst case:
one chain). Prints entries per second for each number of writers, then checks the trail
(`verify_audit`). Use a database of its own: the entries it writes stay (the trail is
append-only). PostgreSQL only. Not a test.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resettle.settings")
    os.environ.setdefault("RESETTLE_DEMO", "1")
    sys.path[:0] = [str(ROOT / "src")]
    import django

    django.setup()


def _writer(seconds: float, user_id: int, ready, go, counts) -> None:
    _setup()
    from django.db import transaction

    from resettle.accounts.models import User
    from resettle.audit.actors import Actor
    from resettle.audit.services import record

    actor = Actor(User.objects.get(pk=user_id), via="command")
    ready.put(True)
    go.wait()  # every writer starts at once, once all are connected
    made, ends = 0, time.monotonic() + seconds
    while time.monotonic() < ends:
        with transaction.atomic():
            record(actor, "child.viewed", section="benchmark")
        made += 1
    counts.put(made)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument(
        "--one-organisation",
        action="store_true",
        help="Every writer a person of the same organisation (one chain).",
    )
    args = parser.parse_args()
    _setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        print("PostgreSQL only (set DATABASE_URL)", file=sys.stderr)
        return 2
    call_command("migrate", verbosity=0)
    from resettle.accounts.models import Organisation, User

    services = list(
        Organisation.objects.filter(kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE).order_by("id")
    )
    needed = 1 if args.one_organisation else max(args.writers)
    if len(services) < needed:
        print(f"Needs {needed} youth justice services; there are {len(services)}", file=sys.stderr)
        return 2
    people = []
    for service in services[:needed]:
        person = User.objects.filter(email=f"audit-writer@{service.slug}.example").first()
        people.append(
            (
                person
                or User.objects.create_user(
                    email=f"audit-writer@{service.slug}.example",
                    full_name="Audit Writer",
                    organisation=service,
                    role="case_worker",
                )
            ).pk
        )
    connection.close()
    context = multiprocessing.get_context("spawn")
    for writers in args.writers:
        counts, ready, go = context.Queue(), context.Queue(), context.Event()
        processes = [
            context.Process(
                target=_writer, args=(args.seconds, people[n % len(people)], ready, go, counts)
            )
            for n in range(writers)
        ]
        for process in processes:
            process.start()
        for _ in processes:
            ready.get()
        go.set()
        total = sum(counts.get() for _ in processes)
        for process in processes:
            process.join()
        print(f"{writers:>3} writers: {total / args.seconds:,.0f} entries a second")
    call_command("verify_audit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
