"""The GOV.UK date field, and the child's date of birth window, as properties over many dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django import forms
from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from resettle.accounts.models import User
from resettle.children.forms import ChildForm
from resettle.children.rules import MAX_AGE, MIN_AGE
from resettle.core.dates import today, years_ago
from resettle.core.forms import GovukDateField

FAST = settings(max_examples=50, deadline=None)


class DateForm(forms.Form):
    when = GovukDateField(label="When", label_for_errors="the date")


def posted(day: str, month: str, year: str, name: str = "when") -> dict[str, str]:
    return {f"{name}_day": day, f"{name}_month": month, f"{name}_year": year}


def date_errors(data: dict[str, str]) -> list[str]:
    form = DateForm(data)
    form.is_valid()
    return [str(e) for e in form.errors.get("when", [])]


def oldest_allowed() -> date:
    return years_ago(MAX_AGE + 1) + timedelta(days=1)


def youngest_allowed() -> date:
    return years_ago(MIN_AGE)


def child_form_date_errors(day, month, year) -> list[str]:
    # An unsaved user is enough: the date of birth does not look anything up.
    form = ChildForm(posted(str(day), str(month), str(year), "date_of_birth"), user=User())
    form.is_valid()
    return [str(e) for e in form.errors.get("date_of_birth", [])]


@FAST
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_any_real_date_typed_as_numbers_is_accepted_and_round_trips(value):
    form = DateForm(posted(str(value.day), str(value.month), str(value.year)))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == value
    # What the page shows for a stored date reads back as the same date.
    day, month, year = DateForm.base_fields["when"].widget.decompress(value)
    again = DateForm(posted(str(day), str(month), str(year)))
    assert again.is_valid()
    assert again.cleaned_data["when"] == value


@FAST
@given(
    st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)),
    st.sampled_from(["0", " ", ""]),
)
def test_leading_zeros_and_spaces_do_not_matter(value, padding):
    form = DateForm(
        posted(f" {padding}{value.day}", f"{padding}{value.month} ", f"{value.year}{' '}")
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == value


@FAST
@given(
    st.integers(min_value=1000, max_value=9999),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=29, max_value=99),
)
def test_a_day_past_the_end_of_the_month_is_not_a_real_date(year, month, day):
    try:
        date(year, month, day)
    except ValueError:
        assert date_errors(posted(str(day), str(month), str(year))) == [
            "The date must be a real date"
        ]
    else:
        assert date_errors(posted(str(day), str(month), str(year))) == []


@FAST
@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
def test_whatever_is_typed_the_field_answers_with_a_date_or_one_message(day, month, year):
    form = DateForm(posted(day, month, year))
    if form.is_valid():
        assert isinstance(form.cleaned_data["when"], date)
    else:
        assert len(form.errors["when"]) == 1


@FAST
@given(
    st.integers(min_value=2**31 - 1, max_value=10**30),
    st.sampled_from(["day", "month", "year"]),
)
def test_an_enormous_number_is_not_a_real_date_rather_than_an_error(number, part):
    parts = {"day": "1", "month": "1", "year": "2010", part: str(number)}
    assert date_errors(posted(parts["day"], parts["month"], parts["year"])) == [
        "The date must be a real date"
    ]


@FAST
@given(st.integers(min_value=0, max_value=999))
def test_a_year_shorter_than_four_numbers_is_refused(year):
    assert date_errors(posted("1", "1", str(year))) == ["Year must include 4 numbers"]


def test_empty_date_is_required_with_the_label_in_the_message():
    assert date_errors(posted("", "", "")) == ["Enter the date"]
    assert date_errors({}) == ["Enter the date"]


def test_optional_date_can_be_left_empty():
    class OptionalForm(forms.Form):
        when = GovukDateField(label="When", label_for_errors="the date", required=False)

    form = OptionalForm(posted("", " ", ""))
    assert form.is_valid()
    assert form.cleaned_data["when"] is None


def test_widget_decompresses_nothing_into_empty_boxes():
    assert DateForm.base_fields["when"].widget.decompress(None) == [None, None, None]


# The date of birth window on the child's form


@FAST
@given(st.data())
def test_any_date_of_birth_within_ages_ten_to_twenty_five_is_accepted(data):
    value = data.draw(st.dates(min_value=oldest_allowed(), max_value=youngest_allowed()))
    assert child_form_date_errors(value.day, value.month, value.year) == []


@FAST
@given(st.data())
def test_any_date_of_birth_outside_the_age_window_is_refused(data):
    too_old = st.dates(min_value=date(1000, 1, 1), max_value=years_ago(MAX_AGE + 1))
    too_young = st.dates(
        min_value=youngest_allowed() + timedelta(days=1), max_value=date(9999, 12, 31)
    )
    value = data.draw(st.one_of(too_old, too_young))
    errors = child_form_date_errors(value.day, value.month, value.year)
    assert len(errors) == 1
    if value > today():
        assert errors == ["Date of birth must be in the past"]
    elif value > youngest_allowed():
        assert errors == ["The child must be at least 10 years old: check the date of birth"]
    else:
        assert errors == ["Resettle is for people aged up to 25: check the date of birth"]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 3, 4), date(2016, 3, 4)),
        (date(2024, 2, 29), date(2014, 2, 28)),
    ],
)
def test_years_ago_falls_back_to_28_february(on, expected):
    assert years_ago(10, on) == expected


def test_age_filter_counts_whole_years():
    from resettle.core.dates import age_on

    assert age_on(date(2010, 5, 17), date(2026, 5, 16)) == 15
    assert age_on(date(2010, 5, 17), date(2026, 5, 17)) == 16
    rendered = Template("{% load govuk %}{{ d|age }}|{{ none|age }}").render(
        Context({"d": years_ago(14) - timedelta(days=1), "none": None})
    )
    assert rendered == "14|"
