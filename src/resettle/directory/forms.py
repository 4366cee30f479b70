"""The menu of support's forms. They read and type what was typed; the rules are the services'."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import StaleCheck

from .boroughs import area_choices
from .models import Organization, ServiceStatus
from .taxonomy import pathway_choices, support_choices
from .values import DAYS, LIMITS, OLDEST

NUMERIC = {"inputmode": "numeric", "spellcheck": "false"}


def _text(label, key: str, *, help_text="", rows=0, required=False, limit=0, **extra):
    limit = limit or LIMITS[key]
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=limit,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(attrs=extra),
        error_messages={
            "max_length": _("This must be %(limit_value)s characters or fewer"),
            "required": _("Enter %(label)s") % {"label": str(label).lower()},
        },
    )


def _age(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=OLDEST,
        widget=forms.TextInput(attrs=NUMERIC),
        error_messages={
            "invalid": _("Enter the age as a whole number, like 16"),
            "min_value": _("Enter an age from 0 to %(oldest)s") % {"oldest": OLDEST},
            "max_value": _("Enter an age from 0 to %(oldest)s") % {"oldest": OLDEST},
        },
    )


def _choices(label, choices, *, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        help_text=help_text,
        required=False,
        choices=choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose from the list")},
    )


class SearchForm(forms.Form):
    """Finding a service. Nothing typed here is personal, so it travels in the address."""

    OPTIONS = [
        ("open_now", _("Open now")),
        ("include_closed", _("Include services that are inactive or closed")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    pathway = forms.ChoiceField(
        label=_("Pathway"), required=False, choices=[("", _("Any pathway")), *pathway_choices()]
    )
    area = forms.ChoiceField(
        label=_("Borough"), required=False, choices=[("", _("Any borough")), *area_choices()]
    )
    age = forms.IntegerField(
        label=_("Age of the child"),
        required=False,
        min_value=0,
        max_value=OLDEST,
        help_text=_("Services for this age"),
        widget=forms.TextInput(attrs=NUMERIC),
    )
    support = forms.ChoiceField(
        label=_("Kind of support"),
        required=False,
        choices=[("", _("Structural or personal")), *support_choices()],
    )
    options = forms.MultipleChoiceField(
        label=_("Other filters"),
        required=False,
        choices=OPTIONS,
        widget=forms.CheckboxSelectMultiple,
    )


class ServiceForm(StaleCheck):
    # What must be given is the service's rule (values.check), so every problem shows at once.
    organization = forms.ChoiceField(
        label=_("Organisation that provides it"), choices=[], required=False
    )
    name = _text(_("Name of the service"), "name")
    description = _text(_("What it offers"), "description", rows=5)
    status = forms.ChoiceField(
        label=_("Status"), choices=ServiceStatus.choices, widget=forms.RadioSelect, required=False
    )
    alert = _text(
        _("Alert (optional)"),
        "alert",
        rows=2,
        help_text=_("Something short-term workers must know, like a closure or a waiting list"),
    )
    pathways = _choices(_("Pathways"), pathway_choices(), help_text=_("Select all that apply"))
    support = _choices(
        _("Kind of support"), support_choices(), help_text=_("Select all that apply")
    )
    areas = _choices(_("Boroughs it covers"), area_choices(), help_text=_("Select all that apply"))
    eligibility_description = _text(_("Who it is for"), "eligibility_description", rows=3)
    minimum_age = _age(_("Youngest age (optional)"))
    maximum_age = _age(_("Oldest age (optional)"))
    application_process = _text(
        _("How to refer"),
        "application_process",
        rows=3,
        help_text=_("What the worker does to refer a child, and what to send"),
    )
    wait_time = _text(_("Waiting time (optional)"), "wait_time")
    fees_description = _text(_("Cost (optional)"), "fees_description", rows=2)
    url = _text(_("Website (optional)"), "url", spellcheck="false")
    email = _text(_("Email address for referrals (optional)"), "email", spellcheck="false")
    contact_name = _text(
        _("Contact (optional)"), "contact_name", help_text=_("A job title or a team")
    )
    phone = _text(_("Telephone (optional)"), "phone")
    address_1 = _text(_("Address line 1 (optional)"), "address_1")
    city = _text(_("Town or city"), "city")
    postal_code = _text(_("Postcode"), "postal_code")
    days = _choices(_("Days open (optional)"), DAYS)
    opens_at = _text(_("Opens at"), "opens_at", help_text=_("For example, 09:30"))
    closes_at = _text(_("Closes at"), "closes_at", help_text=_("For example, 17:00"))
    assured = forms.MultipleChoiceField(
        label=_("Checked with the service"),
        required=False,
        choices=[("yes", _("I have checked this information with the service today"))],
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = [
            ("", _("Choose an organisation")),
            *((str(pk), name) for pk, name in Organization.objects.values_list("id", "name")),
        ]
        self.fields["organization"].error_messages["invalid_choice"] = _(
            "Choose an organisation from the list"
        )
        for key in ("opens_at", "closes_at"):
            self.fields[key].widget.attrs.update(NUMERIC)

    def values(self) -> dict:
        """What was typed, for the service; a field that could not be read is left out."""
        data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        data.pop("assured", None)
        return data

    @property
    def is_assured(self) -> bool:
        return "yes" in self.cleaned_data.get("assured", [])


class ProposalForm(ServiceForm):
    reason = _text(
        _("Why should it change?"),
        "reason",
        rows=4,
        limit=1000,
        help_text=_("How you know, for example a call with the service on a date"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organization"]
        del self.fields["assured"]

    def values(self) -> dict:
        data = super().values()
        data.pop("reason", None)
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Your decision"),
        choices=[("accept", _("Accept the change")), ("reject", _("Reject the change"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to accept or reject the change")},
    )
    note = forms.CharField(
        label=_("Note for the manager who proposed it"),
        help_text=_("Needed if you reject the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("The note must be %(limit_value)s characters or fewer")},
    )


class OrganizationForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        error_messages={"required": _("Enter the organisation's name")},
    )
    description = forms.CharField(
        label=_("What the organisation does"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what the organisation does")},
    )
    website = forms.URLField(
        label=_("Website (optional)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a website address starting https://")},
    )
    email = forms.EmailField(
        label=_("Email address (optional)"),
        required=False,
        error_messages={"invalid": _("Enter an email address in the correct format")},
    )
