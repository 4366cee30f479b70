"""Form pieces that follow GOV.UK Design System patterns."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
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


# ---- Choosing records by id: an id no database can hold is not one of the choices ---------------

LARGEST_ID = 2**63 - 1  # a 64-bit signed integer, the largest key PostgreSQL and SQLite hold


def _impossible_id(field, value) -> bool:
    """Whether `value` is a number too big (or negative) to be an integer key. The database is
    never asked: SQLite refuses such a number with an error rather than finding nothing."""
    key = getattr(field, "to_field_name", None) or "pk"
    target = (
        field.queryset.model._meta.pk if key == "pk" else field.queryset.model._meta.get_field(key)
    )
    if not isinstance(target, models.IntegerField | models.AutoField):
        return False
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return False
    return not 0 <= number <= LARGEST_ID


class ModelChoiceField(forms.ModelChoiceField):
    """Django's, with any impossible id refused as "not one of the choices"."""

    def to_python(self, value):
        if value not in self.empty_values and _impossible_id(self, value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with any impossible id refused as "not one of the choices"."""

    def _check_values(self, value):
        for one in value if isinstance(value, list | tuple | set) else [value]:
            if _impossible_id(self, one):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": one},
                )
        return super()._check_values(value)
