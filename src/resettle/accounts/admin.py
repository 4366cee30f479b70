"""Administration of organisations and people's accounts.

Administrators never see or set a secret: there is no password field and no "change password"
page (a person sets their own from an emailed link, which a new account gets at once and an
administrator can send again), and authenticator keys, QR codes and recovery codes are not shown
(two-factor devices are listed read-only; "Reset two-factor sign-in" removes them). Every change to
someone's email, role, organisation, password, active state, administration access or two-factor
sign-in is recorded in the audit trail (`changes.py`), and nobody changes their own role,
organisation or access: those fields are read-only on your own account, and refused if sent.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from resettle.audit.actors import actor_of

from . import changes, passwords, services
from .models import Organisation, User

EMAIL_FAILED = _(
    "The email with the link could not be sent. Check the email settings, then use “Send a "
    "link to set their password”."
)
# Fields a person may never change on their own account.
OWN_ACCOUNT_READ_ONLY = ["organisation", "role", "is_active", "is_staff", "is_superuser", "groups"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "subtype", "area", "is_active"]
    list_filter = ["kind", "subtype", "is_active"]
    search_fields = ["name", "area"]
    prepopulated_fields = {"slug": ["name"]}


class AccountCreationForm(forms.ModelForm):
    """A new account: who they are. No password: they choose one from the link they are sent."""

    class Meta:
        model = User
        fields = ["email", "full_name", "job_title", "organisation", "role"]


class AccountChangeForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [  # never "password"
            "email",
            "full_name",
            "job_title",
            "work_phone",
            "organisation",
            "role",
            "is_active",
            "is_staff",
            "is_superuser",
            "groups",
            "last_login",
            "date_joined",
        ]


def _base_url(request) -> str:
    return settings.SITE_URL or request.build_absolute_uri("/")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = AccountChangeForm
    add_form = AccountCreationForm
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation__kind"]
    search_fields = ["email", "full_name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password_status")}),
        (
            _("Person"),
            {"fields": ("full_name", "job_title", "work_phone", "organisation", "role")},
        ),
        (
            _("Access"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "sessions_link")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "job_title", "organisation", "role"),
                "description": _(
                    "The person is sent an email with a link to choose their password."
                ),
            },
        ),
    )
    filter_horizontal = ["groups"]
    readonly_fields = ["sessions_link", "password_status"]
    actions = ["send_password_link", "end_sessions", "deactivate", "reset_two_factor"]

    def get_urls(self):
        # No "change password" page: Django's UserAdmin adds one at <id>/password/.
        return [url for url in super().get_urls() if url.name != "auth_user_password_change"]

    def user_change_password(self, request, id, form_url=""):
        raise PermissionDenied

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk == request.user.pk:
            fields += OWN_ACCOUNT_READ_ONLY
        return fields

    @admin.display(description=_("Password"))
    def password_status(self, obj: User) -> str:
        if obj.pk is None:
            return "-"
        if obj.has_usable_password():
            return _(
                "Set by the person. Use “Send a link to set their password” if they need a new one."
            )
        return _("Not set yet. The person sets it from the link they were sent.")

    @admin.display(description=_("Signed-in sessions"))
    def sessions_link(self, obj: User) -> str:
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("accounts:user-sessions", args=[obj.public_id]),
            _("See and end this person's sessions"),
        )

    @admin.action(description=_("Send a link to set their password (by email, to them)"))
    def send_password_link(self, request, queryset) -> None:
        people = [person for person in queryset if person.is_active]
        sent = [
            person
            for person in people
            if passwords.send_password_link(actor_of(request), person, base_url=_base_url(request))
        ]
        self.message_user(
            request,
            ngettext(
                "A link to set their password was sent to %(count)d person.",
                "A link to set their password was sent to %(count)d people.",
                len(sent),
            )
            % {"count": len(sent)},
            messages.SUCCESS,
        )
        if len(sent) < len(people):
            self.message_user(request, EMAIL_FAILED, messages.ERROR)

    @admin.action(description=_("End sessions (sign out everywhere)"))
    def end_sessions(self, request, queryset) -> None:
        ended = sum(services.end_user_sessions(actor_of(request), person) for person in queryset)
        self.message_user(
            request,
            ngettext("%(count)d session ended.", "%(count)d sessions ended.", ended)
            % {"count": ended},
            messages.SUCCESS,
        )

    @admin.action(description=_("Deactivate (and sign out everywhere)"))
    def deactivate(self, request, queryset) -> None:
        people = [person for person in queryset if person.is_active and person != request.user]
        for person in people:
            services.deactivate_user(actor_of(request), person)
        self.message_user(
            request,
            ngettext("%(count)d person deactivated.", "%(count)d people deactivated.", len(people))
            % {"count": len(people)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reset two-factor sign-in (they set up a new authenticator app)"))
    def reset_two_factor(self, request, queryset) -> None:
        for person in queryset:
            services.reset_two_factor(actor_of(request), person)
        self.message_user(
            request,
            _(
                "Two-factor sign-in reset. They will set up a new authenticator app when they "
                "sign in."
            ),
            messages.SUCCESS,
        )

    def save_model(self, request, obj: User, form, change: bool) -> None:
        actor = actor_of(request)
        if change:
            # Changes are recorded, and changing your own access refused, as the account saves.
            services.save_account(actor, obj)
            return
        services.create_account(actor, obj)
        if not passwords.send_password_link(actor, obj, base_url=_base_url(request)):
            self.message_user(request, EMAIL_FAILED, messages.ERROR)

    def save_related(self, request, form, formsets, change):
        if change and form.instance.pk == request.user.pk and "groups" in form.changed_data:
            raise changes.OwnAccessChange(["groups"])
        super().save_related(request, form, formsets, change)


class ReadOnlyDeviceAdmin(admin.ModelAdmin):
    """Who has set up two-factor sign-in, and when: never a key, QR code or recovery code.

    Devices are not added, changed or deleted here: people set up their own, and "Reset two-factor
    sign-in" on the person removes them (recorded in the audit trail).
    """

    list_display = ["user", "name", "confirmed", "created_at", "last_used_at"]
    list_filter = ["confirmed"]
    search_fields = ["user__email", "user__full_name"]
    list_select_related = ["user"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


for device in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(device):
        admin.site.unregister(device)
    admin.site.register(device, ReadOnlyDeviceAdmin)
