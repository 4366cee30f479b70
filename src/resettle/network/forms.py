"""Forms for the child's network. They check what was typed; saving and auditing is in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.accounts.models import Organisation
from resettle.core.forms import ModelChoiceField, StaleCheck, limited_formfield

from .models import Influence, Person, PlaceOrActivity, Professional, Relationship, Safety

YES, NO = "yes", "no"


def _required(message):
    return {"required": message}


class OrganisationField(ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class EntryValues:
    """The form's values as `services.save_network_entry` takes them."""

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.fields}


class PersonForm(StaleCheck, EntryValues, forms.ModelForm):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("As the child knows them, for example 'Aunt Grace' or 'Coach Marcus'"),
        max_length=200,
        error_messages=_required(_("Enter the person's name")),
    )
    relationship = forms.ChoiceField(
        label=_("Relationship to the child"),
        choices=[("", _("Select a relationship")), *Relationship.choices],
        error_messages=_required(_("Select the person's relationship to the child")),
    )
    influence = forms.ChoiceField(
        label=_("How does this person influence who the child wants to be?"),
        choices=Influence.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select how this person influences the child")),
    )

    class Meta:
        formfield_callback = limited_formfield
        model = Person
        fields = [
            "name",
            "relationship",
            "relationship_detail",
            "influence",
            "role_in_plan",
            "contact_details",
            "notes",
        ]
        labels = {
            "relationship_detail": _("Relationship in the child's words (optional)"),
            "role_in_plan": _("Their role in the plan (optional)"),
            "contact_details": _("Contact details (optional)"),
            "notes": _("Notes (optional)"),
        }
        widgets = {
            "role_in_plan": forms.Textarea(attrs={"rows": 3}),
            "contact_details": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, show_contacts: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_contacts:
            # Partner practitioners neither see nor change the child's people's contact details
            # (access.policy.can_see_personal_contacts); the saved value is left as it is.
            del self.fields["contact_details"]

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class PlaceOrActivityForm(StaleCheck, EntryValues, forms.ModelForm):
    name = forms.CharField(
        label=_("Name"),
        help_text=_("For example 'Camden Boxing Club', 'the estate car park' or 'foster home'"),
        max_length=200,
        error_messages=_required(_("Enter the name of the place or activity")),
    )
    kind = forms.ChoiceField(
        label=_("Is it a place, an activity or a placement?"),
        choices=PlaceOrActivity.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select whether it is a place, an activity or a placement")),
    )
    influence = forms.ChoiceField(
        label=_("How safe is it for who the child wants to be?"),
        choices=Safety.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Select how safe it is for the child")),
    )

    class Meta:
        formfield_callback = limited_formfield
        model = PlaceOrActivity
        fields = ["name", "kind", "influence", "notes"]
        labels = {"notes": _("Notes (optional)")}
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class ProfessionalForm(StaleCheck, forms.ModelForm):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages=_required(_("Enter the professional's name")),
    )
    role = forms.CharField(
        label=_("Role"),
        help_text=_("For example 'Social worker', 'CAMHS nurse' or 'College tutor'"),
        max_length=200,
        error_messages=_required(_("Enter the professional's role")),
    )
    organisation = OrganisationField(
        label=_("Organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Not in the list"),
    )
    still_involved = forms.ChoiceField(
        label=_("Are they still involved with the child?"),
        choices=[(YES, _("Yes")), (NO, _("No"))],
        widget=forms.RadioSelect,
        error_messages=_required(_("Select whether they are still involved")),
    )

    class Meta:
        formfield_callback = limited_formfield
        model = Professional
        fields = ["name", "role", "organisation", "contact_details"]
        labels = {"contact_details": _("Contact details (optional)")}
        widgets = {"contact_details": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.organisation_id
        offered = Organisation.objects.filter(is_active=True).exclude(
            kind=Organisation.Kind.PARTNERSHIP
        )
        if current:
            offered = offered | Organisation.objects.filter(id=current)
        self.fields["organisation"].queryset = offered.order_by("name")
        if self.instance.pk is None:
            self.fields["still_involved"].initial = YES
        else:
            self.fields["still_involved"].initial = YES if self.instance.is_active else NO

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def values(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["is_active"] = self.cleaned_data["still_involved"] == YES
        return data
