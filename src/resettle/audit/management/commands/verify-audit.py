"""`manage.py verify-audit`: the same command as `verify_audit`, by the name the issue uses."""

from .verify_audit import Command  # noqa: F401
