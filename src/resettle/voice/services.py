"""Recording and correcting what a child said: checked, atomic, audited.

`record_voice` is the one way an entry is made — by the practitioner's form and by child mode, where
the child types the answers themselves. The child's words are kept exactly as typed: only spaces
and blank lines before and after an answer are removed, never anything inside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.core.signals import announce

from .models import (
    ANSWER_FIELDS,
    RATING_MAX,
    RATING_MIN,
    Conversation,
    Strength,
    VoiceEntry,
    WordsAre,
)

if TYPE_CHECKING:
    from resettle.accounts.models import User
    from resettle.children.models import Child

MINIMUM_AGE = 10
OPTIONS = ("recorded_on", "conversation", "words_are", "share_with_partners", "self_rating")
ALLOWED_KEYS = frozenset({*ANSWER_FIELDS, *OPTIONS, "strengths"})


def tenth_birthday(date_of_birth: date) -> date:
    try:
        return date_of_birth.replace(year=date_of_birth.year + MINIMUM_AGE)
    except ValueError:  # born on 29 February
        return date(date_of_birth.year + MINIMUM_AGE, 3, 1)


def date_problem(child: Child, recorded_on: date) -> str | None:
    if recorded_on > today():
        return _("The date of the conversation must be today or in the past")
    birthday = tenth_birthday(child.date_of_birth)
    if recorded_on < birthday:
        return _(
            "The date of the conversation must be on or after %(name)s's 10th birthday, %(date)s"
        ) % {"name": child.preferred_name, "date": date_format(birthday, "j F Y")}
    return None


def nothing_answered(words: dict[str, str], strengths: Iterable) -> bool:
    """True when none of the four questions has an answer (picking strengths answers one)."""
    return not any(words.get(field) for field in ANSWER_FIELDS) and not list(strengths)


def problems(
    child: Child,
    *,
    recorded_on: date,
    words: dict[str, str],
    strengths: Iterable,
    self_rating: int | None,
) -> dict[str, str]:
    """What is wrong with an entry, by field; empty when it may be saved."""
    found: dict[str, str] = {}
    if problem := date_problem(child, recorded_on):
        found["recorded_on"] = problem
    if nothing_answered(words, strengths):
        found[ANSWER_FIELDS[0]] = _("Answer at least one of the four questions")
    if self_rating is not None and not RATING_MIN <= self_rating <= RATING_MAX:
        found["self_rating"] = _("How sure they feel must be a number from 1 to 10")
    return found


def _clean_words(values: dict[str, Any]) -> dict[str, str]:
    return {field: str(values.get(field) or "").strip() for field in ANSWER_FIELDS}


def _strength_ids(strengths: Iterable) -> set[int]:
    return {getattr(s, "pk", s) for s in strengths}


@transaction.atomic
def record_voice(
    actor: Actor,
    child: Child,
    *,
    entered_by_child: bool = False,
    **answers: Any,
) -> VoiceEntry:
    """Record what `child` said in one conversation.

    `answers` may hold the four answers (`who_are_you`, `who_do_you_want_to_be`,
    `strengths_in_own_words`, `how_to_get_there`), `strengths` (Strength objects or ids),
    `recorded_on` (today if not given), `conversation`, `words_are`, `share_with_partners` (False
    unless the child agreed) and `self_rating` (1 to 10, or None). With `entered_by_child=True`
    the child typed the answers in child mode: their own words, in a child-mode conversation.

    The child must have been fetched for the person (`children.pages.get_child`). Raises
    PermissionDenied if they may not add to the child's record, and DomainError (by field) if the
    entry is not complete.
    """
    user = actor.user
    unknown = set(answers) - ALLOWED_KEYS
    if unknown:
        raise TypeError(f"record_voice() got unexpected answers: {sorted(unknown)}")
    policy.require(policy.can_contribute(user, child), _("You cannot add to this child's record."))

    words = _clean_words(answers)
    strengths = list(answers.get("strengths") or ())
    recorded_on = answers.get("recorded_on") or today()
    self_rating = answers.get("self_rating")
    conversation = answers.get("conversation") or (
        Conversation.CHILD_MODE if entered_by_child else ""
    )
    words_are = WordsAre.VERBATIM if entered_by_child else answers.get("words_are")
    found = problems(
        child, recorded_on=recorded_on, words=words, strengths=strengths, self_rating=self_rating
    )
    if conversation not in Conversation.values:
        found["conversation"] = _("Select the kind of conversation")
    if words_are not in WordsAre.values:
        found["words_are"] = _("Select whether these are the child's own words or a summary")
    DomainError.raise_if(found)

    entry = VoiceEntry(
        child=child,
        recorded_on=recorded_on,
        recorded_by=user,
        conversation=conversation,
        words_are=words_are,
        share_with_partners=bool(answers.get("share_with_partners", False)),
        self_rating=self_rating,
        entered_by_child=entered_by_child,
        created_by=user,
        changed_by=user,
        **words,
    )
    entry._history_user = user
    entry.save()
    if strengths:
        entry.strengths.set(strengths)
    record(
        actor,
        "voice.recorded",
        child=child,
        entry=str(entry.public_id),
        conversation=conversation,
        entered_by_child=entered_by_child,
    )
    announce(VoiceEntry, child, "voice")
    return entry


@transaction.atomic
def change_voice(actor: Actor, child: Child, entry: VoiceEntry, **answers: Any) -> list[str]:
    """Correct an entry. Returns the names of the fields that changed (none: nothing is saved).

    The earlier version stays in the entry's history.
    """
    user = actor.user
    if entry.child_id != child.id:
        raise DomainError(_("This conversation is not in this child's record"))
    unknown = set(answers) - ALLOWED_KEYS
    if unknown:
        raise TypeError(f"change_voice() got unexpected answers: {sorted(unknown)}")
    policy.require(
        policy.can_change_voice_entry(user, entry, child),
        _("Only the person who recorded this, or a manager, can change it."),
    )

    words = _clean_words({f: answers.get(f, getattr(entry, f)) for f in ANSWER_FIELDS})
    old_strengths = {s.pk for s in entry.strengths.all()}
    strengths = _strength_ids(answers.get("strengths", old_strengths))
    values = {
        **words,
        **{option: answers.get(option, getattr(entry, option)) for option in OPTIONS},
    }
    values["share_with_partners"] = bool(values["share_with_partners"])
    found = problems(
        child,
        recorded_on=values["recorded_on"],
        words=words,
        strengths=strengths,
        self_rating=values["self_rating"],
    )
    if values["conversation"] not in Conversation.values:
        found["conversation"] = _("Select the kind of conversation")
    if values["words_are"] not in WordsAre.values:
        found["words_are"] = _("Select whether these are the child's own words or a summary")
    DomainError.raise_if(found)

    changed = [name for name, value in values.items() if getattr(entry, name) != value]
    if strengths != old_strengths:
        changed.append("strengths")
    if not changed:
        return []
    for name, value in values.items():
        setattr(entry, name, value)
    entry.changed_by = user
    entry._history_user = user
    entry.save()
    if strengths != old_strengths:
        entry.strengths.set(Strength.objects.filter(pk__in=strengths))
    record(
        actor,
        "voice.changed",
        child=child,
        entry=str(entry.public_id),
        fields=sorted(changed),
    )
    announce(VoiceEntry, child, "voice")
    return changed


def latest_entry(child: Child, user: User) -> VoiceEntry | None:
    """The most recent conversation `user` may read, for other parts of the record to show."""
    entries = policy.scope_voice_entries(VoiceEntry.objects.for_child(child), user)
    return entries.for_page().first()


@transaction.atomic
def anonymise_voice(child: Child) -> int:
    """Remove the child's words, keeping that the conversations happened (for counts).

    For retention: the four answers are blanked and the earlier versions deleted; the dates,
    kinds of conversation, strengths picked from the list and self-ratings stay. Returns how
    many entries were anonymised.
    """
    blank = dict.fromkeys(ANSWER_FIELDS, "")
    count = VoiceEntry.objects.for_child(child).update(**blank)
    VoiceEntry.history.filter(child_id=child.pk).delete()
    return count
