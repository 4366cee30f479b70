"""Plain words for service jargon, for the child's own plan (docs/childs-plan.md).

Where an action has no words for the child (`PlanAction.child_words`), My plan shows the worker's
words with the service's jargon swapped for words a child knows. Longer phrases come first, so
"CAMHS assessment" becomes "a meeting with a mental health worker" before "CAMHS" alone is
swapped. Each entry matches whole words, in any case; a replacement at the start of a sentence
keeps its capital letter. Add to the list, never code: it is data.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext_lazy as _

# (the service's words, the words a child knows)
GLOSSARY: list[tuple[str, str]] = [
    ("CAMHS assessment", _("a meeting with a mental health worker")),
    ("Release preparation meeting", _("a meeting to get ready for leaving")),
    ("Release-day plan", _("a plan for the day you leave")),
    ("Initial planning meeting", _("your first meeting to make your plan")),
    ("Post-release review", _("a meeting to see how things are going after you leave")),
    ("Review meeting", _("a meeting to see how your plan is going")),
    ("Contact on release day", _("seeing your worker on the day you leave")),
    ("Family group conference", _("a family meeting")),
    ("Handover meeting", _("a meeting to pass on your plan")),
    ("Speech and language assessment", _("a meeting with someone who helps with talking")),
    ("Speech and language", _("talking and understanding")),
    ("resettlement practitioner", _("worker who helps you get ready to leave")),
    ("young people's drug and alcohol worker", _("drug and alcohol worker")),
    ("substance misuse", _("drugs and alcohol")),
    ("Referral to", _("Ask for help from")),
    ("CAMHS", _("CAMHS (the mental health team)")),
    ("EHCP", _("support plan for school")),
    ("SENCO", _("teacher who helps with extra needs")),
    ("education, training and employment", _("school, training or work")),
    ("education, training or employment", _("school, training or work")),
    ("ETE", _("school, training or work")),
    ("YJS", _("youth justice team")),
    ("GP", _("doctor")),
    ("accommodation", _("a place to live")),
    ("release address", _("address for when you leave")),
    ("before release", _("before you leave")),
    ("after release", _("after you leave")),
    ("on release", _("when you leave")),
    ("in the week of release", _("in the week you leave")),
    ("release day", _("the day you leave")),
    ("the child's", _("your")),
    ("the child", _("you")),
]


@cache
def _pattern(words: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(words)}(?![\w-])", re.IGNORECASE)


def plain(text: str) -> str:
    """`text` with the service's jargon in plain words."""
    for words, instead in GLOSSARY:
        instead = str(instead)

        def swap(match: re.Match, instead=instead) -> str:
            before = match.string[: match.start()].rstrip()
            start = not before or before.endswith((".", ":"))
            return instead[:1].upper() + instead[1:] if start else instead

        text = _pattern(words).sub(swap, text)
    return text
