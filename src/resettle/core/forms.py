"""Form pieces that follow GOV.UK Design System patterns."""

from __future__ import annotations

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from . import concurrency

# Every free-text field has a maximum length (stated on the form under a text area, by
# `govuk_field`): enough for what the field is for, and never a 100,000-character page.
LONG_TEXT = 5000  # a few paragraphs: notes, the child's words, reasons
CODE_TEXT = 64  # a code typed from an app or a printed list
PASSWORD_TEXT = 1024  # well beyond any password a person types; stops hashing megabytes


def limited_formfield(db_field: models.Field, **kwargs):
    """`Meta.formfield_callback` for model forms: a model's unlimited text gets LONG_TEXT."""
    if isinstance(db_field, models.TextField):
        kwargs.setdefault("max_length", LONG_TEXT)
    return db_field.formfield(**kwargs)


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


# ---- Edit forms: never a silent overwrite (core/concurrency.py) ---------------------------------


class Conflict:
    """One field someone else changed while this person was editing."""

    def __init__(self, label, started_from, now, typed):
        self.label, self.started_from, self.now, self.typed = label, started_from, now, typed


def _shown(field: forms.Field, value) -> str:
    """A value as the person knows it: a choice by its label, a date as "4 March 2026"."""
    value = concurrency.plain(value)
    if value in (None, "", []):
        return str(_("(nothing)"))
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    labels = {}
    if getattr(field, "choices", None) is not None:
        try:
            labels = {str(concurrency.plain(k)): str(v) for k, v in field.choices}
        except (TypeError, ValueError):
            labels = {}
    values = value if isinstance(value, list) else [value]
    shown = []
    for one in values:
        if str(one) in labels:
            shown.append(labels[str(one)])
        elif isinstance(one, str) and len(one) == 10 and one[4:5] == "-" and one[7:8] == "-":
            try:
                shown.append(date_format(date.fromisoformat(one), "j F Y"))
            except ValueError:
                shown.append(one)
        else:
            shown.append(str(one))
    return ", ".join(shown)


class StaleCheck(forms.Form):
    """Mix into a form that changes an existing record: the record's values as shown travel
    with the form, and a save that would overwrite someone else's change is refused."""

    based_on = forms.CharField(widget=forms.HiddenInput, required=False)

    stale_message = _(
        "Someone else changed this while you were editing it. Check what changed below, then "
        "save again: what you typed is kept."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflicts: list[Conflict] = []
        if not self.is_bound:
            self.initial[concurrency.FIELD] = concurrency.stamp(self._current())

    def _watched(self):
        return [name for name in self.fields if name != concurrency.FIELD]

    def _current(self) -> dict:
        """The record's values now: what the view passed as `initial` (or the model instance)."""
        return {
            name: self.get_initial_for_field(self.fields[name], name) for name in self._watched()
        }

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return
        # Not a value of the record: views pass cleaned_data to services as it is.
        self.cleaned_data.pop(concurrency.FIELD, None)
        token = self.data.get(self.add_prefix(concurrency.FIELD))
        if not token:
            return  # not sent by one of our pages: nothing to compare with
        started = concurrency.read(token)
        current = self._current()
        if started is None:
            self._refuse(current, [])
            return
        conflicts = []
        for name in self._watched():
            now = current.get(name)
            if concurrency.same(started.get(name), now):
                continue  # nobody else changed it
            typed = self.cleaned_data.get(name, self.data.get(self.add_prefix(name)))
            if not concurrency.same(typed, now):
                field = self.fields[name]
                conflicts.append(
                    Conflict(
                        self[name].label,
                        _shown(field, started.get(name)),
                        _shown(field, now),
                        _shown(field, typed),
                    )
                )
        if conflicts:
            self._refuse(current, conflicts)

    def _refuse(self, current: dict, conflicts: list[Conflict]) -> None:
        self.conflicts = conflicts
        self.add_error(None, self.stale_message)
        self.data = self.data.copy()  # the form now carries the values as they are now
        self.data[self.add_prefix(concurrency.FIELD)] = concurrency.stamp(current)
