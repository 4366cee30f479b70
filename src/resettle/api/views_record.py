"""The parts of a child's record: plan actions (and their statuses), touchpoints, meetings, case
notes and the child's words. Through the same services as the pages, and the same policy."""

from __future__ import annotations

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from resettle.access import policy
from resettle.access.policy import CONTRIBUTE, READ
from resettle.core.errors import DomainError
from resettle.journey import services as journey
from resettle.journey.models import Meeting, Touchpoint
from resettle.notes import services as notes
from resettle.notes.models import CaseNote
from resettle.plans import services as plans
from resettle.plans.models import Goal, PlanAction
from resettle.voice import services as voice
from resettle.voice.models import VoiceEntry

from . import schema
from .base import ApiView
from .concurrency import etag_of, require_match
from .serializers_record import (
    ActionStatusSerializer,
    CaseNoteSerializer,
    MeetingSerializer,
    PathwaySerializer,
    PlanActionSerializer,
    TouchpointDoneSerializer,
    TouchpointSerializer,
    VoiceEntrySerializer,
)


class ChildRecordList(ApiView):
    """GET: a page of the child's records (audited as a read); POST: add one (contributors)."""

    reads, writes = READ, CONTRIBUTE

    def records(self, child):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        child = self.child
        page = self.paginate_queryset(self.records(child))
        self.audit_read(child)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def add(self, child, values: dict):
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        child = self.child
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = self.add(child, dict(serializer.validated_data))
        return Response(self.get_serializer(made).data, status=status.HTTP_201_CREATED)


# ---- Configuration: what actions are filed under and where they have got to ----------------------


@extend_schema(
    summary="List resettlement pathways",
    responses={200: PathwaySerializer(many=True), **schema.SITE},
    examples=[schema.example("Pathways", schema.PATHWAY_OUT, request=False)],
)
class PathwaysView(ApiView):
    serializer_class = PathwaySerializer
    pagination_class = None

    def get(self, request, *args, **kwargs):
        return Response(PathwaySerializer(plans.active_pathways(), many=True).data)


@extend_schema(
    summary="List action statuses",
    responses={200: ActionStatusSerializer(many=True), **schema.SITE},
    examples=[schema.example("Statuses", schema.STATUS_OUT, request=False)],
)
class ActionStatusesView(ApiView):
    serializer_class = ActionStatusSerializer
    pagination_class = None

    def get(self, request, *args, **kwargs):
        return Response(ActionStatusSerializer(plans.active_statuses(), many=True).data)


# ---- Plan actions --------------------------------------------------------------------------------


def _actions(child):
    return (
        PlanAction.objects.for_child(child)
        .select_related("pathway", "status", "owner_person", "owner_organisation")
        .prefetch_related("goals")
        .order_by("due_on", "id")
    )


def _goals(child, ids) -> list[Goal] | None:
    if ids is None:
        return None
    goals = list(Goal.objects.for_child(child).filter(public_id__in=ids))
    if len(goals) != len(set(ids)):
        raise DomainError({"goals": _("Choose goals from this child's plan")})
    return goals


@extend_schema_view(
    get=extend_schema(
        summary="List the actions in a child's plan",
        operation_id="plan_actions_list",
        responses={200: PlanActionSerializer(many=True), **schema.LIST},
        parameters=schema.PAGES,
        examples=[schema.example("An action", schema.ACTION_OUT, request=False)],
    ),
    post=extend_schema(
        summary="Add an action to a child's plan",
        request=PlanActionSerializer,
        responses={201: PlanActionSerializer, **schema.CREATE},
        examples=[schema.example("A structural action", schema.ACTION_IN)],
    ),
)
class PlanActionsView(ChildRecordList):
    serializer_class = PlanActionSerializer
    section = "api-plan-actions"

    def records(self, child):
        return _actions(child)

    def add(self, child, values):
        values["goals"] = _goals(child, values.get("goals")) or ()
        return plans.add_action(self.actor, child, **values)


@extend_schema_view(
    get=extend_schema(
        summary="Get an action in a child's plan",
        operation_id="plan_actions_get",
        responses={200: PlanActionSerializer, **schema.LIST},
        examples=[schema.example("An action", schema.ACTION_OUT, request=False)],
    ),
    put=extend_schema(
        summary="Change an action (its status, owner, date...)",
        parameters=[schema.IF_MATCH],
        request=PlanActionSerializer,
        responses={200: PlanActionSerializer, **schema.UPDATE},
        examples=[schema.example("Done", {**schema.ACTION_IN, "status": "done"})],
    ),
    patch=extend_schema(
        summary="Change some of an action",
        parameters=[schema.IF_MATCH],
        request=PlanActionSerializer,
        responses={200: PlanActionSerializer, **schema.UPDATE},
        examples=[schema.example("A new status", {"status": "in-progress"})],
    ),
)
class PlanActionView(ApiView):
    serializer_class = PlanActionSerializer
    reads, writes = READ, CONTRIBUTE
    section = "api-plan-action"

    def find_action(self, child, *, lock: bool = False) -> PlanAction:
        actions = _actions(child)
        if lock:
            actions = actions.select_for_update(of=("self",))
        action = actions.filter(public_id=self.kwargs["action_id"]).first()
        if action is None:
            raise Http404("No such action")
        return action

    def _respond(self, action: PlanAction) -> Response:
        data = PlanActionSerializer(action).data
        return Response(data, headers={"ETag": etag_of(data)})

    def get(self, request, *args, **kwargs):
        child = self.child
        action = self.find_action(child)
        self.audit_read(child)
        return self._respond(action)

    def put(self, request, *args, **kwargs):
        return self._change(partial=False)

    def patch(self, request, *args, **kwargs):
        return self._change(partial=True)

    def _change(self, *, partial: bool) -> Response:
        child = self.child
        with transaction.atomic():
            action = self.find_action(child, lock=True)
            require_match(self.request, etag_of(PlanActionSerializer(action).data))
            serializer = PlanActionSerializer(action, data=self.request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            values = dict(serializer.validated_data)
            goals = _goals(child, values.pop("goals", None))
            plans.change_action(self.actor, child, action, goals=goals, **values)
        return self._respond(self.find_action(child))


# ---- Touchpoints ---------------------------------------------------------------------------------


@extend_schema(
    summary="List a child's touchpoints",
    description="Due, overdue, done, missed or no longer needed, by due date.",
    responses={200: TouchpointSerializer(many=True), **schema.LIST},
    parameters=schema.PAGES,
    examples=[schema.example("A touchpoint due", schema.TOUCHPOINT_OUT, request=False)],
)
class TouchpointsView(ChildRecordList):
    serializer_class = TouchpointSerializer
    section = "api-touchpoints"
    http_method_names = ["get", "head", "options"]

    def records(self, child):
        return Touchpoint.objects.for_child(child).order_by("due_on", "id")


@extend_schema(
    summary="Mark a touchpoint as done",
    request=TouchpointDoneSerializer,
    responses={200: TouchpointSerializer, **schema.CREATE},
    examples=[schema.example("Done today", {"done_on": "2026-03-04"})],
)
class TouchpointDoneView(ApiView):
    serializer_class = TouchpointDoneSerializer
    reads, writes = READ, CONTRIBUTE

    def post(self, request, *args, **kwargs):
        child = self.child
        touchpoint = (
            Touchpoint.objects.for_child(child)
            .select_related("rule")
            .filter(public_id=self.kwargs["touchpoint_id"])
            .first()
        )
        if touchpoint is None:
            raise Http404("No such touchpoint")
        touchpoint.child = child
        serializer = TouchpointDoneSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        journey.complete_touchpoint(
            self.actor, child, touchpoint, serializer.validated_data["done_on"]
        )
        return Response(TouchpointSerializer(touchpoint).data)


# ---- Meetings, case notes, the child's words -----------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        summary="List a child's meetings",
        responses={200: MeetingSerializer(many=True), **schema.LIST},
        parameters=schema.PAGES,
        examples=[schema.example("A review", schema.MEETING_OUT, request=False)],
    ),
    post=extend_schema(
        summary="Record a meeting",
        description="Completes the touchpoint the meeting meets, as the page does.",
        request=MeetingSerializer,
        responses={201: MeetingSerializer, **schema.CREATE},
        examples=[schema.example("A review meeting", schema.MEETING_IN)],
    ),
)
class MeetingsView(ChildRecordList):
    serializer_class = MeetingSerializer
    section = "api-meetings"

    def records(self, child):
        return (
            Meeting.objects.for_child(child)
            .prefetch_related("people", "organisations")
            .order_by("-held_on", "-id")
        )

    def add(self, child, values):
        people = values.get("people") or []
        allowed = set(policy.people_working_with(child).values_list("id", flat=True))
        if any(person.id not in allowed for person in people):
            raise DomainError(
                {
                    "people": _(
                        "Choose people from the child's service or an organisation the record "
                        "is shared with"
                    )
                }
            )
        return journey.record_meeting(self.actor, child, **values)


@extend_schema_view(
    get=extend_schema(
        summary="List a child's case notes",
        description="Newest first.",
        responses={200: CaseNoteSerializer(many=True), **schema.LIST},
        parameters=schema.PAGES,
        examples=[schema.example("A note", schema.NOTE_OUT, request=False)],
    ),
    post=extend_schema(
        summary="Add a case note",
        description="A note cannot be changed once saved: to correct one, add another.",
        request=CaseNoteSerializer,
        responses={201: CaseNoteSerializer, **schema.CREATE},
        examples=[schema.example("A note", schema.NOTE_IN)],
    ),
)
class CaseNotesView(ChildRecordList):
    serializer_class = CaseNoteSerializer
    section = "api-notes"

    def records(self, child):
        return CaseNote.objects.for_child(child).for_page()

    def add(self, child, values):
        return notes.add_note(self.actor, child, text=values["text"])


@extend_schema_view(
    get=extend_schema(
        summary="List the child's words",
        description="The child's answers to the four key questions, newest first. Partner "
        "practitioners get only what the child agreed to share with partners, and what they "
        "recorded themselves.",
        responses={200: VoiceEntrySerializer(many=True), **schema.LIST},
        parameters=schema.PAGES,
        examples=[schema.example("What the child said", schema.VOICE_OUT, request=False)],
    ),
    post=extend_schema(
        summary="Record what the child said",
        description="Their words as they said them: only outer spaces are removed.",
        request=VoiceEntrySerializer,
        responses={201: VoiceEntrySerializer, **schema.CREATE},
        examples=[schema.example("A custody visit", schema.VOICE_IN)],
    ),
)
class VoiceView(ChildRecordList):
    serializer_class = VoiceEntrySerializer
    section = "api-voice"

    def records(self, child):
        entries = VoiceEntry.objects.for_child(child).for_page()
        return policy.scope_voice_entries(entries, self.request.user)

    def add(self, child, values):
        return voice.record_voice(self.actor, child, **values)
