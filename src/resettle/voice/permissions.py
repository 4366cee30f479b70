"""Who may record and correct what a child said. Built on access.policy, which decides who sees
the child at all; the voice adds two rules of its own:

- partner practitioners read only the entries the child agreed to share with partners (see
  `VoiceEntryQuerySet.visible_to`);
- an entry is corrected only by the person who recorded it (while they still contribute to the
  child's record) or by a manager of the service that owns the record.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resettle.access import policy
from resettle.accounts.models import Role

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child

    from .models import VoiceEntry


def can_record(user: User, child: Child) -> bool:
    """Record a conversation with a child fetched through `get_child_for_user`."""
    return policy.can_contribute(user, child)


def can_change_entry(user: User, entry: VoiceEntry, child: Child) -> bool:
    if policy.is_owning_staff(user, child) and user.role == Role.YJS_MANAGER:
        return True
    return entry.recorded_by_id == user.pk and policy.can_contribute(user, child)
