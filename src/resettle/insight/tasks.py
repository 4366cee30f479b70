"""The figures' refresh as background work (docs/operations.md, "Background work").

`manage.py refresh_figures`, run on a schedule, queues `refresh_figures`; a worker process
(`manage.py db_worker`) counts the usual figures again and keeps them (insight.figures), so pages
read them instead of counting. It is idempotent: counting again replaces the kept counts, so a
refresh run twice (two schedulers, a worker that died half-way) leaves the same figures.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from resettle.core.dates import today

from . import figures
from .measures import measures
from .models import StoredFigures
from .periods import financial_year_of, quarter_of


def refresh() -> float:
    """Count the usual figures again: London's overview, the services table and every measure by
    service, for this quarter, the last and this financial year; drop expired counts. Seconds."""
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
            figures.five_cs_tallies(service)  # the manager's 5Cs, child by child
    finally:
        figures.refreshing.reset(token)
    # Counts kept for views nobody asked for again (another day, an old filter) are dropped.
    stale = timezone.now() - timedelta(seconds=figures.STORED_SECONDS)
    StoredFigures.objects.filter(refreshed_at__lt=stale).delete()
    return time.perf_counter() - started


@task()
def refresh_figures() -> float:
    return refresh()
