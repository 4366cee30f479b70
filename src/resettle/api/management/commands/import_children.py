"""Import children and legal status from a case management system's CSV files (docs/import.md).

    manage.py import_children children.csv [legal_status.csv] --source childview \\
        --user manager@camden.example [--dry-run] [--rejected rejected.csv]

Acts as the named youth justice service manager, for their own service: every change is checked
by the access policy, audited (marked as a command) and in the child's history. With --dry-run,
nothing is saved: it says what would be created, changed and rejected.
"""

from __future__ import annotations

import sys
from contextlib import ExitStack

from django.core.management.base import BaseCommand, CommandError

from resettle.accounts.models import User
from resettle.audit.actors import COMMAND, Actor

from ...importing import engine


class Command(BaseCommand):
    help = "Import children and legal status from a case management system's CSV files."

    def add_arguments(self, parser):
        parser.add_argument("children", help="the children CSV file")
        parser.add_argument("legal_status", nargs="?", help="the legal status CSV file")
        parser.add_argument("--source", required=True, help="the source system's name")
        parser.add_argument("--user", required=True, help="the email of the importing manager")
        parser.add_argument("--dry-run", action="store_true", help="check, save nothing")
        parser.add_argument("--rejected", help="write the rejected rows to this CSV file")

    def handle(self, *args, **options):
        user = User.objects.filter(email__iexact=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active person has the email {options['user']}")
        apply = not options["dry_run"]

        def progress(label: str, done: int) -> None:
            self.stderr.write(f"\r{label}: {done} rows read", ending="")
            self.stderr.flush()

        with ExitStack() as files:
            children = files.enter_context(open(options["children"], "rb"))  # noqa: SIM115
            legal = (
                files.enter_context(open(options["legal_status"], "rb"))  # noqa: SIM115
                if options["legal_status"]
                else None
            )
            rejected = (
                files.enter_context(open(options["rejected"], "w", newline="", encoding="utf-8"))
                if options["rejected"]
                else None
            )
            result = engine.run(
                Actor(user, via=COMMAND),
                user.organisation,
                options["source"],
                children,
                legal,
                apply=apply,
                rejected=rejected,
                progress=progress,
            )
        self.stderr.write("")
        if result.problem is not None:
            raise CommandError(
                f"Nothing was imported. {result.problem.label}, line {result.problem.line}: "
                f"{result.problem.message}"
            )
        verb = "Imported" if apply else "Checked (nothing saved)"
        for name, file_result in result.files.items():
            counts = ", ".join(f"{n} {kind}" for kind, n in file_result.counts.items())
            self.stdout.write(f"{verb} {name}: {counts}")
        for name, file_result in result.files.items():
            for row in file_result.samples[engine.REJECTED][:20]:
                self.stdout.write(f"  {name} line {row['line']}: {row['reason']}")
        sys.stdout.flush()
