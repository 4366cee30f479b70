from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from resettle.accounts.models import Organisation
from resettle.core.dates import today
from resettle.core.forms import (
    GovukDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    StaleCheck,
)

from . import policy


class OrganisationChoiceField(ModelChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return obj.name


class ShareForm(forms.Form):
    organisation = OrganisationChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        error_messages={"required": _("Choose the organisation to share with")},
    )
    purpose = forms.CharField(
        label=_("Why are you sharing the child's record?"),
        help_text=_("For example, 'Placed at HMYOI Feltham: resettlement planning'"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter why you are sharing the child's record")},
    )
    ends_on = GovukDateField(
        label=_("When should sharing end?"),
        label_for_errors=_("the date sharing ends"),
        help_text=_("Access ends automatically after this date. For example, 27 3 2027"),
    )

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = policy.share_target_organisations(child).order_by(
            "kind", "name"
        )

    def clean_purpose(self) -> str:
        value = self.cleaned_data["purpose"].strip()
        if not value:
            raise ValidationError(_("Enter why you are sharing the child's record"))
        return value

    def clean_ends_on(self):
        value = self.cleaned_data["ends_on"]
        if value and value < today():
            raise ValidationError(_("The date sharing ends must be today or in the future"))
        if value and value.year > today().year + 10:
            raise ValidationError(_("The date sharing ends must be within 10 years"))
        return value


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PersonChoiceField(ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.get_role_display()})"


class RestrictionForm(StaleCheck):
    reason = forms.CharField(
        label=_("Why is this child's record restricted?"),
        help_text=_("For example, the child is related to a member of staff"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter why the record is restricted")},
    )
    people = PersonChoiceField(
        label=_("Who may see the child's record?"),
        help_text=_("You will always be able to see it. Everyone else will not know it exists."),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = policy.lead_practitioner_choices(user).exclude(id=user.id)


class TransferRequestForm(forms.Form):
    to_service = OrganisationChoiceField(
        label=_("Which youth justice service is the child moving to?"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose a youth justice service"),
        error_messages={"required": _("Choose the youth justice service the child is moving to")},
    )
    reason = forms.CharField(
        label=_("Why is the child moving?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Enter why the child is moving")},
    )

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_service"].queryset = Organisation.objects.filter(
            kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE, is_active=True
        ).exclude(id=child.owning_service_id)


class LeadChoiceField(ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.full_name


class TransferDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Do you accept this transfer?"),
        choices=[("accept", _("Yes, accept the child")), ("decline", _("No, decline"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Select whether you accept the transfer")},
    )
    lead_practitioner = LeadChoiceField(
        label=_("Lead practitioner in your service"),
        queryset=None,
        required=False,
        empty_label=_("Allocate later"),
    )
    note = forms.CharField(
        label=_("Note (needed if you decline)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_practitioner"].queryset = policy.lead_practitioner_choices(user)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("note") or "").strip():
            self.add_error("note", _("Enter why you are declining the transfer"))
        return data
