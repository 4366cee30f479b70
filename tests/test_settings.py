"""Settings refuse to start insecurely outside demo mode.

Each case loads the settings in a fresh interpreter, because settings are read once per process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

LOAD = """
import json
from django.conf import settings
print(json.dumps({
    "DEMO": settings.DEMO,
    "DEBUG": settings.DEBUG,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": settings.SECURE_HSTS_INCLUDE_SUBDOMAINS,
    "PASSWORD_HASHERS": settings.PASSWORD_HASHERS,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SECRET_KEY_IS_DEMO": settings.SECRET_KEY.startswith("demo-only"),
    "DATABASE": {k: str(v) for k, v in settings.DATABASES["default"].items()
                 if k in {"ENGINE", "NAME", "OPTIONS"}},
}))
"""

SECRET = "a-long-random-value-for-this-test-only-0123456789abcdefghijklmnop"
AUDIT_KEY = "another-long-random-value-for-the-audit-chain-0123456789abcdef"


def run_settings(**env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("RESETTLE_") and k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    base.update(
        {
            "PYTHONPATH": str(ROOT / "src"),
            "DJANGO_SETTINGS_MODULE": "resettle.settings",
            "RESETTLE_VAR_DIR": str(ROOT / "var"),
        }
    )
    base.update(env)
    return subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", LOAD],
        env=base,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def loaded(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_refuse_to_load_without_a_secret_key():
    result = run_settings(RESETTLE_ALLOWED_HOSTS="resettle.example")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "RESETTLE_SECRET_KEY is not set" in result.stderr


def test_settings_refuse_to_load_without_an_audit_key():
    result = run_settings(RESETTLE_SECRET_KEY=SECRET, RESETTLE_ALLOWED_HOSTS="resettle.example")
    assert result.returncode != 0
    assert "RESETTLE_AUDIT_KEY is not set" in result.stderr


def test_settings_refuse_a_short_audit_key():
    result = run_settings(
        RESETTLE_SECRET_KEY=SECRET,
        RESETTLE_AUDIT_KEY="short",
        RESETTLE_ALLOWED_HOSTS="resettle.example",
    )
    assert result.returncode != 0
    assert "RESETTLE_AUDIT_KEY must be at least 32 characters" in result.stderr


def test_settings_refuse_to_load_without_allowed_hosts():
    result = run_settings(RESETTLE_SECRET_KEY=SECRET, RESETTLE_AUDIT_KEY=AUDIT_KEY)
    assert result.returncode != 0
    assert "RESETTLE_ALLOWED_HOSTS is not set" in result.stderr


def test_production_settings_are_secure():
    values = loaded(
        run_settings(
            RESETTLE_SECRET_KEY=SECRET,
            RESETTLE_AUDIT_KEY=AUDIT_KEY,
            RESETTLE_ALLOWED_HOSTS="resettle.example, www.resettle.example",
        )
    )
    assert values["DEMO"] is False
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["PASSWORD_HASHERS"][0] == "resettle.accounts.hashers.Argon2idHasher"
    assert values["ALLOWED_HOSTS"] == ["resettle.example", "www.resettle.example"]
    assert values["SECRET_KEY_IS_DEMO"] is False


def test_demo_settings_load_without_secrets_but_say_so():
    values = loaded(run_settings(RESETTLE_DEMO="1"))
    assert values["DEMO"] is True
    assert values["SECRET_KEY_IS_DEMO"] is True
    assert values["SESSION_COOKIE_SECURE"] is False
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("RESETTLE_DEMO", "maybe"), ("RESETTLE_DEBUG", "2"), ("RESETTLE_SECURE_TRANSPORT", "nope")],
)
def test_a_bad_boolean_fails_loudly(name, value):
    result = run_settings(
        RESETTLE_SECRET_KEY=SECRET,
        RESETTLE_AUDIT_KEY=AUDIT_KEY,
        RESETTLE_ALLOWED_HOSTS="resettle.example",
        **{name: value},
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"{name} must be one of" in result.stderr
    assert repr(value) in result.stderr


def test_a_bad_whole_number_fails_loudly():
    result = run_settings(RESETTLE_DEMO="1", RESETTLE_SESSION_IDLE_MINUTES="thirty")
    assert result.returncode != 0
    assert "RESETTLE_SESSION_IDLE_MINUTES must be a whole number" in result.stderr


@pytest.mark.parametrize(
    "url", [None, "sqlite:///var/elsewhere.sqlite3", "sqlite:////tmp/resettle-test.sqlite3"]
)
def test_every_sqlite_database_waits_for_the_write_lock(url):
    """BEGIN IMMEDIATE and a timeout, whether the file is the default or named by DATABASE_URL."""
    values = loaded(run_settings(RESETTLE_DEMO="1", **({"DATABASE_URL": url} if url else {})))
    database = values["DATABASE"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["OPTIONS"] == str({"transaction_mode": "IMMEDIATE", "timeout": 20})


def test_a_postgresql_url_gets_no_sqlite_options():
    values = loaded(run_settings(RESETTLE_DEMO="1", DATABASE_URL="postgres://u@db.invalid/r"))
    assert values["DATABASE"]["ENGINE"] == "django.db.backends.postgresql"
    assert "transaction_mode" not in values["DATABASE"].get("OPTIONS", "")
