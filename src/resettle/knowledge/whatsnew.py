"""What's new: each note is shown once to each person, in a banner on the next page they open.

Which notes a person has seen is kept in `ReleaseNoteSeen`. So that ordinary pages add no query,
the time of the newest note is kept in Django's cache (`CACHE_SECONDS`; cleared when a note is
published here) and the time a person was last brought up to date in their session: only when
the two differ are their unseen notes read and marked as seen.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Max

from .models import ReleaseNote, ReleaseNoteSeen

CACHE_KEY = "knowledge:latest-note"
CACHE_SECONDS = 60
SESSION_KEY = "knowledge_whatsnew_upto"
MOST_SHOWN = 3


def _latest() -> str:
    found = cache.get(CACHE_KEY)
    if found is None:
        newest = ReleaseNote.objects.aggregate(newest=Max("published_at"))["newest"]
        found = newest.isoformat() if newest else ""
        cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def forget() -> None:
    """Call after a note is published."""
    cache.delete(CACHE_KEY)
    # and again once the change is committed, in case a page read the old state meanwhile
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def take_unseen(request) -> list[ReleaseNote]:
    """The newest notes the person has not seen (at most MOST_SHOWN), now marked as seen. Never
    fails a page: an error page drawn while the database is failing shows no banner."""
    try:
        return _take_unseen(request)
    except DatabaseError:
        return []


def _take_unseen(request) -> list[ReleaseNote]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return []
    latest = _latest()
    if not latest or request.session.get(SESSION_KEY) == latest:
        return []
    seen = ReleaseNoteSeen.objects.filter(user=user).values("note_id")
    unseen = list(ReleaseNote.objects.exclude(id__in=seen).order_by("-published_at", "-id"))
    if unseen:
        with transaction.atomic():
            ReleaseNoteSeen.objects.bulk_create(
                [ReleaseNoteSeen(note=note, user=user) for note in unseen],
                ignore_conflicts=True,
            )
    request.session[SESSION_KEY] = latest
    return unseen[:MOST_SHOWN]
