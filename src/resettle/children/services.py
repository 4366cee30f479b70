"""Adding and changing a child: atomic, audited."""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest

from resettle.audit.services import record

from .forms import ChildForm
from .models import Child


@transaction.atomic
def add_child(request: HttpRequest, form: ChildForm) -> Child:
    child = form.save(commit=False)
    child.owning_service_id = request.user.organisation_id
    child.created_by = request.user
    child.changed_by = request.user
    child.save()
    record(request, "child.created", child=child)
    return child


@transaction.atomic
def change_child(request: HttpRequest, form: ChildForm) -> Child:
    child = form.save(commit=False)
    child.changed_by = request.user
    child.save()
    record(request, "child.changed", child=child, fields=sorted(form.changed_data))
    return child


def change_history(child: Child, limit: int = 50) -> list[dict]:
    """Who changed which fields and when, newest first, with labels a person can read."""
    records = list(
        child.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    labels = {
        f.name: str(f.verbose_name).capitalize()
        for f in Child._meta.get_fields()
        if hasattr(f, "verbose_name")
    }
    changes = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(changes) == limit:
            break
        if older is None:
            fields: list[str] = []
        else:
            fields = [labels.get(c.field, c.field) for c in newer.diff_against(older).changes]
        changes.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "kind": newer.get_history_type_display(),
                "created": newer.history_type == "+",
                "fields": fields,
            }
        )
    return changes
