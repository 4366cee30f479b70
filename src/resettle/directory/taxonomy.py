"""The Resettle taxonomy: how a service in the directory maps to the plan.

HSDS classifies a service by linking it (an `attribute`) to terms of a taxonomy. Resettle's own
taxonomy has two branches:

* **pathway**: one term per resettlement pathway of the plan. A term's `code` is the pathway's
  slug in the plans app (`plans.defaults`), so a plan action on a pathway can later be offered the
  services on it. The directory sits below the plans app and never imports it: the mapping is
  data, here.
* **support**: structural or personal support (docs/domain.md, the framework).

Ids are fixed (UUID 5 from a name), so the same term has the same id in every installation and in
every export: a directory fed from ours can filter on `taxonomy_term_id`. `ensure_taxonomy()` puts
the taxonomy and its terms back when they are missing (a data migration, the demo, tests).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction

from .models import Taxonomy, TaxonomyTerm

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "resettle:directory")
TAXONOMY_ID = uuid.uuid5(NAMESPACE, "taxonomy/resettle")
TAXONOMY_NAME = "Resettle menu of support"
TAXONOMY_DESCRIPTION = (
    "Resettlement pathways and kinds of support used by Resettle, the constructive resettlement "
    "service for children leaving custody."
)
TAXONOMY_VERSION = "1"

PATHWAY, SUPPORT = "pathway", "support"
STRUCTURAL, PERSONAL = "structural", "personal"


@dataclass(frozen=True)
class Term:
    branch: str
    code: str
    name: str
    description: str

    @property
    def id(self) -> uuid.UUID:
        return term_id(self.branch, self.code)


def term_id(branch: str, code: str = "") -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"term/{branch}/{code}" if code else f"term/{branch}")


BRANCHES = {
    PATHWAY: ("Resettlement pathway", "The pathway of the child's plan the service supports."),
    SUPPORT: ("Kind of support", "Structural support (a bed, a place, a doctor) or personal."),
}

PATHWAYS: list[Term] = [
    Term(PATHWAY, "accommodation", "Accommodation", "Somewhere safe and settled to live."),
    Term(PATHWAY, "ete", "Education, training and employment", "School, college, training, work."),
    Term(
        PATHWAY,
        "health",
        "Health",
        "Physical and mental health, and speech, language and communication.",
    ),
    Term(PATHWAY, "substance-misuse", "Substance misuse", "Help with drugs and alcohol."),
    Term(PATHWAY, "families", "Families and relationships", "Family, carers and relationships."),
    Term(PATHWAY, "finance", "Finance, benefits and debt", "Money, benefits, ID and debt."),
    Term(
        PATHWAY,
        "case-management",
        "Case management and transitions",
        "Moving between services, and on to adult services.",
    ),
]
SUPPORT_KINDS: list[Term] = [
    Term(SUPPORT, STRUCTURAL, "Structural support", "Practical things: a bed, a place, a doctor."),
    Term(
        SUPPORT,
        PERSONAL,
        "Personal support",
        "Help towards who the child wants to be: a mentor, a trusted adult, an activity.",
    ),
]
TERMS: list[Term] = [*PATHWAYS, *SUPPORT_KINDS]
PATHWAY_NAMES = {term.code: term.name for term in PATHWAYS}
SUPPORT_NAMES = {term.code: term.name for term in SUPPORT_KINDS}


def pathway_choices() -> list[tuple[str, str]]:
    return [(term.code, term.name) for term in PATHWAYS]


def support_choices() -> list[tuple[str, str]]:
    return [(term.code, term.name) for term in SUPPORT_KINDS]


@transaction.atomic
def ensure_taxonomy() -> None:
    """Put back the Resettle taxonomy and any missing term; never change ones that exist."""
    taxonomy, _made = Taxonomy.objects.get_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": TAXONOMY_NAME,
            "description": TAXONOMY_DESCRIPTION,
            "version": TAXONOMY_VERSION,
        },
    )
    parents = {}
    for branch, (name, description) in BRANCHES.items():
        parents[branch], _made = TaxonomyTerm.objects.get_or_create(
            id=term_id(branch),
            defaults={
                "code": branch,
                "name": name,
                "description": description,
                "taxonomy": taxonomy,
                "taxonomy_name": TAXONOMY_NAME,
            },
        )
    for term in TERMS:
        TaxonomyTerm.objects.get_or_create(
            id=term.id,
            defaults={
                "code": term.code,
                "name": term.name,
                "description": term.description,
                "parent": parents[term.branch],
                "taxonomy": taxonomy,
                "taxonomy_name": TAXONOMY_NAME,
            },
        )


def terms_by_code(branch: str) -> dict[str, uuid.UUID]:
    """The ids of a branch's terms, by code."""
    return {term.code: term.id for term in TERMS if term.branch == branch}
