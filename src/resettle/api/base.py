"""What every API view shares: the caller as an `Actor` marked as API access, the child resolved
through the access policy exactly as `children.pages.child_page` resolves it for a page, reads of
the child's record audited like a page's, and pagination."""

from __future__ import annotations

from django.utils.functional import cached_property
from rest_framework import generics
from rest_framework.pagination import PageNumberPagination

from resettle.access import policy
from resettle.access.policy import READ
from resettle.audit.actors import API, Actor, client_address
from resettle.audit.services import record
from resettle.children.models import Child
from resettle.children.pages import get_child

SAFE = frozenset({"GET", "HEAD", "OPTIONS"})
# Which section of the child's record (the keys of the child's sub-navigation) each route reads.
SECTIONS = {
    "child": "summary",
    "legal-statuses": "summary",
    "plan-actions": "plan",
    "plan-action": "plan",
    "touchpoints": "journey",
    "meetings": "journey",
    "notes": "notes",
    "voice": "voice",
}


class Pagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100


class ApiView(generics.GenericAPIView):
    pagination_class = Pagination
    metadata_class = None  # no OPTIONS description: the OpenAPI description is the one
    # What the caller needs of the child for a read and for a write (access.policy.RULES).
    reads, writes = READ, READ
    # The section named in the audit entry when the child's record is read ("api-...").
    section = ""

    @cached_property
    def actor(self) -> Actor:
        request = self.request
        return Actor(request.user, ip_address=client_address(request), via=API)

    @cached_property
    def child(self) -> Child:
        """The child in the URL, if the caller may see them (404 otherwise), and may do what the
        method needs (403 otherwise), checked before anything in the request is read."""
        user = self.request.user
        child = get_child(user, self.kwargs["child_id"])
        needs = self.reads if self.request.method in SAFE else self.writes
        policy.require(policy.may(user, child, needs), policy.REFUSALS.get(needs, ""))
        # A share limited to some sections (a referral's) reaches only their routes.
        part = SECTIONS.get(self.section.removeprefix("api-"), "api")
        policy.require(policy.may_see_section(user, child, part), policy.SECTION_NOT_SHARED)
        return child

    def audit_read(self, child: Child, section: str | None = None) -> None:
        record(self.actor, "child.viewed", child=child, section=section or self.section)
