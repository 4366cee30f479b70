"""A writer killed in the middle of appending to the trail leaves it verifiable.

A real process writes three entries, then starts a fourth inside a transaction and is killed
(SIGKILL: no clean-up of any kind) before committing. The database rolls the open transaction back,
so the fourth entry is simply absent, `verify_audit` finds the trail intact, and the next append
links to the last committed entry.

On SQLite the test database lives in memory, which another process cannot open, so the writer uses
a file database made for this test; on PostgreSQL it uses the test database itself.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from resettle.audit.models import AuditEvent

from .databases import postgresql_url

ROOT = Path(settings.PROJECT_DIR)

WRITER = """
import sys, time
import django
django.setup()
from django.db import transaction
from resettle.audit.actors import Actor
from resettle.audit.services import record

for n in range(3):
    record(Actor.system(), "user.signed_in", n=n)
with transaction.atomic():
    record(Actor.system(), "user.signed_in", n="never committed")
    print("appended, not committed", flush=True)
    time.sleep(120)
"""

APPENDER = """
import django
django.setup()
from resettle.audit.actors import Actor
from resettle.audit.services import record
record(Actor.system(), "user.signed_out")
"""


def _environment(database_url: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RESETTLE_")}
    environment.update(
        {
            "RESETTLE_DEMO": "1",
            "DJANGO_SETTINGS_MODULE": "resettle.settings",
            "PYTHONPATH": str(ROOT / "src"),
            "DATABASE_URL": database_url,
        }
    )
    return environment


def _run(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and scripts
        [sys.executable, *args],
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":
        return postgresql_url(connection.settings_dict)
    return f"sqlite:///{tmp_path / 'crash.sqlite3'}"


@pytest.mark.django_db(transaction=True)
def test_a_writer_killed_mid_append_leaves_the_trail_intact(tmp_path):
    environment = _environment(_database_url(tmp_path))
    if connection.vendor != "postgresql":
        # The trail and what it depends on: enough for the writer, and quicker than everything.
        migrated = _run(environment, "manage.py", "migrate", "audit", "--no-input", "-v", "0")
        assert migrated.returncode == 0, migrated.stderr[-3000:]

    writer = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WRITER],
        env=environment,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = writer.stdout.readline()
        assert line.strip() == "appended, not committed", writer.stderr.read()
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=60)
    assert writer.returncode == -signal.SIGKILL

    # (--no-anchor: only check, so the counts below are the writers' entries alone.)
    verified = _run(environment, "manage.py", "verify_audit", "--no-anchor")
    assert verified.returncode == 0, verified.stderr
    assert "Audit trail intact: 3 entries" in verified.stdout  # the fourth is simply absent

    appended = _run(environment, "-c", APPENDER)
    assert appended.returncode == 0, appended.stderr[-3000:]
    verified = _run(environment, "manage.py", "verify_audit", "--no-anchor")
    assert verified.returncode == 0, verified.stderr
    assert "Audit trail intact: 4 entries" in verified.stdout
    if connection.vendor == "postgresql":
        details = [e.detail for e in AuditEvent.objects.order_by("id")]
        assert {"n": "never committed"} not in details
