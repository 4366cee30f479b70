"""Who may read what in the child's network.

Seeing the network follows `access.policy`: everyone who may see the child sees who is in their
network, their influence and their role in the plan.

Contact details are narrower:

* **Professionals' contact details** (a social worker's phone, a CAMHS team's email) are work
  contacts that the partnership needs to coordinate, so everyone who may see the child sees them.
* **The child's own people's contact details** (family, friends, coaches: the `Person` model) are
  personal data about people who are not the child. Partner practitioners (social care, health,
  housing, education and voluntary partners the child is shared with) see the child's record for
  their part of the plan, and do not need to phone the child's nan or friends to do it, so they do
  not see these details, and the forms do not offer them the field. The owning youth justice
  service, which brokers the plan, and the secure establishment holding the child (which arranges
  family contact and visits) do see them.

Call these only for a child already fetched through `access.policy.get_child_for_user`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resettle.access import policy
from resettle.accounts.models import Role

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child


def can_see_professional_contacts(user: User, child: Child) -> bool:
    return policy.can_view_children(user)


def can_see_personal_contacts(user: User, child: Child) -> bool:
    return policy.can_view_children(user) and user.role != Role.PARTNER_PRACTITIONER


def can_change_network(user: User, child: Child) -> bool:
    return policy.can_contribute(user, child)
