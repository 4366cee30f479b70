"""The period picker and the filters: a GET form. Anything it does not recognise is an error with
a message (the page says what to change), never a server error."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.core.dates import today
from resettle.core.forms import GovukDateField

from . import figures
from .periods import (
    CUSTOM,
    LONGEST_CUSTOM_DAYS,
    QUARTER,
    YEAR,
    Period,
    financial_year_of,
    quarter_of,
    recent_quarters,
    recent_years,
)

ALL = ("", _("All"))


def _choices(options: dict) -> list[tuple[str, str]]:
    return [ALL, *((key, value[0] if isinstance(value, tuple) else value) for key, value in
                   options.items())]  # fmt: skip


class FiguresForm(forms.Form):
    period = forms.ChoiceField(
        label=_("Period"),
        choices=[(QUARTER, _("A quarter")), (YEAR, _("A financial year")), (CUSTOM, _("Dates"))],
        widget=forms.RadioSelect,
        required=False,
    )
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    year = forms.ChoiceField(label=_("Financial year"), required=False)
    start = GovukDateField(
        label=_("From"), label_for_errors=_("the first day"), required=False,
        help_text=_("For dates: for example, 1 4 2025"),
    )  # fmt: skip
    end = GovukDateField(label=_("To"), label_for_errors=_("the last day"), required=False)
    stage = forms.ChoiceField(
        label=_("Stage now"), choices=_choices(figures.STAGES), required=False
    )
    legal = forms.ChoiceField(
        label=_("Remanded or sentenced"), choices=_choices(figures.LEGAL), required=False
    )
    care_status = forms.ChoiceField(
        label=_("Care status"), choices=_choices(figures.CARE), required=False
    )
    age_band = forms.ChoiceField(
        label=_("Age today"), choices=_choices(figures.AGE_BANDS), required=False
    )
    gender = forms.ChoiceField(label=_("Gender"), choices=_choices(figures.GENDERS), required=False)
    ethnicity = forms.ChoiceField(
        label=_("Ethnic group"), choices=_choices(figures.ETHNIC_GROUPS), required=False
    )

    def __init__(self, *args, on: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.on = on or today()
        self.fields["quarter"].choices = [
            (q.start.isoformat(), q.label) for q in recent_quarters(self.on)
        ]
        self.fields["year"].choices = [(str(y.start.year), y.label) for y in recent_years(self.on)]

    def clean(self):
        data = super().clean()
        kind = data.get("period") or QUARTER
        if kind == CUSTOM and not self.errors:
            start, end = data.get("start"), data.get("end")
            if start is None:
                self.add_error("start", _("Enter the first day of the period"))
            if end is None:
                self.add_error("end", _("Enter the last day of the period"))
            if start and end and start > end:
                self.add_error("end", _("The last day must be the same as or after the first"))
            elif start and end and (end - start).days >= LONGEST_CUSTOM_DAYS:
                self.add_error("end", _("Choose a period of two years or less"))
        return data

    def chosen_period(self) -> Period:
        data = self.cleaned_data
        kind = data.get("period") or QUARTER
        if kind == CUSTOM:
            return Period(data["start"], data["end"], CUSTOM)
        if kind == YEAR:
            year = data.get("year")
            return financial_year_of(date(int(year), 4, 1)) if year else financial_year_of(self.on)
        start = data.get("quarter")
        return quarter_of(date.fromisoformat(start)) if start else quarter_of(self.on)

    def chosen_filters(self) -> figures.Filters:
        data = self.cleaned_data
        return figures.Filters(
            **{name: data.get(name) or "" for name in (
                "stage", "legal", "care_status", "age_band", "gender", "ethnicity")}
        )  # fmt: skip

    @property
    def kept(self) -> str:
        """The query string that keeps this period and these filters on links."""
        return self.data.urlencode() if hasattr(self.data, "urlencode") else ""
