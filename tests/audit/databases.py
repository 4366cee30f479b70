"""Reaching the test database from another process (a killed writer, the backup scripts)."""

from __future__ import annotations

from urllib.parse import quote


def postgresql_url(settings_dict: dict, name: str | None = None) -> str:
    """A postgres:// URL for the database Django is connected to (or another on the same server)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = settings_dict.get("PASSWORD") or ""
    credentials = f"{user}:{quote(password, safe='')}" if password else user
    host = settings_dict.get("HOST") or "localhost"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{name or settings_dict['NAME']}"
