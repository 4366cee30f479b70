"""Journey forms. They check what was typed; the rules live in services (DomainError)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.access.policy import people_working_with
from resettle.accounts.models import Organisation
from resettle.core.forms import (
    LONG_TEXT,
    GovukDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    StaleCheck,
)
from resettle.plans.models import ActionKind, Goal, Pathway
from resettle.plans.services import active_pathways, owner_organisations
from resettle.voice.models import QUESTIONS, WordsAre

from .models import EventKind, MeetingKind
from .queries import organisations_involved

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def yes_no(label: str, error: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": error},
    )


class PersonChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name}, {obj.organisation.name}"


class OrganisationChoices(ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of meeting or contact was it?"),
        choices=MeetingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the kind of meeting")},
    )
    held_on = GovukDateField(
        label=_("Date of the meeting"),
        label_for_errors=_("the date of the meeting"),
        help_text=_("For example, 4 3 2026"),
    )
    child_attended = yes_no(_("Did the child take part?"), _("Say whether the child took part"))
    family_attended = yes_no(
        _("Did the child's family take part?"), _("Say whether the child's family took part")
    )
    people = PersonChoices(
        label=_("Practitioners who took part (optional)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    organisations = OrganisationChoices(
        label=_("Organisations involved with the child that took part (optional)"),
        help_text=_(
            "The child's service, organisations their record is shared with, and agencies"
            " in their network or plan"
        ),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    other_organisation = forms.CharField(
        label=_("Another organisation that took part (optional)"),
        help_text=_("Start typing its name and choose it from the list"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"list": "all-organisations", "autocomplete": "off"}),
    )
    other_attendees = forms.CharField(
        label=_("Anyone else who took part (optional)"),
        help_text=_("For example a mentor or a football coach"),
        required=False,
        max_length=1000,
    )
    four_questions_revisited = yes_no(
        _("Were the four questions revisited with the child?"),
        _("Say whether the four questions were revisited"),
    )
    who_are_you = forms.CharField(
        max_length=LONG_TEXT,
        label=QUESTIONS[0][1],
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    who_do_you_want_to_be = forms.CharField(
        max_length=LONG_TEXT,
        label=QUESTIONS[1][1],
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    strengths_in_own_words = forms.CharField(
        max_length=LONG_TEXT,
        label=QUESTIONS[2][1],
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    how_to_get_there = forms.CharField(
        max_length=LONG_TEXT,
        label=QUESTIONS[3][1],
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    words_are = forms.ChoiceField(
        label=_("Whose words are these?"),
        choices=WordsAre.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    decisions = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What was decided (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    action_description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What will happen (optional)"),
        help_text=_("Fill this in to add an action to the child's plan"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    action_pathway = ModelChoiceField(
        label=_("Pathway"), queryset=None, required=False, empty_label=_("Choose a pathway")
    )
    action_kind = forms.ChoiceField(
        label=_("Kind of support"), choices=[], widget=forms.RadioSelect, required=False
    )
    action_owner_person = ModelChoiceField(
        label=_("Who will do it"), queryset=None, required=False, empty_label=_("Choose a person")
    )
    action_owner_organisation = ModelChoiceField(
        label=_("Organisation responsible (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Choose an organisation"),
    )
    action_goals = ModelMultipleChoiceField(
        label=_("Which of the child's goals does it help with? (optional)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    action_due_on = GovukDateField(
        label=_("Due date (optional)"), label_for_errors=_("the due date"), required=False
    )

    ANSWERS = ("who_are_you", "who_do_you_want_to_be", "strengths_in_own_words", "how_to_get_there")

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = organisations_involved(child)
        # The whole list, to search in: the page offers it as suggestions for the text box.
        self.all_organisations = list(
            Organisation.objects.filter(is_active=True)
            .exclude(kind=Organisation.Kind.PARTNERSHIP)
            .order_by("name")
        )
        self.fields["action_owner_organisation"].queryset = owner_organisations().order_by("name")
        self.fields["action_owner_organisation"].label_from_instance = lambda o: o.name
        self.fields["action_goals"].queryset = (
            Goal.objects.for_child(child).filter(is_active=True).order_by("order", "id")
        )
        self.fields["action_goals"].label_from_instance = lambda g: g.text
        people = people_working_with(child)
        self.fields["action_pathway"].queryset = active_pathways()
        self.fields["action_pathway"].label_from_instance = lambda p: p.name
        self.fields["action_kind"].choices = ActionKind.choices
        self.fields["action_owner_person"].queryset = people
        self.fields["action_owner_person"].label_from_instance = lambda u: (
            f"{u.full_name}, {u.organisation.name}"
        )
        self.fields["people"].queryset = people.select_related("organisation").order_by("full_name")

    def clean(self):
        data = super().clean()
        if data.get("four_questions_revisited") == "yes":
            if not any((data.get(name) or "").strip() for name in self.ANSWERS):
                self.add_error(
                    "who_are_you", _("Write what the child said to at least one question")
                )
            if not data.get("words_are"):
                self.add_error(
                    "words_are",
                    _("Say whether these are the child's own words or a summary"),
                )
        if (data.get("action_description") or "").strip():
            if not data.get("action_pathway"):
                self.add_error("action_pathway", _("Choose the pathway for the action"))
            if not data.get("action_kind"):
                self.add_error(
                    "action_kind", _("Say whether this is structural or personal support")
                )
            if not (data.get("action_owner_person") or data.get("action_owner_organisation")):
                self.add_error("action_owner_person", _("Say who will do it"))
        name = " ".join((data.get("other_organisation") or "").split())
        if name:
            found = [o for o in self.all_organisations if o.name.lower() == name.lower()]
            if found:
                data["organisations"] = [*(data.get("organisations") or []), found[0]]
            else:
                self.add_error(
                    "other_organisation", _("Choose the organisation from the list of suggestions")
                )
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        four_questions = None
        if data["four_questions_revisited"] == "yes":
            four_questions = {name: data.get(name) or "" for name in self.ANSWERS}
            four_questions["words_are"] = data["words_are"]
        plan_action = None
        if (data.get("action_description") or "").strip():
            plan_action = {
                "pathway": data["action_pathway"],
                "kind": data["action_kind"],
                "description": data["action_description"],
                "owner_person": data["action_owner_person"],
                "owner_organisation": data.get("action_owner_organisation"),
                "goals": list(data.get("action_goals") or []),
                "due_on": data.get("action_due_on"),
            }
        return {
            "kind": data["kind"],
            "held_on": data["held_on"],
            "people": data["people"],
            "organisations": data["organisations"],
            "child_attended": data["child_attended"] == "yes",
            "family_attended": data["family_attended"] == "yes",
            "other_attendees": data.get("other_attendees") or "",
            "decisions": data.get("decisions") or "",
            "four_questions": four_questions,
            "plan_action": plan_action,
        }


class EventForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Was this progress or a setback?"),
        choices=EventKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether this is progress or a setback")},
    )
    happened_on = GovukDateField(
        label=_("When did it happen?"),
        label_for_errors=_("when it happened"),
        help_text=_("For example, 4 3 2026"),
    )
    pathway = ModelChoiceField(
        label=_("Pathway (optional)"),
        queryset=None,
        required=False,
        empty_label=_("Not about one pathway"),
    )
    what_happened = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What happened?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what happened")},
    )
    childs_view = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What did the child say about it? (optional)"),
        help_text=_("In the child's own words, if you can"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = Pathway.objects.filter(is_active=True)
        self.fields["pathway"].label_from_instance = lambda p: p.name


class SetbackResponseForm(StaleCheck):
    what_led_to_it = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What led to the setback?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what led to the setback")},
    )
    plan_changes = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What changes in the plan?"),
        help_text=_("Address what led to it. If nothing changes, say why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Say what changes in the plan, or that nothing changes and why")
        },
    )
    talked_through_as_temporary = forms.CharField(
        max_length=LONG_TEXT,
        label=_("How was it talked through with the child as temporary?"),
        help_text=_(
            "A setback is a step on the long journey to who they want to be, not the end of it"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Say how the setback was talked through with the child as temporary")
        },
    )
    talked_on = GovukDateField(
        label=_("When was it talked through? (optional)"),
        label_for_errors=_("when it was talked through"),
        required=False,
    )


class TouchpointDoneForm(forms.Form):
    done_on = GovukDateField(
        label=_("When was it done?"),
        label_for_errors=_("when it was done"),
        help_text=_("For example, 4 3 2026"),
    )
