"""Touchpoint rules an administrator may change. Children's journeys are personal records and are
not in the admin: administrators see no personal records (docs/domain.md, section 4)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from resettle.children.models import LegalStatus

from .models import TouchpointRule


class TouchpointRuleForm(forms.ModelForm):
    triggers = forms.MultipleChoiceField(
        label=_("Legal statuses that start it"),
        choices=LegalStatus.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = TouchpointRule
        fields = [
            "name",
            "triggers",
            "anchor",
            "working_days",
            "completed_by",
            "repeats",
            "order",
            "is_active",
        ]


@admin.register(TouchpointRule)
class TouchpointRuleAdmin(admin.ModelAdmin):
    form = TouchpointRuleForm
    list_display = [
        "name",
        "anchor",
        "working_days",
        "completed_by",
        "repeats",
        "order",
        "is_active",
    ]
    list_editable = ["order", "is_active"]

    def has_delete_permission(self, request, obj=None):
        return False  # touchpoints refer to rules; take one out of use instead
