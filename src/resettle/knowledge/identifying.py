"""Does a question look as if it identifies a child? A warning, never a guarantee.

Three signs, each reported by a code (never by the words that matched, which are the child's):
  * "name": a capitalised word that is the preferred name, or part of the legal name, of a child
    the asker may see;
  * "date": a date written as numbers (12/03/2009, 12-3-09, 2009-03-12) or as "12 March 2009";
  * "reference": a local reference like CAM-12345.
A reviewer sees the codes on the question and may redact it.
"""

from __future__ import annotations

import re
from functools import reduce
from operator import or_

from django.db.models import Q

from resettle.children.models import Child

from .models import Question

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
DATE = re.compile(
    rf"\b(\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{1,2}}-\d{{1,2}}"
    rf"|\d{{1,2}}(st|nd|rd|th)?\s+({MONTHS})\.?\s+\d{{4}})\b",
    re.IGNORECASE,
)
REFERENCE = re.compile(r"\b[A-Z]{2,5}[-/]?\d{4,}\b")
CAPITALISED = re.compile(r"\b[A-Z][a-z'’-]{1,}\b")
# Capitalised words that start sentences or name things, not children; never matched as names.
COMMON = {
    "I",
    "A",
    "The",
    "What",
    "When",
    "Who",
    "How",
    "Why",
    "Where",
    "Which",
    "Is",
    "Can",
    "Should",
    "Do",
    "Does",
    "If",
    "My",
    "We",
    "Our",
    "They",
    "He",
    "She",
    "His",
    "Her",
    "In",
    "On",
    "At",
    "For",
    "And",
    "But",
    "Or",
    "YOI",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}
MOST_WORDS = 60  # a question is short; past this many capitalised words we check the first ones


def _names_of_visible_children(user, words: set[str]) -> bool:
    if not words:
        return False
    wanted = reduce(
        or_,
        (Q(preferred_name__iexact=w) | Q(legal_name__icontains=w) for w in words),
    )
    candidates = (
        Child.objects.visible_to(user)
        .filter(wanted)
        .values_list("preferred_name", "legal_name")[:50]
    )
    lowered = {w.lower() for w in words}
    for preferred, legal in candidates:
        names = {preferred.lower(), *(part.lower() for part in legal.split())}
        if names & lowered:
            return True
    return False


def identifying_flags(text: str, user) -> list[str]:
    """The codes (Question.Flag) of the signs that `text` may identify a child `user` works with."""
    flags = []
    words = [w for w in CAPITALISED.findall(text or "") if w not in COMMON][:MOST_WORDS]
    if _names_of_visible_children(user, {w.strip("'’-") for w in words if len(w) > 1}):
        flags.append(Question.Flag.NAME.value)
    if DATE.search(text or ""):
        flags.append(Question.Flag.DATE.value)
    if REFERENCE.search(text or ""):
        flags.append(Question.Flag.REFERENCE.value)
    return flags
