"""Send the email notifications that are due, each exactly once. Run it on a schedule."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_tasks import TaskResultStatus

from resettle.web import notifications, tasks


class Command(BaseCommand):
    help = (
        "Email people about plan actions given to them and about overdue touchpoints. Each email "
        "is sent once: a second run sends nothing new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be sent, and send and record nothing.",
        )
        parser.add_argument(
            "--mark-as-sent",
            action="store_true",
            help="Record everything due now as sent, without emailing: run once when switching "
            "notifications on for a service that already has data.",
        )
        parser.add_argument(
            "--base-url",
            default=settings.SITE_URL,
            help="The address of this service, for links in emails (default RESETTLE_SITE_URL).",
        )

    def handle(self, *args, dry_run: bool, mark_as_sent: bool, base_url: str, **options):
        if not base_url:
            raise CommandError("Set RESETTLE_SITE_URL (or pass --base-url) for links in emails.")
        sent = skipped = queued = failed = 0
        for email in notifications.pending(base_url):
            # Ids only: logs and output carry no names.
            line = f"{email.kind} {email.object_id} to user {email.recipient.pk}"
            if dry_run:
                self.stdout.write(f"Would send {line}")
                sent += 1
            elif mark_as_sent:
                if notifications.mark_as_sent(email):
                    sent += 1
                else:
                    skipped += 1
            else:
                # Delivered by a worker (`db_worker`), which tries again when the mail server
                # is away; with the immediate backend, delivered here and now.
                result = tasks.queue(email)
                if not result.is_finished:
                    self.stdout.write(f"Queued {line}")
                    queued += 1
                elif result.status == TaskResultStatus.FAILED:
                    self.stderr.write(f"Not sent {line}: the mail server refused or was away")
                    failed += 1
                elif result.return_value:
                    self.stdout.write(f"Sent {line}")
                    sent += 1
                else:
                    skipped += 1
        verb = "Would send" if dry_run else "Marked as sent" if mark_as_sent else "Sent"
        summary = f"{verb} {sent} notification(s); {skipped} already sent."
        if queued:
            summary += f" Queued {queued} for the workers."
        if failed:
            summary += f" {failed} not sent: the next run tries again."
        self.stdout.write(self.style.SUCCESS(summary))
