"""Demo shares made for a placement, as a youth justice service shares a child with the secure
establishment they are placed in. Everything is invented."""

from __future__ import annotations

from datetime import timedelta

from resettle.access.models import Share
from resettle.children.models import LegalStatus, LegalStatusEpisode
from resettle.core.dates import today

CUSTODIAL = {LegalStatus.REMAND_YDA, LegalStatus.SENTENCED_CUSTODY, LegalStatus.RECALL}


def placement_share(episode: LegalStatusEpisode) -> Share:
    """An unsaved share of the episode's child with its establishment, for the placement."""
    child = episode.child
    return Share(
        child=child,
        organisation_id=episode.establishment_id,
        purpose="Placed here (demo)",
        ends_on=max(episode.expected_release_on or today(), today()) + timedelta(days=90),
        created_by=child.lead_practitioner,
        placement=episode,
    )
