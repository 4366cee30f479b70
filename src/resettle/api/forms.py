"""Forms for the pages: making a token, and uploading files from a case management system."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import GovukDateField

from .models import MAX_TOKEN_NAME, TokenScope

MAX_SOURCE = 50
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        help_text=_(
            "What the token is for, so you recognise it later. For example 'ChildView link'"
        ),
        max_length=MAX_TOKEN_NAME,
        error_messages={
            "required": _("Enter a name for the token"),
            "max_length": _("The name must be %(limit_value)s characters or fewer"),
        },
    )
    scope = forms.ChoiceField(
        label=_("What can it do?"),
        choices=TokenScope.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select what the token can do")},
    )
    expires_on = GovukDateField(
        label=_("Expiry date"),
        label_for_errors=_("the expiry date"),
        help_text=_("At most a year from today. For example, 4 3 2027"),
    )


class ImportForm(forms.Form):
    source = forms.SlugField(
        label=_("Case management system"),
        help_text=_(
            "A short name for the system the files come from, the same every time. For example "
            "'childview'. Use only letters, numbers and hyphens."
        ),
        max_length=MAX_SOURCE,
        error_messages={
            "required": _("Enter the name of the case management system"),
            "invalid": _("Use only letters, numbers and hyphens in the name of the system"),
            "max_length": _("The name must be %(limit_value)s characters or fewer"),
        },
    )
    children = forms.FileField(
        label=_("Children (CSV file)"),
        error_messages={
            "required": _("Select the children file"),
            "empty": _("The children file is empty"),
        },
    )
    legal_status = forms.FileField(
        label=_("Legal status (CSV file, optional)"),
        required=False,
        error_messages={"empty": _("The legal status file is empty")},
    )

    def _file(self, name: str, label: str):
        upload = self.cleaned_data.get(name)
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The %(label)s file must be smaller than 50 MB") % {"label": label}
            )
        return upload

    def clean_children(self):
        return self._file("children", _("children"))

    def clean_legal_status(self):
        return self._file("legal_status", _("legal status"))
