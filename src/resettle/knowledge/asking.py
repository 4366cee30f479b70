"""Ask a question: practitioners ask; partnership leads and the experts they name answer, redact,
assign and publish to the FAQ; the asker is told when their question is answered.

`verb(actor, question, **values)`, like every service: each checks its own rule in access.policy,
raises DomainError, saves in one transaction and writes the audit entry. Audit entries and emails
carry the question's id, never its words (which may identify a child until a reviewer redacts).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from resettle.access import policy
from resettle.accounts.models import Role, User
from resettle.audit.actors import Actor
from resettle.audit.services import record
from resettle.core.errors import DomainError

from .identifying import identifying_flags
from .models import MAX_ANSWER, MAX_FAQ_QUESTION, MAX_QUESTION, Expert, Question


def is_expert(user: User | None) -> bool:
    return bool(user and user.is_authenticated and Expert.objects.filter(user=user).exists())


def can_answer(user: User | None) -> bool:
    return policy.can_answer_questions(user, named_expert=is_expert(user))


def can_see(user: User | None, question: Question) -> bool:
    if question.is_published or question.asked_by_id == getattr(user, "pk", None):
        return policy.can_see_question(user, question)
    return policy.can_see_question(user, question, named_expert=is_expert(user))


def answerers() -> QuerySet:
    """The people who may answer: active partnership leads and named experts."""
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(role=Role.PARTNERSHIP_LEAD)
            | Q(knowledge_expert__isnull=False, role__in=list(policy.CHILD_ROLES))
        )
        .select_related("organisation")
        .order_by("full_name")
    )


def _require_answerer(actor: Actor) -> None:
    policy.require(
        can_answer(actor.user),
        _("Only partnership leads and the experts they name answer questions."),
    )


def _text(value: str, field: str, limit: int, empty: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(empty, field=field)
    if len(value) > limit:
        raise DomainError(
            _("This must be %(limit)s characters or fewer") % {"limit": limit}, field=field
        )
    return value


def flag_message(flags: list[str]) -> str:
    labels = dict(Question.Flag.choices)
    found = _(" and ").join(str(labels[f]) for f in flags)
    return _(
        "Your question may identify a child: it seems to contain %(found)s. Remove anything that "
        "could identify a child, or confirm that it does not."
    ) % {"found": found}


@transaction.atomic
def ask_question(actor: Actor, *, text: str, confirmed: bool = False) -> Question:
    """Ask. A question that looks as if it identifies a child is refused with a warning until the
    asker changes it or confirms it does not; a confirmed one is marked for a reviewer."""
    user = actor.user
    policy.require(policy.can_ask_question(user), _("Only practitioners ask questions here."))
    text = _text(text, "text", MAX_QUESTION, _("Enter your question"))
    flags = identifying_flags(text, user)
    if flags and not confirmed:
        raise DomainError(
            {
                "text": flag_message(flags),
                "confirm": _("Confirm that your question does not identify a child"),
            }
        )
    question = Question.objects.create(
        text=text, asked_by=user, flags=flags, created_by=user, changed_by=user
    )
    record(actor, "guidance.question_asked", question=str(question.public_id), flags=flags)
    return question


@transaction.atomic
def redact_question(actor: Actor, question: Question, *, text: str) -> Question:
    """Rewrite a question without what identifies a child. The words taken out are not kept."""
    _require_answerer(actor)
    text = _text(text, "text", MAX_QUESTION, _("Enter the question"))
    flags = identifying_flags(text, actor.user)
    if flags:
        raise DomainError(flag_message(flags), field="text")
    question.text = text
    question.flags = []
    question.redacted_at = timezone.now()
    question.redacted_by = actor.user
    question.changed_by = actor.user
    question.save()
    record(actor, "guidance.question_redacted", question=str(question.public_id))
    return question


@transaction.atomic
def assign_question(actor: Actor, question: Question, *, owner: User | None) -> Question:
    """Give the question an owner who will answer it (or none)."""
    _require_answerer(actor)
    if owner is not None and not answerers().filter(pk=owner.pk).exists():
        raise DomainError(_("Choose a partnership lead or a named expert"), field="owner")
    question.owner = owner
    question.changed_by = actor.user
    question.save(update_fields=["owner", "changed_by", "changed_at"])
    record(
        actor,
        "guidance.question_assigned",
        question=str(question.public_id),
        owner=str(owner.public_id) if owner else "",
    )
    return question


def _tell_the_asker(question: Question) -> None:
    asker = question.asked_by
    if asker is None or not asker.is_active or not asker.email:
        return
    link = settings.SITE_URL.rstrip("/") + reverse("knowledge:question", args=[question.public_id])
    send_mail(
        _("Your question has been answered"),
        _(
            "Your question on Resettle has been answered.\n\nRead the answer: %(link)s\n\n"
            "You can also find it under Guidance, Your questions."
        )
        % {"link": link},
        None,
        [asker.email],
        fail_silently=True,  # the answer is on the site whatever the mail server says
    )


@transaction.atomic
def answer_question(actor: Actor, question: Question, *, answer: str) -> Question:
    """Answer (or change the answer to) a question; the asker is told by email and on the site."""
    _require_answerer(actor)
    answer = _text(answer, "answer", MAX_ANSWER, _("Write the answer"))
    question.answer = answer
    question.answered_at = timezone.now()
    question.answered_by = actor.user
    if question.status == Question.Status.OPEN:
        question.status = Question.Status.ANSWERED
    if question.owner_id is None:
        question.owner = actor.user
    question.changed_by = actor.user
    question.save()
    record(actor, "guidance.question_answered", question=str(question.public_id))
    transaction.on_commit(lambda: _tell_the_asker(question))
    return question


@transaction.atomic
def publish_question(actor: Actor, question: Question, *, faq_question: str) -> Question:
    """Publish an answered question to the FAQ, in the given wording, without the asker's name."""
    _require_answerer(actor)
    if question.status == Question.Status.OPEN:
        raise DomainError(_("Answer the question before you publish it"))
    wording = _text(faq_question, "faq_question", MAX_FAQ_QUESTION, _("Enter the question"))
    flags = identifying_flags(wording, actor.user)
    if flags:
        raise DomainError(flag_message(flags), field="faq_question")
    question.faq_question = wording
    question.status = Question.Status.PUBLISHED
    question.published_at = question.published_at or timezone.now()
    question.changed_by = actor.user
    question.save()
    record(actor, "guidance.question_published", question=str(question.public_id))
    return question


def see_answer(actor: Actor, question: Question) -> None:
    """The asker has read the answer: it is no longer new to them. Not audited (their own)."""
    if question.asked_by_id == actor.user.pk and question.has_new_answer:
        question.answer_seen_at = timezone.now()
        question.save(update_fields=["answer_seen_at"])


@transaction.atomic
def name_expert(actor: Actor, *, email: str, topics: str = "") -> Expert:
    """Name a practitioner who may answer questions."""
    policy.require(policy.can_name_experts(actor.user), _("Only partnership leads name experts."))
    email = (email or "").strip().lower()
    topics = (topics or "").strip()
    if len(topics) > 200:
        raise DomainError(_("This must be 200 characters or fewer"), field="topics")
    person = User.objects.filter(
        email__iexact=email, is_active=True, role__in=list(policy.CHILD_ROLES)
    ).first()
    if not email:
        raise DomainError(_("Enter the practitioner's email address"), field="email")
    if person is None:
        raise DomainError(_("There is no practitioner with that email address"), field="email")
    expert, _created = Expert.objects.update_or_create(
        user=person, defaults={"topics": topics, "named_by": actor.user}
    )
    record(actor, "guidance.expert_named", person=str(person.public_id))
    return expert


@transaction.atomic
def remove_expert(actor: Actor, expert: Expert) -> None:
    policy.require(policy.can_name_experts(actor.user), _("Only partnership leads name experts."))
    person = expert.user
    expert.delete()
    Question.objects.filter(owner=person).exclude(status=Question.Status.PUBLISHED).update(
        owner=None
    )
    record(actor, "guidance.expert_removed", person=str(person.public_id))
