"""Print the audit trail's anchor: `manage.py audit_anchor`.

The anchor is the latest entry's id and hash and the number of entries, taken only from an intact
trail. Keep it where the database's administrators cannot change it (a ticket, a write-once log, an
email to the information governance lead), and give it to `verify_audit` later: then removing
entries from the end of the trail, which a chain cannot show on its own, is caught too.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from resettle.audit.verification import verify_chain


class Command(BaseCommand):
    help = "Print the latest audit entry's id and hash, to keep outside the database."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--json", action="store_true", help="Print the anchor as JSON.")

    def handle(self, *args, database: str, **options):
        result = verify_chain(using=database)
        if not result.intact:
            raise CommandError(
                f"The audit trail is broken at entry {result.broken.entry_id} "
                f"({result.broken.kind}): no anchor is given for a broken trail. "
                "Run verify_audit for the details."
            )
        anchor = {
            "taken_at": timezone.now().isoformat(timespec="seconds"),
            "entries": result.checked,
            "last_id": result.last_id,
            "last_hash": result.last_hash,
        }
        if options["json"]:
            self.stdout.write(json.dumps(anchor, sort_keys=True))
            return
        self.stdout.write(f"Audit anchor taken {anchor['taken_at']}")
        self.stdout.write(f"Entries: {result.checked}")
        self.stdout.write(f"Latest entry: {result.last_id}, hash {result.last_hash}")
        if result.last_hash:
            self.stdout.write(
                "Check later with: manage.py verify_audit "
                f"--expect-at-least {result.checked} --expect-last-hash {result.last_hash}"
            )
