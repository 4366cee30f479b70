"""Warnings when words about a child name someone or something in the child's network flagged as
undermining their pro-social identity (docs/domain.md, section 2: the child's network).

Wherever a person or place appears in a child's record (who meets the child on release day, who
took part in a meeting, who is helping on the child's own plan), the page asks:

    warnings_about(child, {"who_meets": release_plan.who_meets})  # -> {"who_meets": [...]}

The network fills this registry (`NetworkConfig.ready`), so apps below it in the layers can ask
without knowing it. A check takes the words of many children at once and answers in one query::

    def check(texts: dict[int, dict[key, str]]) -> dict[int, dict[key, list[str]]]: ...

(The plan's actions have their own registry of the same kind, `plans.undermining`.)
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

TextsByChild = dict[int, dict[Hashable, str]]
Check = Callable[[TextsByChild], dict[int, dict[Hashable, list[str]]]]

CHECKS: list[Check] = []


def register(check: Check) -> Check:
    """Add a check (once)."""
    if check not in CHECKS:
        CHECKS.append(check)
    return check


def warnings_for(texts: TextsByChild) -> dict[int, dict[Hashable, list[str]]]:
    """Every check's warnings, by child and key; keys with no warnings are left out."""
    texts = {
        child: {k: t for k, t in words.items() if t and t.strip()} for child, words in texts.items()
    }
    texts = {child: words for child, words in texts.items() if words}
    found: dict[int, dict[Hashable, list[str]]] = {}
    if not texts:
        return found
    for check in list(CHECKS):
        for child_id, by_key in (check(texts) or {}).items():
            for key, messages in by_key.items():
                if child_id in texts and key in texts[child_id] and messages:
                    found.setdefault(child_id, {}).setdefault(key, []).extend(map(str, messages))
    return found


def warnings_about(child, texts: dict[Hashable, str]) -> dict[Hashable, list[str]]:
    """The warnings for one child's words, by key."""
    return warnings_for({child.pk: texts}).get(child.pk, {})
