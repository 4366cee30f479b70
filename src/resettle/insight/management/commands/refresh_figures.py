"""Count the usual figures again and keep them (insight.figures.StoredFigures), so pages read them
instead of counting: London's overview, the services table and every measure by service, for
this quarter, the last and this financial year, and each service against London; and drop counts
that have expired. Run it on a schedule more often than the figures expire (every 10 minutes;
they are kept for 20)."""

from __future__ import annotations

import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from resettle.core.dates import today
from resettle.insight import figures
from resettle.insight.measures import measures
from resettle.insight.models import StoredFigures
from resettle.insight.periods import financial_year_of, quarter_of


class Command(BaseCommand):
    help = "Count the partnership's usual figures again and keep them for the pages to read."

    def handle(self, *args, **options):
        started = time.perf_counter()
        now = today()
        quarter = quarter_of(now)
        periods = [quarter, quarter.before(), financial_year_of(now)]
        token = figures.refreshing.set(True)
        try:
            for period in periods:
                figures.overview(period)
                figures.services_table(period)
            for service in figures.services():
                for measure in measures():
                    figures.figure(measure, quarter, service=service.pk)
        finally:
            figures.refreshing.reset(token)
        # Counts kept for views nobody asked for again (another day, an old filter) are dropped.
        stale = timezone.now() - timedelta(seconds=figures.STORED_SECONDS)
        StoredFigures.objects.filter(refreshed_at__lt=stale).delete()
        seconds = time.perf_counter() - started
        self.stdout.write(f"Figures counted again in {seconds:.1f} seconds.")
