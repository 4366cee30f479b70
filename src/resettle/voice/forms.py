"""The form for recording a conversation with a child about the four key questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resettle.core.dates import today
from resettle.core.forms import GovukDateField, ModelMultipleChoiceField, StaleCheck

from . import services
from .models import ANSWER_FIELDS, RATING_MAX, RATING_MIN, Conversation, Strength, WordsAre

if TYPE_CHECKING:
    from resettle.children.models import Child

    from .models import VoiceEntry

MAX_ANSWER = 5000
YES, NO = "yes", "no"


def _answer(label, help_text=""):
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=MAX_ANSWER,
        strip=True,  # spaces around an answer only; nothing inside it changes
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("An answer must be %(limit_value)s characters or fewer"),
        },
    )


class StrengthChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Strength) -> str:
        return obj.name


class VoiceEntryForm(StaleCheck):
    recorded_on = GovukDateField(
        label=_("Date of the conversation"),
        label_for_errors=_("the date of the conversation"),
        help_text=_("For example, 4 3 2026"),
    )
    conversation = forms.ChoiceField(
        label=_("What kind of conversation was it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of conversation")},
    )
    who_are_you = _answer(_("Who are you?"), _("Write what the child said, in their words"))
    who_do_you_want_to_be = _answer(_("Who do you want to be?"))
    strengths = StrengthChoiceField(
        label=_("What are your strengths?"),
        help_text=_("Select the strengths the child picked, if any"),
        queryset=Strength.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Select strengths from the list")},
    )
    strengths_in_own_words = _answer(
        _("Their strengths in their own words"),
        _("What the child said they are good at, or what others say about them"),
    )
    how_to_get_there = _answer(_("How are you going to get there?"))
    words_are = forms.ChoiceField(
        label=_("Are these the child's own words?"),
        choices=WordsAre.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select whether these are the child's own words or a summary")
        },
    )
    share_with_partners = forms.ChoiceField(
        label=_("Did the child agree their words can be shared with partners?"),
        help_text=_(
            "Partners are social care, health, education and other organisations the child's "
            "record is shared with. Your service and the secure estate see every entry."
        ),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select yes if the child agreed their words can be shared with partners")
        },
    )
    self_rating = forms.TypedChoiceField(
        label=_("How sure do you feel you'll get there? (optional)"),
        help_text=_("Ask the child to choose from 1 (not sure at all) to 10 (completely sure)"),
        choices=[
            ("", _("Not asked")),
            *[(str(n), str(n)) for n in range(RATING_MIN, RATING_MAX + 1)],
        ],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a number from 1 to 10")},
    )

    def __init__(self, *args, child: Child, entry: VoiceEntry | None = None, **kwargs):
        self.child = child
        self.entry = entry
        if entry is not None:
            kwargs["initial"] = self.initial_from(entry)
        super().__init__(*args, **kwargs)
        offered = Q(is_active=True)
        conversations = [c for c in Conversation.choices if c[0] != Conversation.CHILD_MODE]
        if entry is not None:
            # A strength retired since, or a child-mode entry, stays correctable.
            offered |= Q(pk__in=[s.pk for s in entry.strengths.all()])
            if entry.conversation == Conversation.CHILD_MODE:
                conversations = Conversation.choices
        self.fields["strengths"].queryset = Strength.objects.filter(offered).order_by(
            "order", "name"
        )
        self.fields["conversation"].choices = conversations

    @staticmethod
    def initial_from(entry: VoiceEntry) -> dict[str, Any]:
        return {
            "recorded_on": entry.recorded_on,
            "conversation": entry.conversation,
            **{field: getattr(entry, field) for field in ANSWER_FIELDS},
            "strengths": [s.pk for s in entry.strengths.all()],
            "words_are": entry.words_are,
            "share_with_partners": YES if entry.share_with_partners else NO,
            "self_rating": "" if entry.self_rating is None else str(entry.self_rating),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        recorded_on = data.get("recorded_on")
        found = services.problems(
            self.child,
            recorded_on=recorded_on or today(),
            words={field: data.get(field, "") for field in ANSWER_FIELDS},
            strengths=data.get("strengths") or [],
            self_rating=data.get("self_rating"),
        )
        if recorded_on is None:
            found.pop("recorded_on", None)  # the date field has said what is wrong
        if any(field in self.errors for field in ANSWER_FIELDS):
            found.pop(ANSWER_FIELDS[0], None)  # an answer that is too long has its own message
        for field, message in found.items():
            if field not in self.errors:
                self.add_error(field, message)
        return data

    def answers(self) -> dict[str, Any]:
        """The cleaned answers, as record_voice and change_voice take them."""
        data = self.cleaned_data
        return {
            "recorded_on": data["recorded_on"],
            "conversation": data["conversation"],
            **{field: data[field] for field in ANSWER_FIELDS},
            "strengths": list(data["strengths"]),
            "words_are": data["words_are"],
            "share_with_partners": data["share_with_partners"] == YES,
            "self_rating": data["self_rating"],
        }
