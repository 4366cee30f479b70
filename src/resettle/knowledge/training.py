"""Training and capability: the modules, who completed them, and coverage.

Practitioners record their own completions; a youth justice service manager sees their team's
and who must renew; the partnership sees coverage by service as counts, with 1 to 4 shown as
"fewer than 5" (docs/domain.md, the partnership view).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.accounts.models import Organisation, User
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError

from .models import MAX_EVIDENCE, TrainingCompletion, TrainingModule

RENEW_WITHIN = timedelta(days=60)  # "due to renew": expiring within this, or expired
EARLIEST = date(2000, 1, 1)
SUPPRESS_BELOW = 5


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# ---- Writing -----------------------------------------------------------------------------------


@transaction.atomic
def save_module(
    actor: Actor,
    *,
    module: TrainingModule | None = None,
    name: str,
    provider: str,
    covers: str,
    valid_for_months: int | None,
    is_active: bool = True,
) -> TrainingModule:
    policy.require(
        policy.can_author_guidance(actor.user),
        _("Only partnership leads and administrators change training modules."),
    )
    name, provider, covers = (name or "").strip(), (provider or "").strip(), (covers or "").strip()
    problems = {}
    if not name:
        problems["name"] = _("Enter the name of the module")
    elif len(name) > 200:
        problems["name"] = _("The name must be 200 characters or fewer")
    elif (
        TrainingModule.objects.filter(name__iexact=name)
        .exclude(pk=getattr(module, "pk", None))
        .exists()
    ):
        problems["name"] = _("There is already a module with this name")
    if not provider:
        problems["provider"] = _("Enter who provides it")
    elif len(provider) > 200:
        problems["provider"] = _("The provider must be 200 characters or fewer")
    if not covers:
        problems["covers"] = _("Say what it covers")
    elif len(covers) > 2000:
        problems["covers"] = _("This must be 2000 characters or fewer")
    if valid_for_months is not None and not 1 <= valid_for_months <= 120:
        problems["valid_for_months"] = _(
            "Enter a number of months from 1 to 120, or leave it empty"
        )
    DomainError.raise_if(problems)
    module = module or TrainingModule()
    module.name, module.provider, module.covers = name, provider, covers
    module.valid_for_months, module.is_active = valid_for_months, is_active
    module.save()
    record(actor, "training.module_saved", module=str(module.public_id))
    return module


@transaction.atomic
def record_completion(
    actor: Actor, *, module: TrainingModule | None, completed_on: date | None, evidence: str = ""
) -> TrainingCompletion:
    """Record that the person acting completed a module."""
    user = actor.user
    policy.require(policy.can_record_training(user))
    evidence = (evidence or "").strip()
    problems = {}
    if module is None or not module.is_active:
        problems["module"] = _("Select the training you completed")
    if completed_on is None:
        problems["completed_on"] = _("Enter the date you completed it")
    elif completed_on > today():
        problems["completed_on"] = _("The date you completed it must be today or in the past")
    elif completed_on < EARLIEST:
        problems["completed_on"] = _("The date you completed it must be after 1 January 2000")
    if len(evidence) > MAX_EVIDENCE:
        problems["evidence"] = _("The evidence must be %(limit)s characters or fewer") % {
            "limit": MAX_EVIDENCE
        }
    DomainError.raise_if(problems)
    months = module.valid_for_months
    completion = TrainingCompletion.objects.create(
        user=user,
        module=module,
        completed_on=completed_on,
        expires_on=add_months(completed_on, months) if months else None,
        evidence=evidence,
        created_by=user,
        changed_by=user,
    )
    record(actor, "training.completion_recorded", completion=str(completion.public_id))
    return completion


# ---- Reading -----------------------------------------------------------------------------------

CURRENT, RENEW, EXPIRED, NOT_DONE = "current", "renew", "expired", "not_done"
STATUS_LABELS = {
    CURRENT: _("Current"),
    RENEW: _("Due to renew"),
    EXPIRED: _("Expired"),
    NOT_DONE: _("Not done"),
}
STATUS_COLOURS = {CURRENT: "green", RENEW: "yellow", EXPIRED: "red", NOT_DONE: "grey"}


@dataclass(frozen=True)
class Standing:
    module: TrainingModule
    latest: TrainingCompletion | None
    status: str

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self.status]


def status_of(latest: TrainingCompletion | None, on: date | None = None) -> str:
    on = on or today()
    if latest is None:
        return NOT_DONE
    if latest.expires_on is None or latest.expires_on > on + RENEW_WITHIN:
        return CURRENT
    return RENEW if latest.expires_on >= on else EXPIRED


def _latest_by_pair(completions) -> dict[tuple[int, int], TrainingCompletion]:
    latest: dict[tuple[int, int], TrainingCompletion] = {}
    for completion in completions:  # newest first
        latest.setdefault((completion.user_id, completion.module_id), completion)
    return latest


def standings_for(users: list[User], modules: list[TrainingModule]) -> dict[int, list[Standing]]:
    """Each person's standing in each module, in one query whatever the numbers."""
    completions = TrainingCompletion.objects.filter(user__in=users, module__in=modules).order_by(
        "-completed_on", "-id"
    )
    latest = _latest_by_pair(completions)
    standings = {}
    for user in users:
        found = [latest.get((user.pk, module.pk)) for module in modules]
        standings[user.pk] = [
            Standing(module, completion, status_of(completion))
            for module, completion in zip(modules, found, strict=True)
        ]
    return standings


def team_of(manager: User) -> list[User]:
    return list(
        User.objects.filter(
            organisation_id=manager.organisation_id,
            is_active=True,
            role__in=list(policy.CHILD_ROLES),
        ).order_by("full_name")
    )


def suppressed(count: int) -> str:
    """A count for the partnership: 1 to 4 are shown as "fewer than 5"."""
    if 0 < count < SUPPRESS_BELOW:
        return str(_("fewer than 5"))
    return str(count)


@dataclass(frozen=True)
class ServiceRow:
    organisation: Organisation
    staff: str
    trained: list[str]  # one per module, in the order of the modules


def coverage_by_service(modules: list[TrainingModule], on: date | None = None) -> list[ServiceRow]:
    """For each organisation with practitioners: how many hold a current completion of each
    module. Three queries, whatever the numbers."""
    on = on or today()
    practitioners = Q(is_active=True, role__in=list(policy.CHILD_ROLES))
    staff = dict(
        User.objects.filter(practitioners)
        .values("organisation_id")
        .annotate(n=Count("id"))
        .values_list("organisation_id", "n")
    )
    current = (
        TrainingCompletion.objects.filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=on),
            module__in=modules,
            user__is_active=True,
            user__role__in=list(policy.CHILD_ROLES),
        )
        .values("user__organisation_id", "module_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("user__organisation_id", "module_id", "n")
    )
    trained = {(org, module): n for org, module, n in current}
    organisations = Organisation.objects.filter(id__in=list(staff)).order_by("kind", "name")
    return [
        ServiceRow(
            organisation,
            suppressed(staff[organisation.id]),
            [suppressed(trained.get((organisation.id, m.id), 0)) for m in modules],
        )
        for organisation in organisations
    ]
