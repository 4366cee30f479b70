"""Administrators see every personal access token (never the token itself) and revoke any."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from resettle.audit.actors import actor_of

from . import services
from .models import AccessToken


@admin.register(AccessToken)
class AccessTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "scope",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "user__email", "prefix"]
    list_select_related = ["user"]
    readonly_fields = [
        "user",
        "name",
        "scope",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    fields = readonly_fields
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False  # a person makes their own, and sees it once

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # revoked tokens stay, for the record

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        revoked = sum(
            services.revoke_token(actor_of(request), token)
            for token in queryset.select_related("user")
        )
        messages.success(
            request,
            ngettext("%(count)d token revoked", "%(count)d tokens revoked", revoked)
            % {"count": revoked},
        )
