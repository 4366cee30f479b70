"""Backup and restore round trips: scripts/backup, then scripts/restore into an empty database, and
every table's row count and the audit trail are identical after the restore (docs/operations.md).

The PostgreSQL round trip runs when the suite runs on PostgreSQL; the SQLite one when on SQLite.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from resettle.audit.management.commands.restore_check import fingerprint

from .conftest import person_in_chain, tampering
from .databases import postgresql_url

ROOT = Path(settings.PROJECT_DIR)


def _environment(database_url: str, **extra: str) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RESETTLE_")}
    environment.update(
        {
            "RESETTLE_DEMO": "1",  # the demo audit key: the same one the test database used
            "DJANGO_SETTINGS_MODULE": "resettle.settings",
            "PYTHONPATH": str(ROOT / "src"),
            "PYTHON": sys.executable,
            "DATABASE_URL": database_url,
            **extra,
        }
    )
    return environment


def _run(environment: dict[str, str], *command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own scripts and interpreter
        list(command),
        env=environment,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _fingerprint_of(database_url: str) -> dict:
    printed = _run(_environment(database_url), sys.executable, "manage.py", "restore_check")
    assert printed.returncode == 0, printed.stderr[-3000:]
    return json.loads(printed.stdout)


def _same(before: dict, after: dict) -> None:
    assert after["tables"] == before["tables"]
    assert after["audit"] == before["audit"]
    assert after["audit"]["intact"]


def _load_demo(children: int) -> dict:
    call_command("load_demo_data", "--children", str(children), stdout=StringIO())
    before = fingerprint("default")
    assert before["tables"]["children_child"] == children
    assert before["audit"]["entries"] > 0
    return before


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only (pg_dump and pg_restore); runs when the suite runs on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restores_into_an_empty_database_with_everything_in_it(tmp_path):
    before = _load_demo(20)
    source = postgresql_url(connection.settings_dict)
    scratch = f"{connection.settings_dict['NAME']}_restored_{uuid.uuid4().hex[:8]}"
    target = postgresql_url(connection.settings_dict, scratch)
    backup = tmp_path / "resettle.dump"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        backed_up = _run(_environment(source), "scripts/backup", str(backup))
        assert backed_up.returncode == 0, backed_up.stderr[-3000:]
        restored = _run(
            _environment(source, RESTORE_EXACT="1"), "scripts/restore", str(backup), target
        )
        assert restored.returncode == 0, restored.stdout[-3000:] + restored.stderr[-3000:]
        assert "Restore check passed" in restored.stdout
        _same(before, _fingerprint_of(target))
        verified = _run(_environment(target), sys.executable, "manage.py", "verify_audit")
        assert verified.returncode == 0, verified.stderr
        assert f"Audit trail intact: {before['audit']['entries']} entries" in verified.stdout
        # A database that is not empty is never restored over.
        again = _run(_environment(source), "scripts/restore", str(backup), target)
        assert again.returncode != 0
        assert "not empty" in again.stderr
    finally:
        connection.close()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only; see the PostgreSQL test")
@pytest.mark.django_db(transaction=True)
def test_an_sqlite_backup_restores_into_a_new_file_with_everything_in_it(tmp_path):
    before = _load_demo(8)
    # The test database lives in memory: copy it to a file, as the service's own database is.
    live = tmp_path / "live.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(live)) as copy:
        connection.connection.backup(copy)
    source, target = f"sqlite:///{live}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    backup = tmp_path / "resettle.sqlite3.backup"

    backed_up = _run(_environment(source), "scripts/backup", str(backup))
    assert backed_up.returncode == 0, backed_up.stderr[-3000:]
    restored = _run(_environment(source, RESTORE_EXACT="1"), "scripts/restore", str(backup), target)
    assert restored.returncode == 0, restored.stdout[-3000:] + restored.stderr[-3000:]
    assert "Restore check passed" in restored.stdout
    _same(before, _fingerprint_of(target))
    again = _run(_environment(source), "scripts/restore", str(backup), target)
    assert again.returncode != 0
    assert "refusing" in again.stderr


@pytest.mark.django_db
def test_the_restore_check_names_what_is_missing(tmp_path, record_as, amara, camden_child):
    record_as(amara, "child.viewed", child=camden_child)
    record_as(amara, "child.viewed", child=camden_child)
    recorded = tmp_path / "fingerprint.json"
    call_command("restore_check", "--write", str(recorded), stdout=StringIO())
    expected = json.loads(recorded.read_text())
    expected["tables"]["children_child"] += 1
    expected["tables"]["a_table_that_was_lost"] = 3
    expected["audit"]["entries"] += 1
    recorded.write_text(json.dumps(expected))
    with pytest.raises(CommandError) as failure:
        call_command("restore_check", "--against", str(recorded), stdout=StringIO())
    message = str(failure.value)
    assert "table children_child has 1 rows, expected 2" in message
    assert "table a_table_that_was_lost is missing" in message
    assert "audit trail: entries missing from the end" in message


@pytest.mark.django_db
def test_the_restore_check_finds_the_end_of_any_chain_cut_off(tmp_path, record_as):
    """The same number of entries and the latest one still there, but chain 5's end is gone."""
    in_3, in_5 = person_in_chain(3), person_in_chain(5)
    record_as(in_3, "user.signed_in")
    cut = record_as(in_5, "user.signed_in")
    record_as(in_3, "user.signed_out")
    recorded = tmp_path / "fingerprint.json"
    call_command("restore_check", "--write", str(recorded), stdout=StringIO())
    assert json.loads(recorded.read_text())["audit"]["heads"]["5"] == [cut.pk, cut.hash]
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [cut.pk])
    record_as(in_3, "user.signed_in")  # as many entries as before
    with pytest.raises(CommandError) as failure:
        call_command("restore_check", "--against", str(recorded), stdout=StringIO())
    assert str(failure.value).endswith(
        f"audit trail: entries missing from the end of chain 5: entry {cut.pk} is not there"
    )
