"""Every change to who a person is and what they may do is audited, wherever it is made.

A person's email address, role, organisation, password, active state and administration access are
watched on every save of the account (a model signal, `signals.py`), so a change made in the
administration pages, by a service, by a command or in `manage.py shell` reaches the hash-chained
audit trail, in the name of `current_actor()`. So do two-factor devices added or removed outside the
pages that set them up. Code that records a change itself, with more to say (changing your own
password also ends your other sessions), claims it with `recorded_here(...)`, and it is not
recorded twice.

Nobody changes their own role, organisation or administration access, whoever they are: a person
acting on their own account is refused (`OwnAccessChange`) before the save.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from resettle.audit.actors import Actor, current_actor
from resettle.audit.services import record

if TYPE_CHECKING:
    from .models import User

# Field watched on the account -> what changing it is called in the audit trail.
WATCHED = ("email", "role", "organisation_id", "password", "is_active", "is_staff", "is_superuser")
# What nobody may change on their own account.
SELF_LOCKED = ("role", "organisation_id", "is_staff", "is_superuser")
# Device changes: the kind of device as the trail names it.
DEVICE_KINDS = {"totpdevice": "authenticator app", "staticdevice": "recovery codes"}

_claimed: ContextVar[frozenset[str]] = ContextVar("resettle_claimed_changes", default=frozenset())


class OwnAccessChange(PermissionDenied):
    """Someone tried to change their own role, organisation or administration access."""

    def __init__(self, fields: list[str]) -> None:
        self.fields = fields
        super().__init__(
            _("You cannot change your own role, organisation or administration access.")
        )


@contextmanager
def recorded_here(*changes: str) -> Iterator[None]:
    """The code inside records these changes itself ("password", "mfa", ...): do not repeat them."""
    token = _claimed.set(_claimed.get() | frozenset(changes))
    try:
        yield
    finally:
        _claimed.reset(token)


def is_claimed(change: str) -> bool:
    return change in _claimed.get()


def watched_fields_touched(update_fields) -> bool:
    return update_fields is None or bool(set(update_fields) & {*WATCHED, "organisation"})


def refuse_own_access_change(user: User, before: dict[str, Any], actor: Actor) -> None:
    acting = actor.user
    if acting is None or acting.pk != user.pk:
        return
    changed = [name for name in SELF_LOCKED if before[name] != getattr(user, name)]
    if changed:
        raise OwnAccessChange(changed)


def record_changes(user: User, before: dict[str, Any], actor: Actor) -> None:
    """Audit each watched change between `before` (the stored values) and the saved account."""
    who = {"user": str(user.public_id)}
    if before["email"] != user.email:
        record(actor, "user.email_changed", **who)
    if before["role"] != user.role:
        record(actor, "user.role_changed", **who, before=before["role"], after=user.role)
    if before["organisation_id"] != user.organisation_id:
        record(
            actor,
            "user.organisation_changed",
            **who,
            before=before["organisation_id"],
            after=user.organisation_id,
        )
    access = {
        name: getattr(user, name)
        for name in ("is_staff", "is_superuser")
        if before[name] != getattr(user, name)
    }
    if access:
        record(actor, "user.admin_access_changed", **who, **access)
    if before["is_active"] != user.is_active:
        record(actor, "user.reactivated" if user.is_active else "user.deactivated", **who)
    if before["password"] != user.password and not is_claimed("password"):
        acting = actor.user
        own = acting is not None and acting.pk == user.pk
        record(actor, "user.password_changed" if own else "user.password_set", **who)


def record_created(user: User, actor: Actor) -> None:
    record(
        actor,
        "user.created",
        user=str(user.public_id),
        role=user.role,
        organisation=user.organisation_id,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
    )


def record_device_change(device: Any, change: str) -> None:
    """A two-factor device added or removed other than by the pages that record it."""
    if is_claimed("mfa"):
        return
    kind = DEVICE_KINDS.get(type(device)._meta.model_name)
    if kind is None:
        return
    record(
        current_actor(),
        "user.mfa_changed",
        user=str(device.user.public_id),
        device=kind,
        change=change,
    )
