"""The child's four-questions form in child mode, and the worker's password to leave it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import PASSWORD_TEXT, ModelMultipleChoiceField
from resettle.voice.models import ANSWER_FIELDS, RATING_MAX, RATING_MIN, Strength

MAX_ANSWER = 5000
YES, NO = "yes", "no"


def _words(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=MAX_ANSWER,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Your answer is too long. Make it a bit shorter.")},
    )


class StrengthTiles(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Strength) -> str:
        return obj.name


class MyAnswersForm(forms.Form):
    who_are_you = _words(_("Who are you?"), _("Write it in your own words."))
    who_do_you_want_to_be = _words(_("Who do you want to be?"))
    strengths = StrengthTiles(
        label=_("What are your strengths?"),
        help_text=_("Tap all the ones that are you."),
        queryset=Strength.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Pick strengths from the list")},
    )
    strengths_in_own_words = _words(
        _("Your strengths in your own words"), _("What are you good at? (You can skip this.)")
    )
    how_to_get_there = _words(_("How are you going to get there?"))
    self_rating = forms.TypedChoiceField(
        label=_("How sure do you feel you'll get there?"),
        help_text=_("1 is not sure at all. 10 is really sure. You can skip this."),
        choices=[(str(n), str(n)) for n in range(RATING_MIN, RATING_MAX + 1)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pick a number from 1 to 10")},
    )
    share_with_partners = forms.ChoiceField(
        label=_("Can other people who help you read your answers?"),
        help_text=_(
            "For example your social worker or a nurse. Your youth justice worker can always "
            "read them. You can skip this."
        ),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["strengths"].queryset = Strength.objects.filter(is_active=True).order_by(
            "order", "name"
        )

    def clean(self) -> dict:
        data = super().clean()
        answered = any(data.get(field) for field in ANSWER_FIELDS) or data.get("strengths")
        if not answered and not self.errors:
            self.add_error("who_are_you", _("Answer at least one question, or tap a strength."))
        return data

    def answers(self) -> dict:
        data = self.cleaned_data
        return {
            "who_are_you": data["who_are_you"],
            "who_do_you_want_to_be": data["who_do_you_want_to_be"],
            "strengths": list(data["strengths"]),
            "strengths_in_own_words": data["strengths_in_own_words"],
            "how_to_get_there": data["how_to_get_there"],
            "self_rating": data["self_rating"],
            "share_with_partners": data["share_with_partners"] == YES,
        }


class LeaveForm(forms.Form):
    password = forms.CharField(
        max_length=PASSWORD_TEXT,
        label=_("Worker's password"),
        help_text=_("The worker who started child mode types their password here."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter the worker's password")},
    )
