from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from resettle.access.policy import lead_practitioner_choices
from resettle.accounts.models import Organisation
from resettle.core.forms import GovukDateField, ModelChoiceField, StaleCheck, limited_formfield

from .models import (
    AtEndOfOrder,
    CareStatus,
    Child,
    Ethnicity,
    Gender,
    LegalStatus,
    LegalStatusEpisode,
)
from .rules import date_of_birth_problem, legal_status_problems


class LeadPractitionerField(ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class ChildForm(StaleCheck, forms.ModelForm):
    date_of_birth = GovukDateField(
        label=_("Date of birth"),
        label_for_errors=_("date of birth"),
        help_text=_("For example, 27 3 2009"),
    )
    gender = forms.ChoiceField(
        label=_("Gender"),
        choices=Gender.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the child's gender, or 'Not known'")},
    )
    care_status = forms.ChoiceField(
        label=_("Care status"),
        choices=CareStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the child's care status")},
    )
    ethnicity = forms.ChoiceField(
        label=_("Ethnicity"),
        choices=[("", _("Choose ethnicity")), *Ethnicity.choices],
        error_messages={"required": _("Select the child's ethnicity, or 'Not stated'")},
    )

    class Meta:
        formfield_callback = limited_formfield
        model = Child
        fields = [
            "preferred_name",
            "legal_name",
            "date_of_birth",
            "gender",
            "ethnicity",
            "first_language",
            "care_status",
            "communication_needs",
            "lead_practitioner",
            "local_reference",
        ]
        labels = {
            "preferred_name": _("Preferred name"),
            "legal_name": _("Legal name"),
            "first_language": _("First language"),
            "communication_needs": _("Communication needs (optional)"),
            "lead_practitioner": _("Lead practitioner"),
            "local_reference": _("Local reference (optional)"),
        }
        help_texts = {
            "preferred_name": _("The name the child likes to be called"),
            "legal_name": _("Full name as on official documents"),
            "first_language": _("For example, English, Somali or British Sign Language"),
        }
        error_messages = {
            "preferred_name": {"required": _("Enter the child's preferred name")},
            "legal_name": {"required": _("Enter the child's legal name")},
        }
        widgets = {
            "communication_needs": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["lead_practitioner"] = LeadPractitionerField(
            queryset=lead_practitioner_choices(user),
            label=_("Lead practitioner"),
            required=False,
            empty_label=_("Not allocated yet"),
        )
        self.fields["first_language"].required = False

    def clean_preferred_name(self) -> str:
        return self._clean_name("preferred_name", _("preferred name"))

    def clean_legal_name(self) -> str:
        return self._clean_name("legal_name", _("legal name"))

    def _clean_name(self, field: str, label: str) -> str:
        value = " ".join(self.cleaned_data[field].split())
        if not value:
            raise ValidationError(_("Enter the child's %(label)s") % {"label": label})
        return value

    def clean_date_of_birth(self):
        dob = self.cleaned_data["date_of_birth"]
        if dob is not None and (problem := date_of_birth_problem(dob)):
            raise ValidationError(problem)
        return dob


class CaseloadFilterForm(forms.Form):
    SORTS = {
        "name": ("preferred_name", "legal_name", "id"),
        "-name": ("-preferred_name", "-legal_name", "-id"),
        "age": ("-date_of_birth", "id"),
        "-age": ("date_of_birth", "id"),
        "reference": ("local_reference", "id"),
        "recent": ("-created_at", "-id"),
    }
    SORT_LABELS = {
        "name": _("Name (A to Z)"),
        "-name": _("Name (Z to A)"),
        "age": _("Age (youngest first)"),
        "-age": _("Age (oldest first)"),
        "reference": _("Local reference"),
        "recent": _("Recently added"),
    }

    q = forms.CharField(label=_("Search by name or reference"), required=False, max_length=100)
    care_status = forms.ChoiceField(
        label=_("Care status"),
        required=False,
        choices=[("", _("Any")), *CareStatus.choices],
    )
    lead = forms.ChoiceField(label=_("Lead practitioner"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORT_LABELS.items()))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].choices = [
            ("", _("Anyone")),
            ("none", _("Not allocated")),
            *[
                (str(public_id), name)
                for public_id, name in lead_practitioner_choices(user).values_list(
                    "public_id", "full_name"
                )
            ],
        ]

    def ordering(self) -> tuple[str, ...]:
        sort = self.cleaned_data.get("sort") if self.is_bound else None
        return self.SORTS.get(sort or "name", self.SORTS["name"])

    def narrow(self, children):
        """`children` narrowed by the search and the filters that are valid (a filter with a bad
        value is ignored; the others still apply). Call `is_valid()` first."""
        data = getattr(self, "cleaned_data", {})
        children = children.search(data.get("q", ""))
        if data.get("care_status"):
            children = children.filter(care_status=data["care_status"])
        if data.get("lead") == "none":
            children = children.filter(lead_practitioner__isnull=True)
        elif data.get("lead"):
            children = children.filter(lead_practitioner__public_id=data["lead"])
        return children


class LegalStatusForm(forms.ModelForm):
    status = forms.ChoiceField(
        label=_("Legal status"),
        choices=LegalStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select the child's legal status")},
    )
    starts_on = GovukDateField(
        label=_("Start date"),
        label_for_errors=_("the start date"),
        help_text=_("For example, 4 3 2026"),
    )
    expected_release_on = GovukDateField(
        label=_("Expected release date (if in custody)"),
        label_for_errors=_("the expected release date"),
        required=False,
    )

    class Meta:
        formfield_callback = limited_formfield
        model = LegalStatusEpisode
        fields = [
            "status",
            "sentence_type",
            "establishment",
            "starts_on",
            "expected_release_on",
            "notes",
        ]
        labels = {
            "sentence_type": _("Sentence (if sentenced to custody)"),
            "establishment": _("Secure establishment (if in custody)"),
            "notes": _("Notes (optional)"),
        }
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["establishment"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.SECURE_ESTABLISHMENT, is_active=True
        ).order_by("name")
        self.fields["establishment"].empty_label = _("Not in a secure establishment")
        self.fields["establishment"].label_from_instance = lambda o: o.name
        self.fields["sentence_type"].required = False

    def clean(self):
        data = super().clean()
        if data.get("status") != LegalStatus.SENTENCED_CUSTODY:
            data["sentence_type"] = ""
        for field, message in legal_status_problems(data).items():
            if field not in self.errors and (field != "starts_on" or "starts_on" in data):
                self.add_error(field, message)
        return data


END_OF_ORDER_CHOICES = [*AtEndOfOrder.choices, ("", _("Not recorded yet"))]


class EndOfOrderForm(StaleCheck, forms.Form):
    """At the end of the order: was the child's accommodation, and their education, training or
    employment, suitable (the YJB's key performance indicators 1 and 2)."""

    end_accommodation = forms.ChoiceField(
        label=_("Was the child's accommodation suitable when the order ended?"),
        choices=END_OF_ORDER_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    end_ete = forms.ChoiceField(
        label=_(
            "Was the child in suitable education, training or employment when the order ended?"
        ),
        choices=END_OF_ORDER_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
