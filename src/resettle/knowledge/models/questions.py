"""Questions practitioners ask, the answers partnership leads (and experts they name) give, and
the frequently asked questions those answers become.

A question is seen by its asker and the answerers until it is published; a published question is
read by everyone signed in, without the asker's name. A question should not identify a child:
the asker is warned (`identifying.py`) and a reviewer may redact it. Questions keep no version
history, so redacted words are gone.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resettle.core.models import TrackedModel

MAX_QUESTION = 2_000
MAX_ANSWER = 10_000
MAX_FAQ_QUESTION = 500


class QuestionQuerySet(models.QuerySet):
    def published(self) -> QuestionQuerySet:
        return self.filter(status=Question.Status.PUBLISHED)

    def open(self) -> QuestionQuerySet:
        return self.filter(status=Question.Status.OPEN)


class Question(TrackedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Published")

    # Why a question may identify a child (codes only: never the words that matched).
    class Flag(models.TextChoices):
        NAME = "name", _("the name of a child you work with")
        DATE = "date", _("a date that could be a date of birth")
        REFERENCE = "reference", _("a reference number")

    text = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="knowledge_questions",
        verbose_name=_("asked by"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    flags = models.JSONField(_("may identify a child"), default=list, blank=True)
    redacted_at = models.DateTimeField(null=True, blank=True)
    redacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When the asker last opened the question after it was answered: "new answer" until then.
    answer_seen_at = models.DateTimeField(null=True, blank=True)
    faq_question = models.CharField(
        _("question in the FAQ"), max_length=MAX_FAQ_QUESTION, blank=True
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # Filled on PostgreSQL only (receivers.py).
    search_vector = SearchVectorField(null=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("question")
        indexes = [
            models.Index(fields=["status", "created_at"], name="knowledge_question_status_idx"),
            models.Index(fields=["asked_by", "-created_at"], name="knowledge_question_asker_idx"),
        ]

    def __str__(self) -> str:
        return f"Question {self.public_id}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def has_new_answer(self) -> bool:
        return self.answered_at is not None and (
            self.answer_seen_at is None or self.answer_seen_at < self.answered_at
        )

    @property
    def flag_labels(self) -> list[str]:
        labels = dict(self.Flag.choices)
        return [str(labels[f]) for f in self.flags if f in labels]

    @property
    def age_in_days(self) -> int:
        return (timezone.localdate() - timezone.localdate(self.created_at)).days

    @property
    def faq_wording(self) -> str:
        return self.faq_question or self.text


class Expert(models.Model):
    """A practitioner a partnership lead has named to answer questions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="knowledge_expert",
        verbose_name=_("practitioner"),
    )
    topics = models.CharField(_("what they know about"), max_length=200, blank=True)
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    named_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user__full_name"]
        verbose_name = _("expert")

    def __str__(self) -> str:
        return str(self.user)
