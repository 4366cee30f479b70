"""Administrators keep the list of strengths a child may pick from. Entries are not edited here:
they belong to the child's record, reached through the service with its access rules and audit.
"""

from django.contrib import admin

from .models import Strength


@admin.register(Strength)
class StrengthAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    ordering = ["order", "name"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # A strength a child has chosen stays on their record: retire it (untick "offered")
        # instead of deleting it.
        if obj is not None and obj.voice_entries.exists():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would skip the check above
        return actions
