"""Synthetic demo knowledge hub: questions (answered, published and open), training modules and
who completed them, and a what's new note. Everything is invented; no question names a child.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone
from faker import Faker

from resettle.accounts.models import User
from resettle.core.dates import today
from resettle.knowledge.models import (
    Question,
    ReleaseNote,
    TrainingCompletion,
    TrainingModule,
)
from resettle.knowledge.services import ensure_starter_guidance
from resettle.knowledge.training import add_months

# (name, provider, what it covers, valid for months)
MODULES = [
    (
        "Constructive resettlement: the basics",
        "London Resettlement Partnership (demo)",
        "The four key questions, identity shift, personal and structural support, the 5Cs.",
        24,
    ),
    (
        "Trauma-informed practice",
        "North London CAMHS (demo)",
        "How trauma shows up in children in the justice system, and how to respond.",
        36,
    ),
    (
        "Working with children on remand",
        "London Resettlement Partnership (demo)",
        "Planning from the first day of remand; looked-after status; release at short notice.",
        12,
    ),
    (
        "Speech, language and communication needs",
        "Skills for Tomorrow College (demo)",
        "Spotting communication needs and adapting conversations and plans.",
        None,
    ),
]

# (asker's email, question, answer or "", published wording or "")
QUESTIONS = [
    (
        "caseworker@camden.example",
        "How soon after a child is remanded should the first planning meeting be?",
        "Treat remand like a sentence: hold the initial planning meeting within **10 working "
        "days** and review regularly. Plan for release at any time, because remanded children "
        "can be released with little notice.",
        "How soon after remand should the first planning meeting be?",
    ),
    (
        "practitioner@feltham.example",
        "Who should tell a child about their plan B for accommodation?",
        "Usually the lead practitioner, with the secure establishment's practitioner there if "
        "possible. Record the date the child was told on the contingency plan.",
        "Who tells a child about their plan B?",
    ),
    (
        "caseworker@hackney.example",
        "Can a child's four-question answers be summarised if they talk for a long time?",
        "Yes, but say so: mark the entry as summarised by the practitioner, and keep the "
        "child's key phrases in their own words.",
        "",
    ),
    (
        "caseworker@camden.example",
        "Is there a good way to ask 'who do you want to be?' to a child who shuts down?",
        "",
        "",
    ),
    (
        "partner@camden-social-care.example",
        "What does social care need to do when a child on remand becomes looked after?",
        "",
        "",
    ),
]


def _person(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def load_knowledge(fake: Faker, rng: random.Random) -> None:
    ensure_starter_guidance()
    lead = _person("lead@partnership.example")
    now = timezone.now()
    for days, (email, text, answer, wording) in zip((30, 21, 12, 5, 2), QUESTIONS, strict=True):
        asker = _person(email)
        if asker is None or Question.objects.filter(text=text).exists():
            continue
        question = Question.objects.create(
            text=text, asked_by=asker, owner=lead if answer else None
        )
        asked = now - timedelta(days=days)
        status = "published" if wording else "answered" if answer else "open"
        Question.objects.filter(pk=question.pk).update(
            created_at=asked,
            status=status,
            answer=answer,
            answered_at=asked + timedelta(days=2) if answer else None,
            answered_by=lead if answer else None,
            faq_question=wording,
            published_at=asked + timedelta(days=3) if wording else None,
        )
        question.refresh_from_db()
        question.save()  # keeps the search text up to date on PostgreSQL
    modules = []
    for name, provider, covers, months in MODULES:
        module, _created = TrainingModule.objects.get_or_create(
            name=name, defaults={"provider": provider, "covers": covers, "valid_for_months": months}
        )
        modules.append(module)
    staff = User.objects.filter(
        role__in=["case_worker", "yjs_manager", "secure_practitioner", "partner_practitioner"],
        is_active=True,
    ).order_by("id")
    completions = []
    if TrainingCompletion.objects.exists():
        staff = staff.none()  # loaded before: add nothing twice
    for person in staff:
        for module in modules:
            if rng.random() < 0.45:
                continue
            # Some long ago (so due to renew or expired), most in the last year.
            done = today() - timedelta(days=rng.choice([20, 90, 200, 330, 400, 700, 1000]))
            months = module.valid_for_months
            completions.append(
                TrainingCompletion(
                    user=person,
                    module=module,
                    completed_on=done,
                    expires_on=add_months(done, months) if months else None,
                    evidence=rng.choice(["", "Certificate on file", "Attended in person"]),
                    created_by=person,
                    changed_by=person,
                )
            )
    TrainingCompletion.objects.bulk_create(completions, batch_size=500)
    if not ReleaseNote.objects.exists():
        ReleaseNote.objects.create(
            title="Guidance, questions and training are here",
            body="Open **Guidance** in the menu to read about the constructive way of working, "
            "ask the partnership a question, and record your training. Pages of a child's record "
            "now link to the guidance for what they ask.",
            published_at=now,
        )
