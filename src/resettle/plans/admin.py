"""Plan configuration an administrator may change: pathways and action statuses.

Children's plans are personal records and are not in the admin: administrators see no personal
records (docs/domain.md, people and what they may see).
"""

from django.contrib import admin

from .models import ActionStatus, Pathway


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):
    list_display = ["name", "child_friendly_name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name", "child_friendly_name"]

    def has_delete_permission(self, request, obj=None):
        return False  # plans refer to pathways; make one inactive instead


@admin.register(ActionStatus)
class ActionStatusAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "needs_reason", "is_closed", "is_active"]
    list_editable = ["order", "needs_reason", "is_closed", "is_active"]
    prepopulated_fields = {"slug": ["name"]}

    def has_delete_permission(self, request, obj=None):
        return False  # actions refer to statuses; make one inactive instead
