"""Referral forms: they check what was typed; the rules live in services (DomainError)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import GovukDateField

from .models import SHAREABLE, Consent, SentBy, Status


class ReferForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why is the child referred, and what for?"),
        help_text=_(
            "What the service will read first, for example 'Jay wants to work with cars: a place "
            "on the level 1 course from September, with a mentor'"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": _("Say why the child is referred and what for")},
    )
    shared = forms.MultipleChoiceField(
        label=_("What of the child's record does the referral share?"),
        help_text=_(
            "Where the service uses Resettle, its practitioners read only this (and the child's "
            "summary) once they accept, until the referral closes. Share only what its purpose "
            "needs."
        ),
        choices=[(key, label) for key, (label, _sections) in SHAREABLE.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose what of the child's record the referral shares")},
    )
    consent = forms.ChoiceField(
        label=_("Did the child agree to the referral?"),
        choices=Consent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether the child agreed to the referral")},
    )
    consent_on = GovukDateField(
        label=_("When was the child asked?"),
        label_for_errors=_("the date the child was asked"),
        help_text=_("For example, 4 3 2026"),
        required=False,
    )
    override_reason = forms.CharField(
        label=_("If the child did not agree: why does the referral go ahead? (managers only)"),
        help_text=_("For example, to keep the child or others safe"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )
    sent_by = forms.ChoiceField(
        label=_("How was the referral sent?"),
        help_text=_("The service does not use Resettle: send it as it asks, then record how"),
        choices=[(value, label) for value, label in SentBy.choices if value != SentBy.RESETTLE],
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, in_resettle: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if in_resettle:
            del self.fields["sent_by"]


class MoveForm(forms.Form):
    """One step of a referral: accept, decline (with a reason), complete (a note), withdraw (a
    reason). Several sit on one page, each with its own prefix."""

    LABELS = {
        Status.DECLINED: _("Why is the referral declined?"),
        Status.COMPLETED: _("How did it go? (optional)"),
        Status.WITHDRAWN: _("Why is the referral withdrawn?"),
    }

    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, required=False
    )

    def __init__(self, *args, to: str, **kwargs):
        super().__init__(*args, prefix=to, **kwargs)
        self.to = to
        if to == Status.ACCEPTED:
            del self.fields["reason"]
        else:
            self.fields["reason"].label = self.LABELS[to]
