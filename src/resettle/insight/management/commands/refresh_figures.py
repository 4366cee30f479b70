"""Count the usual figures again and keep them (insight.figures.StoredFigures), so pages read them
instead of counting. Run it on a schedule more often than the figures expire (every 10 minutes;
they are kept for 20). It queues the work for the workers (`manage.py db_worker`); `--now` does it
in this process."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from resettle.insight import tasks


class Command(BaseCommand):
    help = "Count the partnership's usual figures again and keep them for the pages to read."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Count here and now instead of queueing the work for a worker.",
        )

    def handle(self, *args, now: bool, **options):
        if now:
            seconds = tasks.refresh()
        else:
            result = tasks.refresh_figures.enqueue()
            if not result.is_finished:
                self.stdout.write("Queued for the workers (manage.py db_worker).")
                return
            seconds = result.return_value
        self.stdout.write(f"Figures counted again in {seconds:.1f} seconds.")
