from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from resettle.core.forms import PASSWORD_TEXT

# The longest email address a mailbox can have (RFC 5321's path limit), the length of the users'
# email column, and within the 255 characters of django-axes' username columns. An address between
# 255 and 320 characters passes Django's email check but would overflow those columns on PostgreSQL:
# it is refused here, before authenticate() and axes ever see it.
EMAIL_MAX_LENGTH = 254


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )
    password = forms.CharField(
        max_length=PASSWORD_TEXT,
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )

    error_messages = {
        "invalid_login": _("Enter a correct email address and password"),
        "inactive": _("This account has been deactivated. Ask your administrator for help."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].lower()


class PasswordResetRequestForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("The email address you sign in with."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.org"),
            "max_length": _("Email address must be 254 characters or fewer"),
        },
    )

    def clean_email(self) -> str:
        return self.cleaned_data["email"].lower()
