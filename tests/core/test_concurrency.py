"""Never a silent overwrite: the StaleCheck mixin on its own, with a small form."""

from __future__ import annotations

from django import forms

from resettle.core import concurrency
from resettle.core.forms import StaleCheck


class NameForm(StaleCheck):
    name = forms.CharField()
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")])


def started_from(**initial) -> str:
    """The hidden value a page showing `initial` carries."""
    return NameForm(initial=initial).initial[concurrency.FIELD]


def test_an_unchanged_record_saves_and_the_token_is_not_passed_on():
    token = started_from(name="Jay", colour="r")
    form = NameForm(
        {"name": "Jay T", "colour": "r", "based_on": token}, initial={"name": "Jay", "colour": "r"}
    )
    assert form.is_valid(), form.errors
    assert concurrency.FIELD not in form.cleaned_data
    assert form.conflicts == []


def test_a_change_made_meanwhile_is_not_overwritten_and_is_shown_field_by_field():
    token = started_from(name="Jay", colour="r")
    now = {"name": "Jayden", "colour": "g"}  # someone else saved both
    form = NameForm({"name": "Jay T", "colour": "r", "based_on": token}, initial=now)
    assert not form.is_valid()
    assert "Someone else changed this" in form.non_field_errors()[0]
    rows = {c.label: (c.started_from, c.now, c.typed) for c in form.conflicts}
    assert rows == {"Name": ("Jay", "Jayden", "Jay T"), "Colour": ("Red", "Green", "Red")}


def test_saving_again_after_seeing_the_change_is_accepted():
    token = started_from(name="Jay", colour="r")
    now = {"name": "Jayden", "colour": "g"}
    refused = NameForm({"name": "Jay T", "colour": "g", "based_on": token}, initial=now)
    assert not refused.is_valid()
    again = NameForm(refused.data, initial=now)  # the page sent back as it was shown
    assert again.is_valid(), again.errors


def test_making_the_same_change_as_someone_else_is_not_a_conflict():
    token = started_from(name="Jay", colour="r")
    form = NameForm(
        {"name": "Jayden", "colour": "r", "based_on": token},
        initial={"name": "Jayden", "colour": "r"},
    )
    assert form.is_valid(), form.errors


def test_a_forged_token_is_refused_and_a_missing_one_is_not_checked():
    forged = NameForm(
        {"name": "A", "colour": "r", "based_on": "not-signed"}, initial={"name": "B", "colour": "r"}
    )
    assert not forged.is_valid()
    unchecked = NameForm({"name": "A", "colour": "r"}, initial={"name": "B", "colour": "r"})
    assert unchecked.is_valid()


def test_values_compare_as_people_see_them():
    assert concurrency.same("a\r\nb ", "a\nb")
    assert concurrency.same(None, "")
    assert concurrency.same([], None)
    assert not concurrency.same("0", "")
    assert concurrency.same(["2", "1"], ["1", "2"])
