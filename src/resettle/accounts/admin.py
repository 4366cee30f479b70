from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resettle.audit.actors import actor_of
from resettle.audit.services import record

from . import services
from .models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "subtype", "area", "is_active"]
    list_filter = ["kind", "subtype", "is_active"]
    search_fields = ["name", "area"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active", "organisation__kind"]
    search_fields = ["email", "full_name"]
    list_select_related = ["organisation"]
    autocomplete_fields = ["organisation"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "job_title", "organisation", "role")}),
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
                "fields": ("email", "full_name", "organisation", "role", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ["groups"]
    readonly_fields = ["sessions_link"]
    actions = ["end_sessions", "deactivate", "reset_two_factor"]

    @admin.display(description=_("Signed-in sessions"))
    def sessions_link(self, obj: User) -> str:
        if obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("accounts:user-sessions", args=[obj.public_id]),
            _("See and end this person's sessions"),
        )

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
        people = [person for person in queryset if person.is_active]
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
        # Deactivating ends the person's sessions (accounts.signals); record who did it.
        deactivated = change and "is_active" in form.changed_data and not obj.is_active
        super().save_model(request, obj, form, change)
        if deactivated:
            record(actor_of(request), "user.deactivated", user=str(obj.public_id))
