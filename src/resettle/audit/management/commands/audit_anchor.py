"""Anchor the audit trail: `manage.py audit_anchor`.

Appends an anchor to chain 0 (`audit/anchors.py`: every other chain's latest id and hash) if any
chain moved on since the last one, then prints it: the anchor's id and hash and the number of
entries. By default the whole trail is checked first and a broken trail gets no anchor.

* On a schedule, every few minutes, `manage.py audit_anchor --quick` (no check first: it costs a
  few indexed reads) keeps the end of every chain anchored inside the trail.
* Now and then (daily, say), `manage.py audit_anchor` and keep what it prints where the database's
  administrators cannot change it (a ticket, a write-once log, an email to the information
  governance lead). Give it to `verify_audit` later: then cutting anchors off the end of chain 0,
  which the trail cannot show on its own, is caught too.
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from resettle.audit.anchors import anchor
from resettle.audit.models import AuditEvent
from resettle.audit.verification import verify_chain


class Command(BaseCommand):
    help = "Anchor every audit chain's latest entry, and print the anchor to keep outside."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument("--json", action="store_true", help="Print the anchor as JSON.")
        parser.add_argument(
            "--quick",
            action="store_true",
            help="Do not check the trail first (for a schedule of every few minutes).",
        )

    def handle(self, *args, database: str, **options):
        if not options["quick"]:
            result = verify_chain(using=database)
            if not result.intact:
                raise CommandError(
                    f"The audit trail is broken at entry {result.broken.entry_id} "
                    f"({result.broken.kind}): no anchor is given for a broken trail. "
                    "Run verify_audit for the details."
                )
        event, written = anchor(using=database)
        entries = AuditEvent.objects.using(database).count()
        taken = {
            "taken_at": timezone.now().isoformat(timespec="seconds"),
            "entries": entries,
            "last_id": event.pk if event else None,
            "last_hash": event.hash if event else None,
            "chains": len(event.detail.get("heads", {})) if event else 0,
        }
        if options["json"]:
            self.stdout.write(json.dumps(taken, sort_keys=True))
            return
        self.stdout.write(f"Audit anchor taken {taken['taken_at']}")
        self.stdout.write(f"Entries: {entries}")
        if event is None:
            self.stdout.write("The trail is empty: there is nothing to anchor.")
            return
        self.stdout.write(
            f"{'New anchor' if written else 'Latest anchor (no chain has moved on since)'}: "
            f"entry {event.pk}, hash {event.hash}, recording {taken['chains']} "
            f"chain{'' if taken['chains'] == 1 else 's'}"
        )
        self.stdout.write(
            "Check later with: manage.py verify_audit "
            f"--expect-at-least {entries} --expect-last-hash {event.hash}"
        )
