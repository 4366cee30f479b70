"""Synthetic demo case notes from several agencies, so the shared thread has something to show.

Everything is invented. Notes are written by the child's lead practitioner and, on children shared
with them, by the secure establishment's practitioner and a partner social worker, on about half
the children of Camden and Hackney. If the demo has no shares yet, Camden children in custody
are shared with their establishment for the placement, and some others with HMYOI Feltham and
Camden children's social care for planning, first.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from faker import Faker
from simple_history.utils import bulk_create_with_history

from resettle.access.models import Share
from resettle.accounts.models import User
from resettle.children.models import Child, LegalStatusEpisode
from resettle.core.dates import today
from resettle.notes.models import CaseNote

from .shares import CUSTODIAL, placement_share

YJS_NOTES = [
    "Visited at the YOI. Talked through the plan and the four questions again; wants to look at "
    "the mechanics course.",
    "Phoned mum about the release-day plan. She will meet him at the gate with me.",
    "Missed the appointment today. Called back in the afternoon; agreed a new time on Thursday.",
    "Planning meeting held. Actions agreed and sent round to everyone.",
    "Housing options confirmed they are looking at two placements. Chasing on Friday.",
]
SECURE_NOTES = [
    "Settled on the unit this week. Attending education every morning.",
    "Asked about college after release. Passed this on to the case worker.",
    "Family visit went well. Grandmother attended.",
]
PARTNER_NOTES = [
    "Social worker visit completed. Placement search is under way for release.",
    "Pathway plan review booked for next month.",
    "Spoke to the carer about the release date and transport.",
]


def _writer(email: str) -> User | None:
    return User.objects.filter(email=email).select_related("organisation").first()


def _share_some(children, organisations) -> None:
    """Share Camden children as placements and social work would, if the demo has no shares yet,
    so other agencies have notes to write: a child placed in a secure establishment is shared
    with it for that placement (the share follows the child and ends after they leave), and some
    others with the demo's establishment and social care for planning."""
    if Share.across_children.exists():
        return
    camden = [c for c in children if c.owning_service.slug == "camden"]
    current = {
        episode.child_id: episode
        # Oldest first, so each child's current episode is the one kept.
        for episode in LegalStatusEpisode.objects.for_children(camden)
        .started_by()
        .select_related("child__lead_practitioner")
        .order_by("child_id", "starts_on", "id")
    }
    placed = [e for e in current.values() if e.establishment_id and e.status in CUSTODIAL]
    shares = [placement_share(episode) for episode in placed]
    placed_with = {(e.child_id, e.establishment_id) for e in placed}
    shares += [
        Share(
            child=child,
            organisation=organisation,
            purpose="Resettlement planning (demo)",
            ends_on=today() + timedelta(days=90),
            created_by=child.lead_practitioner,
        )
        for n, organisation in enumerate(organisations)
        for child in camden[n::3]
        if (child.id, organisation.id) not in placed_with
    ]
    bulk_create_with_history(shares, Share)


def load_notes(fake: Faker, rng: random.Random) -> None:
    amara = _writer("caseworker@camden.example")
    ben = _writer("caseworker@hackney.example")
    chloe = _writer("practitioner@feltham.example")
    sam = _writer("partner@camden-social-care.example")
    now = timezone.now()
    children = list(
        Child.objects.filter(owning_service__slug__in=["camden", "hackney"])
        .select_related("lead_practitioner", "owning_service")
        .order_by("id")
    )
    _share_some(children, [u.organisation for u in (chloe, sam) if u])
    shared_with = {
        writer.id: set(
            Share.across_children.active()
            .filter(organisation_id=writer.organisation_id)
            .values_list("child_id", flat=True)
        )
        for writer in (chloe, sam)
        if writer
    }
    notes = []
    for index, child in enumerate(children):
        if index % 2:
            continue
        lead = child.lead_practitioner or (amara if child.owning_service.slug == "camden" else ben)
        writers: list[tuple[User, list[str]]] = [(lead, YJS_NOTES)] if lead else []
        # Other agencies write only about children shared with them, as in real use.
        for other, texts in ((chloe, SECURE_NOTES), (sam, PARTNER_NOTES)):
            if other and child.id in shared_with[other.id]:
                writers.append((other, texts))
        if not writers:
            continue
        for n in range(rng.randint(2, 7)):
            writer, texts = writers[n % len(writers)]
            notes.append(
                CaseNote(
                    child=child,
                    text=rng.choice(texts),
                    written_by=writer,
                    organisation_id=writer.organisation_id,
                    created_by=writer,
                    changed_by=writer,
                )
            )
    created = CaseNote.objects.bulk_create(notes, batch_size=500)
    # created_at is set on insert; spread the notes over the last two months.
    for note in created:
        note.created_at = now - timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600))
    CaseNote.across_children.bulk_update(created, ["created_at"], batch_size=500)
