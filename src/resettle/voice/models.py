"""The child's voice: their answers to the four key questions, in their own words, over time.

"Led by the child" (docs/domain.md): what the child says about who they are and who they want to be
is stored as they said it (outer spaces aside, never changed or paraphrased), dated, with who
recorded it and in what conversation. Each conversation is a new entry, so the answers over time
are the record of the child's identity shift.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, ChildScopedQuerySet, across

# The four key questions, in the order they are asked: (field, question).
QUESTIONS: list[tuple[str, str]] = [
    ("who_are_you", _("Who are you?")),
    ("who_do_you_want_to_be", _("Who do you want to be?")),
    ("strengths_in_own_words", _("What are your strengths?")),
    ("how_to_get_there", _("How are you going to get there?")),
]
ANSWER_FIELDS: tuple[str, ...] = tuple(field for field, _question in QUESTIONS)

RATING_MIN = 1
RATING_MAX = 10


class Strength(models.Model):
    """One strength a child may pick from a list, in words a child would use.

    The list is configuration: administrators add, reorder and retire strengths in the admin. A
    retired strength stays on the entries that chose it.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Untick to stop offering this strength")
    )
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("strength")
        verbose_name_plural = _("strengths")

    def __str__(self) -> str:
        return self.name


class Conversation(models.TextChoices):
    MEETING = "meeting", _("A planning or review meeting")
    CUSTODY_VISIT = "custody_visit", _("A visit in custody")
    CALL = "call", _("A phone call")
    VIDEO = "video", _("A video call")
    CHILD_MODE = "child_mode", _("Typed by the child in child mode")
    OTHER = "other", _("Another conversation")


class WordsAre(models.TextChoices):
    VERBATIM = "verbatim", _("The child's own words")
    SUMMARISED = "summarised", _("Summarised by the practitioner")


class VoiceEntryQuerySet(ChildScopedQuerySet):
    def for_page(self) -> VoiceEntryQuerySet:
        """Everything the voice pages show, in a fixed number of queries, newest first."""
        return (
            self.select_related("recorded_by")
            .prefetch_related(
                models.Prefetch("strengths", queryset=Strength.objects.order_by("order", "name"))
            )
            .order_by("-recorded_on", "-id")
        )


class VoiceEntry(TrackedModel):
    """What the child said in one conversation about the four key questions."""

    child = models.ForeignKey(
        "children.Child",
        on_delete=models.CASCADE,
        related_name="voice_entries",
        verbose_name=_("child"),
    )
    recorded_on = models.DateField(_("date of the conversation"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="voice_entries_recorded",
        verbose_name=_("recorded by"),
    )
    conversation = models.CharField(_("conversation"), max_length=20, choices=Conversation.choices)
    who_are_you = models.TextField(_("who are you?"), blank=True)
    who_do_you_want_to_be = models.TextField(_("who do you want to be?"), blank=True)
    strengths_in_own_words = models.TextField(
        _("what are your strengths? (in their own words)"), blank=True
    )
    how_to_get_there = models.TextField(_("how are you going to get there?"), blank=True)
    strengths = models.ManyToManyField(
        Strength, blank=True, related_name="voice_entries", verbose_name=_("strengths chosen")
    )
    words_are = models.CharField(
        _("whose words"), max_length=20, choices=WordsAre.choices, default=WordsAre.VERBATIM
    )
    share_with_partners = models.BooleanField(
        _("the child agreed their words can be shared with partners"), default=False
    )
    self_rating = models.PositiveSmallIntegerField(
        _("how sure do you feel you'll get there?"),
        null=True,
        blank=True,
        validators=[MinValueValidator(RATING_MIN), MaxValueValidator(RATING_MAX)],
        help_text=_("From 1 (not sure at all) to 10 (completely sure)"),
    )
    entered_by_child = models.BooleanField(
        _("typed by the child"),
        default=False,
        help_text=_("True when the child typed the answers themselves in child mode"),
    )

    objects = ChildScopedManager(queryset_class=VoiceEntryQuerySet)
    across_children = across(VoiceEntryQuerySet)
    history = HistoricalRecords(excluded_fields=["changed_at"], m2m_fields=[strengths])

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-recorded_on", "-id"]
        verbose_name = _("voice entry")
        verbose_name_plural = _("voice entries")
        indexes = [models.Index(fields=["child", "-recorded_on"], name="voice_entry_child_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(self_rating__isnull=True)
                | Q(self_rating__gte=RATING_MIN, self_rating__lte=RATING_MAX),
                name="voice_entry_self_rating_1_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_conversation_display()} on {self.recorded_on}"

    @property
    def is_verbatim(self) -> bool:
        return self.words_are == WordsAre.VERBATIM

    @property
    def answers(self) -> list[tuple[str, str]]:
        """(question, answer) for the four key questions, in order."""
        return [(str(question), getattr(self, field)) for field, question in QUESTIONS]
