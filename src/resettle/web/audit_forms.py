"""Filters for reading the audit trail."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resettle.accounts.models import Organisation
from resettle.audit.models import ACTIONS
from resettle.core.forms import GovukDateField, ModelChoiceField


def _action_choices(codes) -> list[tuple[str, str]]:
    labelled = sorted(((code, str(ACTIONS.get(code, code))) for code in codes), key=lambda c: c[1])
    return [("", _("All actions")), *labelled]


def _start_of(day: date) -> datetime:
    """Midnight at the start of `day`, in the service's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


class AccessLogFilterForm(forms.Form):
    """Filters on one child's access log. Choices are what actually appears in that log."""

    action = forms.ChoiceField(label=_("What they did"), required=False)
    person = forms.ChoiceField(label=_("Who"), required=False)

    def __init__(self, *args, events: QuerySet, viewer, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # This visit is recorded too, so the viewer and "viewed who has accessed" are always there.
        codes = {*events.order_by().values_list("action", flat=True).distinct()}
        self.fields["action"].choices = _action_choices(codes | {"audit.access_log_viewed"})
        people = {
            (str(public_id), name or email)
            for public_id, name, email in events.filter(actor__isnull=False)
            .order_by()
            .values_list("actor__public_id", "actor__full_name", "actor_email")
            .distinct()
            if public_id
        }
        people.add((str(viewer.public_id), viewer.full_name or viewer.email))
        self.fields["person"].choices = [
            ("", _("Everyone")),
            *sorted(people, key=lambda choice: choice[1].lower()),
        ]

    def filter(self, events: QuerySet) -> QuerySet:
        data = self.cleaned_data
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("person"):
            events = events.filter(actor__public_id=data["person"])
        return events

    def as_detail(self) -> dict[str, Any]:
        """The filters in use, for the audit entry that records this look at the trail."""
        return {k: v for k, v in self.cleaned_data.items() if v}


class OrganisationField(ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class AuditSearchForm(forms.Form):
    date_from = GovukDateField(
        label=_("From"),
        label_for_errors=_("the date to search from"),
        help_text=_("For example, 4 3 2026"),
        required=False,
    )
    date_to = GovukDateField(
        label=_("To"),
        label_for_errors=_("the date to search to"),
        help_text=_("For example, 31 3 2026"),
        required=False,
    )
    person = forms.CharField(
        label=_("Person's email address"),
        help_text=_("All or part of it, for example amara@ or camden"),
        required=False,
        max_length=254,
    )
    organisation = OrganisationField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        to_field_name="public_id",
        empty_label=_("All organisations"),
        required=False,
        error_messages={"invalid_choice": _("Select an organisation from the list")},
    )
    action = forms.ChoiceField(
        label=_("What they did"),
        required=False,
        choices=_action_choices(ACTIONS),
        error_messages={"invalid_choice": _("Select an action from the list")},
    )
    child = forms.UUIDField(
        label=_("Child's record reference"),
        help_text=_(
            "The long reference at the end of the address of the child's record, for example "
            "0b1c6a3e-5f2d-4c1e-9a7b-2d4e6f8a0c12"
        ),
        required=False,
        error_messages={
            "invalid": _(
                "Enter the child's record reference in the right format, for example "
                "0b1c6a3e-5f2d-4c1e-9a7b-2d4e6f8a0c12"
            )
        },
    )

    def clean_person(self) -> str:
        return self.cleaned_data["person"].strip()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error(
                "date_to",
                _("The date to search to must be the same as or after the date to search from"),
            )
        return data

    def filter(self, events: QuerySet) -> QuerySet:
        data = self.cleaned_data
        if data.get("date_from"):
            events = events.filter(at__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            events = events.filter(at__lt=_start_of(data["date_to"] + timedelta(days=1)))
        if data.get("person"):
            events = events.filter(actor_email__icontains=data["person"])
        if data.get("organisation"):
            events = events.filter(organisation_id=data["organisation"].pk)
        if data.get("action"):
            events = events.filter(action=data["action"])
        if data.get("child"):
            events = events.filter(child__public_id=data["child"])
        return events

    def as_detail(self) -> dict[str, Any]:
        """The filters in use, as plain JSON for the audit entry that records this search."""
        detail: dict[str, Any] = {}
        for name, value in self.cleaned_data.items():
            if not value:
                continue
            if isinstance(value, date):
                detail[name] = value.isoformat()
            elif isinstance(value, Organisation):
                detail[name] = str(value.public_id)
            else:
                detail[name] = str(value)
        return detail

    @property
    def filtered(self) -> bool:
        return self.is_bound and self.is_valid() and bool(self.as_detail())
