"""Every page about one child is reached through `@child_page`: the child is resolved once.

    @child_page("voice", needs=READ)
    def overview(request, child): ...

The decorator takes the `public_id` the URL carries (the root URL configuration mounts every
page about one child under one prefix, `resettle.urls.CHILD_PREFIX`), and:

1. finds the child among those the person may see (`Child.objects.visible_to`, which asks
   `access.policy.scope_children`): anyone else gets a 404 that never confirms the child exists;
2. checks what the page needs (READ, CONTRIBUTE, CHANGE or MANAGE: `access.policy.RULES`), on
   every method: a person who may only read gets a 403; every refusal is audited
   (`access.refused`, with the page and the person), never shown to the person refused;
3. records that the person viewed the child's record (`child.viewed`, with the section) when the
   page was shown (a GET that did not fail), so no page can forget it; pages that record something
   more specific (a print, an export) pass `viewed=None` and record it themselves;
4. sets `request.child` and `request.child_section`, from which the web shell draws the child's
   header and sub-navigation.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from uuid import UUID

from django.http import Http404

from resettle.access import policy
from resettle.access.policy import CHANGE, CONTRIBUTE, MANAGE, READ
from resettle.audit.actors import actor_of
from resettle.audit.services import record

from .models import Child

__all__ = ["CHANGE", "CONTRIBUTE", "MANAGE", "READ", "child_page", "get_child"]

SHOWN = frozenset({"GET", "HEAD"})


def get_child(user, public_id: UUID | str, *related: str) -> Child:
    """The child with this opaque id, if `user` may see them; otherwise 404."""
    children = Child.objects.select_related("owning_service", "lead_practitioner", *related)
    try:
        return children.visible_to(user, few=True).get(public_id=public_id)
    except (Child.DoesNotExist, ValueError) as exc:
        raise Http404("No such child") from exc


def _refused(request, child: Child | None, reason: str) -> None:
    """A refused attempt on a child's record is audited (`access.refused`), for administrators
    and the child's managers to see; the person refused is told nothing (a 404 stays a 404)."""
    if child is None:
        return  # no such child: nothing to protect, nothing to record
    match = getattr(request, "resolver_match", None)
    record(
        actor_of(request),
        "access.refused",
        child=child,
        page=match.view_name if match else "",
        reason=reason,
    )


def child_page(
    section: str | None,
    needs: str = READ,
    *,
    viewed: str | None = "",
    related: tuple[str, ...] = (),
) -> Callable:
    """Resolve the child for a page about them. `section`: the sub-navigation item the page sits
    under; `viewed`: the section named in the audit entry (the same as `section` unless given;
    None for no `child.viewed` entry); `related`: more of the child to load with them."""
    if needs not in policy.RULES:
        raise ValueError(f"needs must be one of {sorted(policy.RULES)}")
    audited_as = section if viewed == "" else viewed

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def page(request, *args, public_id, **kwargs):
            try:
                child = get_child(request.user, public_id, *related)
            except Http404:
                _refused(request, Child.objects.filter(public_id=public_id).first(), "not_visible")
                raise
            if not policy.may(request.user, child, needs):
                _refused(request, child, f"needs_{needs}")
                policy.require(False, policy.REFUSALS.get(needs, ""))
            if not policy.may_see_section(request.user, child, section):  # a referral share
                _refused(request, child, "section_not_shared")
                policy.require(False, policy.SECTION_NOT_SHARED)
            request.child = child
            request.child_section = section
            response = view(request, child, *args, **kwargs)
            if audited_as and request.method in SHOWN and response.status_code < 400:
                record(actor_of(request), "child.viewed", child=child, section=audited_as)
            return response

        page.child_page = (section, needs)
        return page

    return decorator
