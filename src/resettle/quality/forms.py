"""The manager's 5Cs audit form: a rating and comments for each C, and overall comments."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.core.dates import today
from resettle.core.forms import LONG_TEXT, GovukDateField

from .models import FIVE_CS, Rating


class PlanAuditForm(forms.Form):
    audited_on = GovukDateField(
        label=_("Date of the audit"),
        label_for_errors=_("the date of the audit"),
        help_text=_("For example, 4 3 2026"),
    )
    overall_comment = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Overall comments (optional)"),
        help_text=_("What is going well, and what the lead practitioner should do next"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, name, meaning in FIVE_CS:
            self.fields[f"{key}_rating"] = forms.ChoiceField(
                label=_("Is the plan %(c)s?") % {"c": str(name).lower()},
                help_text=meaning,
                choices=Rating.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose met, partly or not yet for %(c)s") % {"c": name}
                },
            )
            self.fields[f"{key}_comment"] = forms.CharField(
                label=_("Comments on %(c)s (optional)") % {"c": str(name).lower()},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )
        # Keep the order of the page: date, then each C, then the overall comments.
        self.order_fields(["audited_on", *self.c_field_names(), "overall_comment"])

    @staticmethod
    def c_field_names() -> list[str]:
        return [name for key, _n, _m in FIVE_CS for name in (f"{key}_rating", f"{key}_comment")]

    def c_fields(self) -> list[dict]:
        """For the template: each C with its name, meaning and two bound fields."""
        return [
            {
                "key": key,
                "name": name,
                "meaning": meaning,
                "rating": self[f"{key}_rating"],
                "comment": self[f"{key}_comment"],
            }
            for key, name, meaning in FIVE_CS
        ]

    def clean_audited_on(self):
        value = self.cleaned_data["audited_on"]
        if value and value > today():
            raise forms.ValidationError(_("The date of the audit must be today or in the past"))
        return value
