"""Personal access tokens: made, revoked and checked. `verb(actor, **values)`, atomic, audited.

A token reads `rst_<prefix>_<secret>`. Only the prefix (to find the row) and the SHA-256 of the
whole token are stored, so a copy of the database cannot be used to call the API.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError

from .models import MAX_TOKEN_NAME, AccessToken, TokenScope

TOKEN_START = "rst_"  # noqa: S105 - how every token starts, not a secret
PREFIX_LENGTH = 10
MAX_DAYS = 366  # "at most a year": a year from today, leap day or not
# The last use is written at most this often, so a busy token does not write on every call.
LAST_USED_EVERY = timedelta(minutes=1)


def digest_of(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def latest_expiry(on: date | None = None) -> date:
    start = on or today()
    try:
        return start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        return start + timedelta(days=365)


def _end_of(day: date) -> datetime:
    """A token expiring on `day` works until midnight at the end of it, local time."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


@transaction.atomic
def create_token(
    actor: Actor, *, name: str, scope: str, expires_on: date | None
) -> tuple[AccessToken, str]:
    """A new token for the person acting. Returns the token and its secret, shown only once."""
    user = actor.user
    policy.require(policy.can_use_api(user), _("Your role does not use the API."))
    name = " ".join(str(name or "").split())
    errors: dict[str | None, str] = {}
    if not name:
        errors["name"] = _("Enter a name for the token")
    elif len(name) > MAX_TOKEN_NAME:
        errors["name"] = _("The name must be %(limit)s characters or fewer") % {
            "limit": MAX_TOKEN_NAME
        }
    if scope not in TokenScope.values:
        errors["scope"] = _("Select what the token can do")
    if expires_on is None:
        errors["expires_on"] = _("Enter the date the token expires")
    elif expires_on <= today():
        errors["expires_on"] = _("The expiry date must be in the future")
    elif expires_on > latest_expiry():
        errors["expires_on"] = _("A token can last at most a year")
    DomainError.raise_if(errors)
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    raw = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(32)}"
    token = AccessToken.objects.create(
        user=user,
        name=name,
        scope=scope,
        prefix=prefix,
        digest=digest_of(raw),
        expires_at=_end_of(expires_on),
    )
    record(
        actor,
        "api.token_created",
        token=str(token.public_id),
        scope=scope,
        expires_on=expires_on.isoformat(),
    )
    return token, raw


@transaction.atomic
def revoke_token(actor: Actor, token: AccessToken) -> bool:
    """Stop a token working. Returns False if it was already revoked."""
    policy.require(
        policy.can_revoke_token(actor.user, token), _("You can only revoke your own tokens.")
    )
    if token.is_revoked:
        return False
    token.revoked_at = timezone.now()
    token.revoked_by = actor.user
    token.save(update_fields=["revoked_at", "revoked_by"])
    record(
        actor,
        "api.token_revoked",
        token=str(token.public_id),
        owner=str(token.user.public_id),
    )
    return True


def find_token(raw: str) -> AccessToken | None:
    """The token `raw` names, if it is one of ours (revoked and expired ones too)."""
    raw = (raw or "").strip()
    if not raw.startswith(TOKEN_START):
        return None
    prefix = raw[len(TOKEN_START) : len(TOKEN_START) + PREFIX_LENGTH]
    token = (
        AccessToken.objects.select_related("user", "user__organisation")
        .filter(prefix=prefix)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, digest_of(raw)):
        return None
    return token


def note_use(token: AccessToken) -> None:
    """Remember when the token was last used (at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        AccessToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def tokens_of(user) -> list[AccessToken]:
    return list(AccessToken.objects.filter(user=user).order_by("-created_at", "-id"))
