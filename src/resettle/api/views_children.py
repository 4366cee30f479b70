"""Children and their legal status: the caseload's list and filters, one child, adding and
changing a child, recording a legal status. Through children.services, like the pages."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status
from rest_framework.response import Response

from resettle.access import policy
from resettle.access.policy import CHANGE, READ
from resettle.children import services
from resettle.children.forms import CaseloadFilterForm
from resettle.children.models import Child, LegalStatusEpisode
from resettle.children.stages import current_episode
from resettle.core.dates import today

from . import schema
from .base import ApiView
from .concurrency import etag_of, require_match
from .serializers import ChildSerializer, LegalStatusSerializer

FILTERS = [
    OpenApiParameter(
        "scope",
        str,
        enum=[policy.MINE, policy.SERVICE],
        description="'mine' (the children you lead) or 'service' (everyone's in your service). "
        "The secure estate and partners always get the children shared with them.",
    ),
    OpenApiParameter("care_status", str, enum=["looked_after", "care_leaver", "neither"]),
    OpenApiParameter("lead", str, description="A lead practitioner's id, or 'none'."),
    OpenApiParameter(
        "q",
        str,
        description="Search by name or local reference. Never written to Resettle's logs or "
        "audit trail.",
    ),
    OpenApiParameter("sort", str, enum=list(CaseloadFilterForm.SORTS)),
]


def with_current_status(children: list[Child]) -> list[Child]:
    """Give each child on a page `current_status`, in one query for the page."""
    episodes = defaultdict(list)
    for episode in LegalStatusEpisode.objects.for_children(children).select_related(
        "establishment"
    ):
        episodes[episode.child_id].append(episode)
    on = today()
    for child in children:
        child.current_status = current_episode(episodes[child.id], on)
    return children


def _respond(child: Child, code: int = status.HTTP_200_OK) -> Response:
    data = ChildSerializer(child).data
    headers = {"ETag": etag_of(data)}
    if code == status.HTTP_201_CREATED:
        headers["Location"] = reverse("api:child", args=[child.public_id])
    return Response(data, status=code, headers=headers)


@extend_schema_view(
    get=extend_schema(
        summary="List children",
        operation_id="children_list",
        description="The children you may see, as on your caseload: filters, search, sort, "
        "pages of 25 (page_size up to 100).",
        parameters=[*FILTERS, *schema.PAGES],
        responses={200: ChildSerializer(many=True), **schema.LIST},
        examples=[schema.example("A child", schema.CHILD_EXAMPLE, request=False)],
    ),
    post=extend_schema(
        summary="Add a child",
        description="Adds a child to your own youth justice service (case workers and managers).",
        request=ChildSerializer,
        responses={201: ChildSerializer, **schema.CREATE},
        examples=[schema.example("A new child", schema.CHILD_IN), schema.INVALID_EXAMPLE],
    ),
)
class ChildrenView(ApiView):
    serializer_class = ChildSerializer

    def get_queryset(self):
        user = self.request.user
        scope = policy.scope_from(user, self.request.query_params.get("scope"))
        children = policy.in_scope(Child.objects.for_caseload(), user, scope)
        form = CaseloadFilterForm(self.request.query_params, user=user)
        form.is_valid()  # a filter with a bad value is ignored; the others still apply
        return form.narrow(children).order_by(*form.ordering())

    def get(self, request, *args, **kwargs):
        page = with_current_status(list(self.paginate_queryset(self.get_queryset())))
        return self.get_paginated_response(ChildSerializer(page, many=True).data)

    def post(self, request, *args, **kwargs):
        policy.require(policy.can_add_child(request.user), _("Your role cannot add children."))
        serializer = ChildSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        child = services.add_child(self.actor, **serializer.validated_data)
        return _respond(child, status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary="Get a child",
        operation_id="children_get",
        responses={(200, "application/json"): ChildSerializer, **schema.LIST},
        examples=[schema.example("A child", schema.CHILD_EXAMPLE, request=False)],
    ),
    put=extend_schema(
        summary="Change a child's details",
        description="Send If-Match with the ETag from your GET. Fields you leave out keep their "
        "value.",
        parameters=[schema.IF_MATCH],
        request=ChildSerializer,
        responses={200: ChildSerializer, **schema.UPDATE},
        examples=[schema.example("New details", schema.CHILD_IN), schema.INVALID_EXAMPLE],
    ),
    patch=extend_schema(
        summary="Change some of a child's details",
        parameters=[schema.IF_MATCH],
        request=ChildSerializer,
        responses={200: ChildSerializer, **schema.UPDATE},
        examples=[schema.example("A new care status", {"care_status": "care_leaver"})],
    ),
)
class ChildView(ApiView):
    serializer_class = ChildSerializer
    reads, writes = READ, CHANGE
    section = "api-child"

    def get(self, request, *args, **kwargs):
        child = self.child
        self.audit_read(child)
        return _respond(child)

    def put(self, request, *args, **kwargs):
        return self._change(partial=False)

    def patch(self, request, *args, **kwargs):
        return self._change(partial=True)

    def _change(self, *, partial: bool) -> Response:
        child = self.child
        with transaction.atomic():
            # Locked until the change is saved, so two changes cannot both pass the check.
            child = Child.objects.select_for_update().get(pk=child.pk)
            require_match(self.request, etag_of(ChildSerializer(child).data))
            serializer = ChildSerializer(child, data=self.request.data, partial=partial)
            serializer.is_valid(raise_exception=True)
            services.change_child(self.actor, child, **serializer.validated_data)
        return _respond(Child.objects.for_caseload().get(pk=child.pk))


@extend_schema_view(
    get=extend_schema(
        summary="List a child's legal status episodes",
        description="Newest first. The current one is the latest to have started.",
        parameters=schema.PAGES,
        responses={200: LegalStatusSerializer(many=True), **schema.LIST},
        examples=[schema.example("A DTO", schema.LEGAL_STATUS_OUT, request=False)],
    ),
    post=extend_schema(
        summary="Record a legal status",
        description="The child's own service's staff. Starts the touchpoints the status brings.",
        request=LegalStatusSerializer,
        responses={201: LegalStatusSerializer, **schema.CREATE},
        examples=[schema.example("Sentenced to a DTO", schema.LEGAL_STATUS_IN)],
    ),
)
class LegalStatusesView(ApiView):
    serializer_class = LegalStatusSerializer
    reads, writes = READ, CHANGE
    section = "api-legal-statuses"

    def get(self, request, *args, **kwargs):
        child = self.child
        episodes = LegalStatusEpisode.objects.for_child(child).select_related("establishment")
        page = self.paginate_queryset(episodes.order_by("-starts_on", "-id"))
        self.audit_read(child)
        return self.get_paginated_response(LegalStatusSerializer(page, many=True).data)

    def post(self, request, *args, **kwargs):
        child = self.child
        serializer = LegalStatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        values = {
            name: serializer.validated_data.get(name) for name in services.LEGAL_STATUS_FIELDS
        }
        episode = services.record_legal_status(self.actor, child, **values)
        return Response(LegalStatusSerializer(episode).data, status=status.HTTP_201_CREATED)
