"""The release checklist form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import GovukDateField, StaleCheck

DATE_HINT = _("Leave this blank if it has not happened yet. For example, 4 3 2026")


def _date(label, label_for_errors):
    return GovukDateField(
        label=label, label_for_errors=label_for_errors, help_text=DATE_HINT, required=False
    )


def _text(label, help_text="", textarea=False):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=2000 if textarea else 300,
        widget=forms.Textarea(attrs={"rows": 3}) if textarea else forms.TextInput,
    )


class ReleasePlanForm(StaleCheck):
    accommodation_confirmed_on = _date(
        _("When was the address confirmed? (optional)"), _("the date the address was confirmed")
    )
    accommodation_address_note = _text(
        _("Where will the child live? (optional)"),
        _("Who they will live with or the kind of placement. Do not write the full address."),
        textarea=True,
    )
    ete_confirmed_on = _date(
        _("When was education, training or work confirmed? (optional)"),
        _("the date education, training or work was confirmed"),
    )
    ete_detail = _text(
        _("What will they do from day one? (optional)"),
        _("For example the college course and when it starts"),
        textarea=True,
    )
    health_handover_on = _date(
        _("When was health handed over to community services? (optional)"),
        _("the date of the health handover"),
    )
    who_meets = _text(_("Who will meet the child on release? (optional)"))
    transport = _text(_("How will they travel on release day? (optional)"))
    first_appointment = _text(
        _("What is their first appointment? (optional)"),
        _("Where and when, for example 'Camden YJS, 2pm on the day of release'"),
    )

    FIELDS = (
        "accommodation_confirmed_on",
        "accommodation_address_note",
        "ete_confirmed_on",
        "ete_detail",
        "health_handover_on",
        "who_meets",
        "transport",
        "first_appointment",
    )
