"""Adding and changing a child: atomic, audited."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from resettle.audit.services import record
from resettle.core.dates import today

from .forms import ChildForm
from .models import Child, LegalStatus, LegalStatusEpisode


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


# Who saved and when is shown in its own columns, not as a change to the child's details.
BOOKKEEPING_FIELDS = ["created_at", "created_by", "changed_by"]


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
            diff = newer.diff_against(older, excluded_fields=BOOKKEEPING_FIELDS)
            fields = [labels.get(c.field, c.field) for c in diff.changes]
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


@transaction.atomic
def record_legal_status(request: HttpRequest, child: Child, form) -> LegalStatusEpisode:
    episode = form.save(commit=False)
    episode.child = child
    episode.created_by = episode.changed_by = request.user
    episode.save()
    latest = child.legal_statuses.order_by("-starts_on", "-id").first()
    ended_on = latest.starts_on if latest.status == LegalStatus.ORDER_ENDED else None
    if child.order_ended_on != ended_on:
        child.order_ended_on = ended_on
        child.changed_by = request.user
        child.save()
    record(request, "child.legal_status_recorded", child=child, status=episode.status)
    from resettle.journey.services import legal_status_recorded  # the touchpoints it starts

    legal_status_recorded(episode, by=request.user)
    return episode


def placement_share_offer(child: Child, episode: LegalStatusEpisode) -> dict | None:
    """After a placement in a secure establishment, what a share with it would look like.

    None when there is nothing to offer: no establishment, or it already sees the child.
    """
    from resettle.access.models import Share

    if episode.establishment_id is None:
        return None
    if (
        Share.objects.active()
        .filter(child=child, organisation_id=episode.establishment_id)
        .exists()
    ):
        return None
    release = episode.expected_release_on
    ends_on = release + timedelta(days=90) if release else episode.starts_on + timedelta(days=365)
    return {
        "organisation": episode.establishment,
        "purpose": _("Placed at %(place)s: resettlement planning with the establishment")
        % {"place": episode.establishment.name},
        "ends_on": max(ends_on, today()),
    }
