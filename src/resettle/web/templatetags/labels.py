"""Labels for codes stored in the audit trail."""

from __future__ import annotations

from django import template

from resettle.accounts.models import Role

register = template.Library()

ROLE_LABELS = dict(Role.choices)


@register.filter
def role_label(code: str) -> str:
    """The readable name of a role code ("case_worker" is "Case worker")."""
    return str(ROLE_LABELS.get(code, code))
