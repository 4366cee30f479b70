"""Forms for codes, confirming it is you, and changing your password."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import CODE_TEXT, PASSWORD_TEXT

from .mfa import RECOVERY_CODE_SHAPE, normalise_recovery_code

CODE_ATTRS = {"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}


class AuthenticatorCodeForm(forms.Form):
    code = forms.CharField(
        max_length=CODE_TEXT,
        label=_("Code"),
        help_text=_("The code changes every 30 seconds."),
        widget=forms.TextInput(attrs=CODE_ATTRS),
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
    )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError(_("The code must be 6 numbers"), code="invalid")
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        max_length=CODE_TEXT,
        label=_("Recovery code"),
        help_text=_("One of the recovery codes you saved when you set up your authenticator app."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter a recovery code")},
    )

    def clean_code(self) -> str:
        code = normalise_recovery_code(self.cleaned_data["code"])
        if not RECOVERY_CODE_SHAPE.fullmatch(code):
            raise forms.ValidationError(
                _("A recovery code is 8 letters and numbers, like abcd 2345"), code="invalid"
            )
        return code


class ReauthenticateForm(forms.Form):
    password = forms.CharField(
        max_length=PASSWORD_TEXT,
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )
    code = forms.CharField(
        max_length=CODE_TEXT,
        label=_("Code from your authenticator app"),
        help_text=_("If you do not have your authenticator app, enter one of your recovery codes."),
        widget=forms.TextInput(attrs={**CODE_ATTRS, "inputmode": "text"}),
        error_messages={"required": _("Enter the 6-digit code from your authenticator app")},
    )

    def __init__(self, *args, needs_code: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not needs_code:
            del self.fields["code"]


class SetPasswordForm(forms.Form):
    new_password1 = forms.CharField(
        max_length=PASSWORD_TEXT,
        label=_("New password"),
        strip=False,
        help_text=_(
            "Use at least 12 characters. Avoid common passwords and words from your name or "
            "email address. Three random words together work well."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter a new password")},
    )
    new_password2 = forms.CharField(
        max_length=PASSWORD_TEXT,
        label=_("Confirm new password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter your new password again")},
    )

    def __init__(self, user, *args, **kwargs) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_new_password1(self) -> str:
        password = self.cleaned_data["new_password1"]
        password_validation.validate_password(password, self.user)
        if self.user.check_password(password):
            raise forms.ValidationError(
                _("Your new password must be different from your current password"),
                code="unchanged",
            )
        return password

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("new_password1"), cleaned.get("new_password2")
        if first and second and first != second:
            self.add_error("new_password2", _("The passwords do not match"))
        return cleaned

    def save(self) -> None:
        self.user.set_password(self.cleaned_data["new_password1"])
        self.user.save(update_fields=["password"])
