"""Showing audit entries to people."""

from __future__ import annotations

from django import template

from resettle.core.templatetags.govuk import govuk_datetime

register = template.Library()

# One GOV.UK date-and-time format for the whole service ("4 March 2026, 2:15pm").
register.filter("govuk_datetime", govuk_datetime)
