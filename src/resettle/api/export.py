"""The service's own children and their plans as CSV (managers), streamed, audited, with cells a
spreadsheet would run as a formula made harmless.

One row per action in a child's plan; a child with no actions has one row with the plan columns
empty. Restricted children are included only for the people the restriction names.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from itertools import islice

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from resettle.access import policy
from resettle.audit.services import record
from resettle.children.models import Child, LegalStatusEpisode
from resettle.children.stages import current_episode
from resettle.core.dates import today
from resettle.plans.models import Plan, PlanAction

from .cells import cell

CHUNK = 500
HEADER = [
    "child_id",
    "preferred_name",
    "legal_name",
    "date_of_birth",
    "gender",
    "ethnicity",
    "first_language",
    "care_status",
    "local_reference",
    "lead_practitioner",
    "legal_status",
    "legal_status_since",
    "expected_release_date",
    "establishment",
    "plan_vision",
    "action_id",
    "action_pathway",
    "action_kind",
    "action_description",
    "action_owner",
    "action_due_on",
    "action_status",
]


class _Echo:
    def write(self, value: str) -> str:
        return value


def children_of(user):
    return (
        Child.objects.visible_to(user)
        .filter(owning_service_id=user.organisation_id)
        .select_related("lead_practitioner")
        .order_by("preferred_name", "legal_name", "id")
    )


def _rows(children) -> Iterator[list]:
    on = today()
    iterator = children.iterator(chunk_size=CHUNK)
    while chunk := list(islice(iterator, CHUNK)):
        episodes, actions = defaultdict(list), defaultdict(list)
        for episode in LegalStatusEpisode.objects.for_children(chunk).select_related(
            "establishment"
        ):
            episodes[episode.child_id].append(episode)
        visions = dict(Plan.objects.for_children(chunk).values_list("child_id", "vision"))
        for action in (
            PlanAction.objects.for_children(chunk)
            .select_related("plan", "pathway", "status", "owner_person", "owner_organisation")
            .order_by("due_on", "id")
        ):
            actions[action.plan.child_id].append(action)
        for child in chunk:
            status = current_episode(episodes[child.id], on)
            base = [
                child.public_id,
                child.preferred_name,
                child.legal_name,
                child.date_of_birth.isoformat(),
                child.gender,
                child.ethnicity,
                child.first_language,
                child.care_status,
                child.local_reference,
                child.lead_practitioner.full_name if child.lead_practitioner else "",
                status.status if status else "",
                status.starts_on.isoformat() if status else "",
                status.expected_release_on.isoformat()
                if status and status.expected_release_on
                else "",
                status.establishment.slug if status and status.establishment else "",
                visions.get(child.id, ""),
            ]
            for action in actions[child.id] or [None]:
                yield base + (
                    [
                        action.public_id,
                        action.pathway.slug,
                        action.kind,
                        action.description,
                        "; ".join(action.owners),
                        action.due_on.isoformat() if action.due_on else "",
                        action.status.slug,
                    ]
                    if action
                    else [""] * 7
                )


def as_csv(children) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # so spreadsheet programs read the file as UTF-8
    yield writer.writerow(HEADER)
    for row in _rows(children):
        yield writer.writerow([cell(value) for value in row])


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not policy.can_export_service(user):
        raise PermissionDenied(_("Only a youth justice service's managers export its children."))
    children = children_of(user)
    record(request.actor, "service.exported", children=children.count())
    response = StreamingHttpResponse(as_csv(children), content_type="text/csv; charset=utf-8")
    name = f"{user.organisation.slug}-children-and-plans-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
