"""THE access policy: who may see or do what for which child. Every rule is written here, once.

Which children a person may see (`scope_children`, the single entry point; `Child.objects
.visible_to(user)` is a shorthand for it):
  (a) staff of the owning youth justice service (case workers and managers),
  (b) staff of an organisation the child is shared with, while the share is active,
  (c) nobody else: partnership leads and administrators see no personal records.
A restricted child is visible only to the people named on the restriction, whatever (a) and (b) say.

A child the person may not see is a 404 (we never confirm the child exists); a child they may see
but not change is a 403 on a write (`require`). What a person may do once they see the child is
one of the `can_*` rules below; pages name the rule they need with READ, CONTRIBUTE, CHANGE or
MANAGE (`resettle.children.pages.child_page`).

This module knows the child only by the attributes it reads (`owning_service_id`) and by database
reference: it sits below the children app, which asks it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from resettle.accounts.models import Organisation, Role, User
from resettle.core.dates import today
from resettle.core.queries import among

from .models import Restriction, Share, Transfer

if TYPE_CHECKING:
    from resettle.children.models import Child

YJS_ROLES = frozenset({Role.CASE_WORKER, Role.YJS_MANAGER})
# Roles that see children shared with their organisation.
SHARED_ROLES = frozenset({Role.SECURE_PRACTITIONER, Role.PARTNER_PRACTITIONER})
CHILD_ROLES = YJS_ROLES | SHARED_ROLES
# Kinds of organisation a child may be shared with.
SHAREABLE_KINDS = (
    Organisation.Kind.SECURE_ESTABLISHMENT,
    Organisation.Kind.PARTNER,
    Organisation.Kind.YOUTH_JUSTICE_SERVICE,
)


def _is_active(user: User | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def require(allowed: bool, message: str = "") -> None:
    """Refuse (403) unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message or _("You can see this child's record but not change it."))


# ---- Which children ----------------------------------------------------------------------------


def can_view_children(user: User | None) -> bool:
    return _is_active(user) and user.role in CHILD_ROLES


def can_add_child(user: User | None) -> bool:
    return _is_active(user) and user.role in YJS_ROLES


def _hidden_query(user: User) -> QuerySet:
    """The ids of the restricted children `user` is not named on."""
    return Restriction.across_children.exclude(allowed_users=user).values("child_id")


def _shared_with(user: User, on=None) -> QuerySet:
    """The ids of the children shared with `user`'s organisation now (on `on`)."""
    return (
        Share.across_children.active(on)
        .filter(organisation_id=user.organisation_id)
        .order_by()
        .values("child_id")
    )


def _seen_query(children_model, user: User, on=None, *, hidden: QuerySet | None = None) -> QuerySet:
    """The ids of the children `user` sees: one indexed query for each way of seeing the child,
    joined with UNION. Written as `owning_service = X OR id IN (shares)` the planner cannot use
    either index and reads every child in the country (docs/performance.md). `hidden`: the
    restricted children to leave out of each part (`visible_ids`); else the caller leaves them
    out itself."""
    shared_in = _shared_with(user, on)
    if hidden is not None:
        shared_in = shared_in.exclude(child_id__in=hidden)
    if user.role not in YJS_ROLES:  # the children shared with them: read from the shares alone
        return shared_in
    owned = children_model._base_manager.filter(owning_service_id=user.organisation_id)
    if hidden is not None:
        owned = owned.exclude(id__in=hidden)
    return owned.order_by().values("id").union(shared_in)


_SUBQUERIES: dict[str, Callable[..., QuerySet]] = {
    "hidden": lambda model, user, on: _hidden_query(user),
    "shared": lambda model, user, on: _shared_with(user, on),
    "seen": _seen_query,
    "visible": lambda model, user, on: _seen_query(model, user, on, hidden=_hidden_query(user)),
}


def _subquery(which: str, user: User, children_model=None) -> RawSQL:
    """One of the subqueries above, for `id__in` or `core.queries.among` (not for `union`), made
    once for a person, their organisation and role, and a day (`_compiled`).

    Its text depends only on those, never on any row, so it is the same every time: Django
    building and compiling it again for every query cost more than the database took to answer
    (docs/performance.md, round five). The rows it reads are read by each query as always, so a
    share or restriction made a moment ago counts on the next page."""
    compiled = _compiled(which, children_model, user, user.organisation_id, user.role, today())
    # SQL that Django compiled from a queryset, its values kept apart as parameters: nothing
    # typed by anyone is in its text.
    return RawSQL(*compiled)  # noqa: S611


@lru_cache(maxsize=4096)
def _compiled(which, children_model, user, organisation_id, role, on) -> tuple[str, tuple]:
    # `user` is in the key by its id (as Django compares models); its organisation and role are
    # in the key themselves, as the text depends on them too.
    sql, params = _SUBQUERIES[which](children_model, user, on).query.sql_with_params()
    return sql, tuple(params)


def scope_children(children: QuerySet, user: User | None, *, few: bool = False) -> QuerySet:
    """Only the children in `children` that `user` may see.

    `few`: the caller has already narrowed `children` to a few (a caseload), so each is checked
    as it is read; otherwise the children a person may see are found from the indexes first.
    """
    if not can_view_children(user):
        return children.none()
    hidden = _subquery("hidden", user)
    if few:
        visible = Q(id__in=_subquery("shared", user))
        if user.role in YJS_ROLES:
            visible |= Q(owning_service_id=user.organisation_id)
        return children.filter(visible).exclude(id__in=hidden)
    seen = _subquery("seen", user, children.model)
    return children.filter(id__in=seen).exclude(id__in=hidden)


def scope_parts(children: QuerySet, user: User | None) -> list[QuerySet]:
    """The children of `children` that `user` may see (the same rule as `scope_children`), as
    separate queries that never share a child, for a list that sorts and pages a whole service:
    joined with UNION ALL (`combine`), each part is read in order from its own index and the
    database stops after the page (docs/performance.md). A youth justice service's part is its
    own children; the other, the children shared with it that it does not own."""
    if not can_view_children(user):
        return [children.none()]
    hidden = _subquery("hidden", user)
    shared_in = _subquery("shared", user)
    if user.role not in YJS_ROLES:
        return [children.filter(id__in=shared_in).exclude(id__in=hidden)]
    own = user.organisation_id
    return [
        children.filter(owning_service_id=own).exclude(id__in=hidden),
        children.filter(id__in=shared_in).exclude(owning_service_id=own).exclude(id__in=hidden),
    ]


def kept_parts(records: QuerySet, user: User | None) -> list[QuerySet]:
    """`scope_parts` for records kept with their child and the child's owning service (fields
    `child` and `service`, as `plans.OpenAction`): the same rule, with a service's own part found
    by the records' own service index rather than through the children's table, and the children
    shared with it as a list read once (`core.queries.among`), each child's records found by
    their index."""
    if not can_view_children(user):
        return [records.none()]
    hidden = _subquery("hidden", user)
    shared = records.filter(among("child_id", _subquery("shared", user))).exclude(
        child_id__in=hidden
    )
    if user.role not in YJS_ROLES:
        return [shared]
    own = user.organisation_id
    return [
        records.filter(service_id=own).exclude(child_id__in=hidden),
        shared.exclude(service_id=own),
    ]


def in_scope_parts(children: QuerySet, user: User, scope: str) -> list[QuerySet]:
    """`in_scope`, as `scope_parts` gives it: a list of queries that never share a child."""
    if scope == MINE:
        return [in_scope(children, user, scope)]
    return scope_parts(children, user)


def combine(parts: list[QuerySet]) -> QuerySet:
    """One query of the parts' rows (UNION ALL: they never share a row); order it after."""
    if len(parts) == 1:
        return parts[0]
    first, *rest = (part.order_by() for part in parts)
    return first.union(*rest, all=True)


def count_parts(parts: list[QuerySet]) -> int:
    """How many rows the parts hold, counted from their ids alone (so from the indexes)."""
    return combine([part.values("id") for part in parts]).count()


def visible_ids(children: QuerySet, user: User | None) -> QuerySet | RawSQL:
    """The ids of the children in `children`'s table that `user` may see, as a subquery for
    records that belong to children (touchpoints, actions): the same rule as `scope_children`,
    without reading the children's table again."""
    if not can_view_children(user):
        return children.none().values("id")
    return _subquery("visible", user, children.model)


# The views of the children a person sees: "my caseload" or "my service" for a youth justice
# service; for the secure estate, the children placed there now, or shared for another reason;
# for partners, the children shared with them.
MINE, SERVICE, SHARED, PLACED, OTHER = "mine", "service", "shared", "placed", "other"


def scopes_for(user: User) -> tuple[str, ...]:
    if user.role == Role.SECURE_PRACTITIONER:
        return (SHARED, PLACED, OTHER)
    if user.role in SHARED_ROLES:
        return (SHARED,)
    return (SERVICE, MINE) if user.role == Role.YJS_MANAGER else (MINE, SERVICE)


def default_scope(user: User) -> str:
    return scopes_for(user)[0]


def scope_from(user: User, requested: str | None) -> str:
    """The scope asked for, if this person may ask for it; otherwise their default."""
    allowed = scopes_for(user)
    return requested if requested in allowed else allowed[0]


def in_scope(children: QuerySet, user: User, scope: str) -> QuerySet:
    """The visible children of `children` in the scope: "mine" is the person's own caseload.
    (Placed here now, or not, is the child's current legal status: the caller narrows it.)"""
    if scope == MINE:  # a caseload is found by its index, then each child checked
        return scope_children(children.filter(lead_practitioner=user), user, few=True)
    return scope_children(children, user)


def can_see_service_lists(user: User | None) -> bool:
    """My week and releases coming up: the lists of a youth justice service's work."""
    return _is_active(user) and user.role in YJS_ROLES


# ---- What a person may do for a child they see ---------------------------------------------------


def is_owning_staff(user: User | None, child: Child) -> bool:
    return (
        _is_active(user)
        and user.role in YJS_ROLES
        and child.owning_service_id == user.organisation_id
    )


def is_owning_manager(user: User | None, child: Child) -> bool:
    """A manager of the youth justice service that owns the child's record: the data controller's
    own manager, who restricts, exports, audits the plan and reads who has accessed the record."""
    return is_owning_staff(user, child) and user.role == Role.YJS_MANAGER


def can_edit_child(user: User | None, child: Child) -> bool:
    """Change the child's details. Shared organisations contribute elsewhere, not here."""
    return is_owning_staff(user, child)


def can_contribute(user: User | None, child: Child) -> bool:
    """Add to the child's voice, plan, meetings, network, notes and release checklist.

    The owning service's staff, and the secure estate and partners the child is shared with. Ask
    it only of a child fetched for the person (which proves an active share). A youth justice
    service that sees the child only through a share (a handover after transfer) reads, and so
    does an organisation that sees only part of the record (a referral share).
    """
    if is_owning_staff(user, child):
        return True
    return _is_active(user) and user.role in SHARED_ROLES and sections_shared(user, child) is None


# Referral shares: a share may reach only some sections of the child's record (Share.sections),
# read-only. Someone whose organisation has any active share of the whole record, and the owning
# service's staff, see every section. The answer is kept on the child for the request.
ALWAYS_SHARED = frozenset({"summary"})


def sections_shared(user: User | None, child: Child) -> frozenset[str] | None:
    """The sections of the child's record `user` may see, or None for all of them."""
    if not _is_active(user) or is_owning_staff(user, child):
        return None
    known = child.__dict__.setdefault("_sections_shared", {})
    if user.pk not in known:
        limits = list(
            Share.objects.for_child(child)
            .active()
            .filter(organisation_id=user.organisation_id)
            .values_list("sections", flat=True)
        )
        whole = not limits or any(not sections for sections in limits)
        known[user.pk] = (
            None
            if whole
            else ALWAYS_SHARED | {key for sections in limits for key in sections.split(",") if key}
        )
    return known[user.pk]


def may_see_section(user: User | None, child: Child, section: str | None) -> bool:
    sections = sections_shared(user, child)
    return sections is None or section is None or section in sections


SECTION_NOT_SHARED = _("This part of the child's record is not shared with your organisation.")


can_manage_sharing = can_edit_child
can_request_transfer = can_edit_child
can_restrict = is_owning_manager
can_export_child = is_owning_manager  # subject access exports are the data controller's
can_view_access_log = is_owning_manager
can_audit_plan = is_owning_manager  # a manager's 5Cs audit of the plan
can_change_network = can_contribute
can_change_release_plan = can_contribute


def can_change_voice_entry(user: User | None, entry: Any, child: Child) -> bool:
    """An entry is corrected by the person who recorded it (while they still contribute to the
    child's record) or by a manager of the service that owns the record."""
    if is_owning_manager(user, child):
        return True
    return entry.recorded_by_id == getattr(user, "pk", None) and can_contribute(user, child)


def scope_voice_entries(entries: QuerySet, user: User | None) -> QuerySet:
    """The child's words a person may read, of a child they may see. Partner practitioners read
    what the child agreed to share with partners, and what they recorded themselves."""
    if user is not None and user.role == Role.PARTNER_PRACTITIONER:
        return entries.filter(Q(share_with_partners=True) | Q(recorded_by=user))
    return entries


def can_see_professional_contacts(user: User | None, child: Child) -> bool:
    """Professionals' work contacts: everyone who sees the child coordinates with them."""
    return can_view_children(user)


def can_see_personal_contacts(user: User | None, child: Child) -> bool:
    """The contact details of the child's own people (family, friends, coaches) are personal data
    about people who are not the child: partner practitioners do their part of the plan without
    them. The owning service brokers the plan; the secure establishment arranges family contact."""
    return can_view_children(user) and user.role != Role.PARTNER_PRACTITIONER


# ---- Transfers and administration --------------------------------------------------------------


def can_decide_transfer(user: User | None, transfer: Transfer) -> bool:
    return (
        _is_active(user)
        and user.role == Role.YJS_MANAGER
        and transfer.to_service_id == user.organisation_id
        and transfer.status == transfer.Status.REQUESTED
    )


def can_see_transfers(user: User | None) -> bool:
    return _is_active(user) and user.role in YJS_ROLES


def transfers_visible_to(user: User | None) -> QuerySet:
    """Transfers into or out of the user's service. An outgoing transfer of a child whose record
    is restricted is seen only by the people named on the restriction, as the record is; an
    incoming one is addressed to the receiving service, which must see it to decide."""
    if not can_see_transfers(user):
        return Transfer.across_children.none()
    org = user.organisation_id
    hidden = Restriction.across_children.exclude(allowed_users=user).values("child_id")
    return Transfer.across_children.filter(
        Q(to_service_id=org) | (Q(from_service_id=org) & ~Q(child_id__in=hidden))
    )


def can_search_audit(user: User | None) -> bool:
    """Administrators who may use the administration pages."""
    return _is_active(user) and user.is_staff and user.role == Role.ADMINISTRATOR


# ---- Who may be chosen --------------------------------------------------------------------------


def share_target_organisations(child: Child) -> QuerySet:
    return Organisation.objects.filter(kind__in=SHAREABLE_KINDS, is_active=True).exclude(
        id=child.owning_service_id
    )


def lead_practitioner_choices(user: User, organisation_id: int | None = None) -> QuerySet:
    """The people who may lead a case in `user`'s service (or the given service)."""
    return User.objects.filter(
        organisation_id=organisation_id or user.organisation_id,
        role__in=list(YJS_ROLES),
        is_active=True,
    ).order_by("full_name")


def people_working_with(child: Child, also: int | None = None) -> QuerySet:
    """People who may own an action in the child's plan: the owning service's staff and the staff
    of organisations the record is shared with now (and `also`, who already owns the action)."""
    shared_with = Share.objects.for_child(child).active().values("organisation_id")
    offered = Q(
        Q(organisation_id=child.owning_service_id) | Q(organisation_id__in=shared_with),
        is_active=True,
        role__in=list(CHILD_ROLES),
    )
    return (
        User.objects.filter(offered | Q(id=also) if also else offered)
        .select_related("organisation")
        .order_by("organisation__name", "full_name")
    )


# ---- What pages ask for -------------------------------------------------------------------------

READ, CONTRIBUTE, CHANGE, MANAGE = "read", "contribute", "change", "manage"

RULES: dict[str, Callable[[User | None, Child], bool]] = {
    READ: lambda user, child: True,  # seeing the child at all is scope_children's decision
    CONTRIBUTE: can_contribute,
    CHANGE: can_edit_child,
    MANAGE: is_owning_manager,
}
REFUSALS = {
    CONTRIBUTE: _("You can see this child's record but not add to it."),
    CHANGE: _("You can see this child's record but not change it."),
    MANAGE: _("Only a manager of the child's youth justice service can do this."),
}


def may(user: User | None, child: Child, needs: str) -> bool:
    return RULES[needs](user, child)


# ---- The knowledge hub (guidance, questions, training, what's new) ------------------------------
# Nothing here is about a child: guidance is for everyone signed in, questions are seen by their
# asker and the answerers until published, training records are a person's own, their manager's
# and (as counts) the partnership's.

GUIDANCE_AUTHORS = frozenset({Role.PARTNERSHIP_LEAD, Role.ADMINISTRATOR})


def can_read_guidance(user: User | None) -> bool:
    return _is_active(user)


def can_author_guidance(user: User | None) -> bool:
    """Write, review and publish articles, training modules and what's new notes."""
    return _is_active(user) and user.role in GUIDANCE_AUTHORS


def can_ask_question(user: User | None) -> bool:
    """Any practitioner asks; the partnership answers."""
    return _is_active(user) and user.role in CHILD_ROLES


def can_answer_questions(user: User | None, *, named_expert: bool = False) -> bool:
    """Partnership leads, and the practitioners a lead has named as experts, answer, redact,
    assign and publish questions."""
    if not _is_active(user):
        return False
    return user.role == Role.PARTNERSHIP_LEAD or (named_expert and user.role in CHILD_ROLES)


def can_name_experts(user: User | None) -> bool:
    return _is_active(user) and user.role == Role.PARTNERSHIP_LEAD


def can_see_question(user: User | None, question: Any, *, named_expert: bool = False) -> bool:
    """A published question is read by everyone signed in; until then only by the person who
    asked it and the answerers."""
    if not _is_active(user):
        return False
    if question.status == "published":
        return True
    return question.asked_by_id == user.pk or can_answer_questions(user, named_expert=named_expert)


def can_record_training(user: User | None) -> bool:
    return _is_active(user)


def can_see_team_training(user: User | None) -> bool:
    """A youth justice service manager sees their service's training and who must renew."""
    return _is_active(user) and user.role == Role.YJS_MANAGER


def can_see_training_by_service(user: User | None) -> bool:
    """The partnership sees training coverage as counts by service, never named people."""
    return _is_active(user) and user.role == Role.PARTNERSHIP_LEAD


# ---- The menu of support: the directory of services (issue 12) --------------------------------
# The directory holds no personal data: it lists public services. Everyone who works with
# children reads it, and so do the partnership's leads and administrators; the partnership lead
# and administrators curate it; a youth justice service manager proposes changes to the services
# that cover their borough (the service's slug is its borough's), which a curator accepts or
# rejects. The policy knows a service only by `area_slugs` and a proposal by `organisation_id`.

DIRECTORY_READERS = CHILD_ROLES | {Role.PARTNERSHIP_LEAD, Role.ADMINISTRATOR}
DIRECTORY_CURATORS = frozenset({Role.PARTNERSHIP_LEAD, Role.ADMINISTRATOR})
ALL_OF_LONDON = "london"  # a service area that covers every borough


def can_read_directory(user: User | None) -> bool:
    return _is_active(user) and user.role in DIRECTORY_READERS


def can_curate_directory(user: User | None) -> bool:
    """Add and change services and organisations, and decide proposals."""
    return _is_active(user) and user.role in DIRECTORY_CURATORS


def can_propose_directory_changes(user: User | None) -> bool:
    return _is_active(user) and user.role == Role.YJS_MANAGER


def can_propose_service_change(user: User | None, service: Any) -> bool:
    """A manager proposes changes to a service that covers their borough (or all of London)."""
    if not can_propose_directory_changes(user):
        return False
    areas = service.area_slugs
    return ALL_OF_LONDON in areas or user.organisation.slug in areas


def can_see_proposal(user: User | None, proposal: Any) -> bool:
    """Curators see every proposal; managers see their own service's."""
    return can_curate_directory(user) or (
        can_propose_directory_changes(user) and proposal.organisation_id == user.organisation_id
    )


# ---- Referral shares: referrals to services (issue 12; resettle.referrals) ----------------------
# The child's service refers (its staff; a manager may override the child's refusal, with a
# reason). Where the service's organisation uses Resettle, its practitioners answer in their
# referrals inbox, and accepting shares the sections the referral names, read-only, until the
# referral closes; where it does not, the child's service records the answer it was given. The
# policy knows a referral by `organisation_id`, `child_id` and `child`.

REFERRAL_RECEIVERS = SHARED_ROLES


def can_refer(user: User | None, child: Child) -> bool:
    return is_owning_staff(user, child)


can_override_consent = is_owning_manager


def can_see_referral_inbox(user: User | None) -> bool:
    return _is_active(user) and user.role in REFERRAL_RECEIVERS


def receives_referral(user: User | None, referral: Any) -> bool:
    return (
        can_see_referral_inbox(user)
        and referral.organisation_id is not None
        and referral.organisation_id == user.organisation_id
    )


def referrals_received(referrals: QuerySet, user: User | None) -> QuerySet:
    """The referrals sent to the person's organisation (not of a restricted child they are not
    named on: its record is for the people named)."""
    if not can_see_referral_inbox(user):
        return referrals.none()
    hidden = Restriction.across_children.exclude(allowed_users=user).values("child_id")
    return referrals.filter(organisation_id=user.organisation_id).exclude(child_id__in=hidden)


def can_see_referral(user: User | None, referral: Any) -> bool:
    """The receiving organisation's practitioners, and the staff of the child's service (ask with
    the referral's child loaded); a restricted child's only by the people named."""
    if not (receives_referral(user, referral) or can_refer(user, referral.child)):
        return False
    restricted = Restriction.across_children.filter(child_id=referral.child_id)
    return not restricted.exclude(allowed_users=user).exists()


def can_answer_referral(user: User | None, referral: Any) -> bool:
    """Accept or decline, and record it completed: the receiving organisation in Resettle;
    otherwise the child's service, recording the answer the service gave it."""
    if referral.organisation_id is not None:
        return receives_referral(user, referral)
    return can_refer(user, referral.child)


def can_complete_referral(user: User | None, referral: Any) -> bool:
    return can_answer_referral(user, referral) or can_refer(user, referral.child)


can_withdraw_referral = can_refer  # (user, child)


# ---- The REST API, imports and exports (issue 14; resettle.api) ----------------------------------


def can_use_api(user: User | None) -> bool:
    """Have personal access tokens: the people who work with children's records. A token carries
    its owner's role and organisation, so it reaches exactly what their pages reach."""
    return can_view_children(user)


def can_revoke_token(user: User | None, token: Any) -> bool:
    """A token is revoked by its owner, or by an administrator."""
    return _is_active(user) and (token.user_id == user.pk or can_search_audit(user))


def can_import_children(user: User | None) -> bool:
    """Import children and legal status from a case management system: a youth justice service's
    managers, into their own service only."""
    return _is_active(user) and user.role == Role.YJS_MANAGER


def can_export_service(user: User | None) -> bool:
    """Export the service's own children and their plans: a youth justice service's managers."""
    return _is_active(user) and user.role == Role.YJS_MANAGER


# ---- The secure estate and the child's own plan (issue 15) --------------------------------------
# The establishment's workspace lists the children placed there and shared with it; progress in
# custody is recorded by whoever contributes to the plan (the establishment's practitioner on a
# placement share as readily as the child's case worker).


def can_use_estate_workspace(user: User | None) -> bool:
    """The secure establishment's lists: placed here, shared, arrivals, releases, our week."""
    return _is_active(user) and user.role == Role.SECURE_PRACTITIONER


def can_record_progress(user: User | None, child: Child) -> bool:
    return can_contribute(user, child)


# ---- The partnership's figures (insight, issue 11) --------------------------------------------
# Figures are counts, small numbers suppressed, never a child's name: the partnership lead and
# the youth justice service managers read London's; a manager sees their own service by worker
# and opens the children behind a number (only children `scope_children` gives them); the secure
# estate sees its own establishment's.

FIGURE_READERS = frozenset({Role.PARTNERSHIP_LEAD, Role.YJS_MANAGER})


def can_view_partnership_figures(user: User | None) -> bool:
    return _is_active(user) and user.role in FIGURE_READERS


def can_view_service_figures(user: User | None) -> bool:
    return _is_active(user) and user.role == Role.YJS_MANAGER


def can_view_establishment_figures(user: User | None) -> bool:
    return _is_active(user) and user.role == Role.SECURE_PRACTITIONER
