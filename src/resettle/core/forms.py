"""Form pieces that follow GOV.UK Design System patterns."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class GovukDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the GOV.UK date input pattern)."""

    template_name = "forms/date_widget.html"

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}),
            "month": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-2"}
            ),
            "year": forms.TextInput(
                attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = GovukDateWidget

    def __init__(self, *, label_for_errors: str, **kwargs):
        self.label_for_errors = label_for_errors
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        kwargs.setdefault("require_all_fields", False)
        super().__init__(fields=fields, **kwargs)
        self.error_messages["required"] = _("Enter %(label)s") % {"label": label_for_errors}
        self.error_messages["incomplete"] = self.error_messages["required"]

    def clean(self, value):
        # Keep the parts as typed so the form can show them again on error.
        parts = [(p or "").strip() for p in (value or ["", "", ""])]
        if not any(parts):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        names = [_("a day"), _("a month"), _("a year")]
        missing = [str(n) for n, p in zip(names, parts, strict=True) if not p]
        label = self.label_for_errors[0].upper() + self.label_for_errors[1:]
        if missing:
            raise ValidationError(
                _("%(label)s must include %(missing)s")
                % {"label": label, "missing": _(" and ").join(missing)},
                code="incomplete",
            )
        try:
            day, month, year = (int(p) for p in parts)
        except ValueError as exc:
            raise ValidationError(
                _("%(label)s must be a real date") % {"label": label}, code="invalid"
            ) from exc
        if year < 1000:
            raise ValidationError(_("Year must include 4 numbers"), code="invalid_year")
        try:
            return date(year, month, day)
        except (ValueError, OverflowError) as exc:  # a huge number overflows rather than fails
            raise ValidationError(
                _("%(label)s must be a real date") % {"label": label}, code="invalid"
            ) from exc

    def compress(self, data_list):  # pragma: no cover - clean() does the work
        return data_list
