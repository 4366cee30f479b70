"""Prove a restored database holds what was backed up: `manage.py restore_check`.

A fingerprint of a database is the number of rows in every table and the state of the audit trail
(intact, how many entries, the latest entry's id and hash, and the latest entry of every chain).
`scripts/backup` writes one just before it dumps the database; `scripts/restore` restores into an
empty database and then runs

    manage.py restore_check --against BACKUP.fingerprint.json

against the restored database, which fails unless the audit trail verifies (with the fingerprint's
latest hash as its anchor, and every chain's latest entry still there: nothing cut off the end of
any chain), and every table has at least as many rows as the fingerprint says (rows written
between the fingerprint and the dump are in the dump too). With `--exact`, for a backup of a quiet
database (a restore drill, the tests), the counts must match.

    manage.py restore_check                  # print this database's fingerprint as JSON
    manage.py restore_check --write FILE     # ...or write it to FILE
    manage.py restore_check --against FILE [--exact]
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from resettle.audit.anchors import heads
from resettle.audit.models import AuditEvent
from resettle.audit.verification import Anchor, verify_chain


def fingerprint(using: str) -> dict:
    connection = connections[using]
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor, include_views=False)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = cursor.fetchone()[0]
    result = verify_chain(using=using)
    return {
        "taken_at": timezone.now().isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "tables": tables,
        "audit": {
            "intact": result.intact,
            "entries": result.checked,
            "last_id": result.last_id,
            "last_hash": result.last_hash,
            "heads": {str(chain): list(head) for chain, head in heads(using).items()},
        },
    }


def differences(expected: dict, actual: dict, *, exact: bool, using: str) -> list[str]:
    problems = []
    for table, count in sorted(expected["tables"].items()):
        restored = actual["tables"].get(table)
        if restored is None:
            problems.append(f"table {table} is missing")
        elif restored < count or (exact and restored != count):
            problems.append(f"table {table} has {restored} rows, expected {count}")
    for table in sorted(set(actual["tables"]) - set(expected["tables"])):
        problems.append(f"table {table} was not in the backup")
    audit = expected["audit"]
    anchored = verify_chain(
        using=using, anchor=Anchor(last_hash=audit["last_hash"], at_least=audit["entries"])
    )
    if not anchored.intact:
        problems.append(f"audit trail: {anchored.broken.kind}: {anchored.broken.explanation}")
    # Every chain's latest entry then must still be there (fingerprints from before the chains
    # have none to check).
    for chain, (entry_id, entry_hash) in sorted(audit.get("heads", {}).items()):
        events = AuditEvent.objects.using(using)
        if not events.filter(id=entry_id, chain=int(chain), hash=entry_hash).exists():
            problems.append(
                f"audit trail: entries missing from the end of chain {chain}: "
                f"entry {entry_id} is not there"
            )
    if exact and actual["audit"]["last_hash"] != audit["last_hash"]:
        problems.append("audit trail: the latest entry differs from the backup's")
    return problems


class Command(BaseCommand):
    help = "Fingerprint this database (row counts, audit trail), or compare it with a fingerprint."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--write", metavar="FILE", help="Write the fingerprint to FILE.")
        parser.add_argument(
            "--against", metavar="FILE", help="Compare this database with the fingerprint in FILE."
        )
        parser.add_argument(
            "--exact", action="store_true", help="With --against: every count must be equal."
        )

    def handle(self, *args, database: str, write: str | None, against: str | None, **options):
        actual = fingerprint(database)
        if not actual["audit"]["intact"]:
            raise CommandError("The audit trail of this database is broken: run verify_audit.")
        if write:
            Path(write).write_text(json.dumps(actual, indent=2, sort_keys=True) + "\n")
            self.stdout.write(f"Fingerprint written to {write}")
            return
        if not against:
            self.stdout.write(json.dumps(actual, indent=2, sort_keys=True))
            return
        try:
            expected = json.loads(Path(against).read_text())
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the fingerprint {against}: {exc}") from exc
        problems = differences(expected, actual, exact=options["exact"], using=database)
        if problems:
            raise CommandError("The restored database does not match:\n  " + "\n  ".join(problems))
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore check passed: {len(actual['tables'])} tables, "
                f"{actual['audit']['entries']} audit entries, the audit trail intact."
            )
        )
