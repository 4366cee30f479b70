"""Prove the audit trail is intact: `manage.py verify_audit`.

Walks every entry in id order, a batch at a time, recomputing each hash (with RESETTLE_AUDIT_KEY
for keyed entries), checking each link in each chain and everything each anchor recorded. Exits 0
with "Audit trail intact: N entries in C chains", or non-zero naming the first broken entry, when
it was written and why.

An intact trail is then anchored (`audit/anchors.py`): an entry in chain 0 records every chain's
latest entry, so entries cut off the end of a chain after this check are caught by the next.
`--no-anchor` writes nothing (a restored copy, a replica).

Given an anchor kept elsewhere (`manage.py audit_anchor` prints one), it also proves that no
entries were cut off the end of chain 0: `--expect-last-hash HASH` (that entry must still be in
the trail) and `--expect-at-least N` (no fewer entries than then).
"""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from resettle.audit.anchors import anchor as take_anchor
from resettle.audit.verification import Anchor, verify_chain

HASH = re.compile(r"^[0-9a-f]{64}$")


class Command(BaseCommand):
    help = "Check that no audit entry has been changed, removed or inserted since it was written."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=2000,
            help="Entries read from the database at a time (default 2000).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)
        parser.add_argument(
            "--expect-last-hash",
            default=None,
            help="The hash of the latest entry when the anchor was taken: it must still be there.",
        )
        parser.add_argument(
            "--expect-at-least",
            type=int,
            default=None,
            help="How many entries there were when the anchor was taken: there must be no fewer.",
        )
        parser.add_argument(
            "--no-anchor",
            action="store_true",
            help="Only check: do not anchor the intact trail (a restored copy, a replica).",
        )

    def handle(self, *args, batch_size: int, database: str, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        last_hash, at_least = options["expect_last_hash"], options["expect_at_least"]
        if last_hash is not None and not HASH.fullmatch(last_hash.strip().lower()):
            raise CommandError("--expect-last-hash must be 64 hexadecimal characters")
        if at_least is not None and at_least < 0:
            raise CommandError("--expect-at-least must be 0 or more")
        anchor = None
        if last_hash is not None or at_least is not None:
            anchor = Anchor(last_hash=(last_hash or "").strip().lower() or None, at_least=at_least)
        result = verify_chain(batch_size=batch_size, using=database, anchor=anchor)
        if not result.intact:
            broken = result.broken
            where = (
                f"at entry {broken.entry_id} "
                f"(written {timezone.localtime(broken.at):%Y-%m-%d %H:%M:%S %Z})"
                if broken.entry_id is not None
                else "(no entries left)"
            )
            raise CommandError(
                f"Audit trail broken {where}: {broken.kind}: {broken.explanation}. "
                f"{result.checked} entries before it are intact."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {result.checked} entries in {result.chains} "
                f"chain{'' if result.chains == 1 else 's'}, "
                f"{result.anchors} anchor{'' if result.anchors == 1 else 's'} checked"
            )
        )
        if anchor is not None:
            self.stdout.write("The anchor holds: no entries were removed from the end.")
        if result.last_id is not None and options["verbosity"] >= 1:
            # The newest entry. To keep somewhere else (a ticket, a log), take the anchor below, or
            # the one `audit_anchor` prints: it pins the end of every chain.
            self.stdout.write(f"Latest entry: {result.last_id}, hash {result.last_hash}")
            if result.unkeyed:
                self.stdout.write(
                    f"{result.unkeyed} entries were written before the chain had a key."
                )
        if not options["no_anchor"]:
            event, written = take_anchor(using=database)
            if written and options["verbosity"] >= 1:
                self.stdout.write(
                    f"Anchored every chain's latest entry in entry {event.pk}, hash {event.hash}"
                )
