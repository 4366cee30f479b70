"""Showing audit entries to people."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    """'4 March 2026, 2:15pm' in the service's time zone (the GOV.UK style for dates and times)."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    hour = local.hour % 12 or 12
    suffix = _("am") if local.hour < 12 else _("pm")
    return f"{date_format(local, 'j F Y')}, {hour}:{local.minute:02d}{suffix}"
