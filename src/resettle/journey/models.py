"""The child's journey: touchpoints due by legal status, meetings and contacts, snakes and ladders.

Touchpoint rules are configuration (docs/domain.md, section 3: defaults, changed in the admin). A
touchpoint is made for a child when a legal status is recorded, and a meeting of the matching kind
completes it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from resettle.children.models import KeptWithService, LegalStatus
from resettle.core.dates import today
from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, across


class MeetingKind(models.TextChoices):
    INITIAL_PLANNING = "initial_planning", _("Initial planning meeting")
    REVIEW = "review", _("Review meeting")
    RELEASE_PREPARATION = "release_preparation", _("Release preparation meeting")
    RELEASE_DAY = "release_day", _("Contact on release day")
    POST_RELEASE_REVIEW = "post_release_review", _("Post-release review")
    SUPERVISION = "supervision", _("Supervision session")
    CUSTODY_VISIT = "custody_visit", _("Visit in custody")
    CALL = "call", _("Phone call")
    VIDEO = "video", _("Video call")


class Anchor(models.TextChoices):
    AFTER_START = "after_start", _("Working days after the legal status starts")
    BEFORE_RELEASE = "before_release", _("Working days before the expected release date")


class MetBy(models.TextChoices):
    """What meets a touchpoint: one of the facts of the child's record (docs/domain.md, 8)."""

    MEETING = "meeting", _("A meeting of the kind chosen below")
    FOUR_QUESTIONS = "four_questions", _("A conversation recording the four key questions")
    FAMILY_CONTACT = "family_contact", _("A meeting or contact the child's family took part in")
    EARLY_PLAN = "early_plan", _("A plan with at least one action")
    ACCOMMODATION = "accommodation", _("Accommodation confirmed on the release checklist")
    BY_HAND = "by_hand", _("Marked as done by hand")


class TouchpointRule(models.Model):
    """When a touchpoint falls due, and what completes it. Configuration, not a personal record."""

    name = models.CharField(_("name"), max_length=200)
    triggers = models.JSONField(
        _("legal statuses that start it"),
        default=list,
        help_text=_("A touchpoint is made when one of these legal statuses is recorded"),
    )
    anchor = models.CharField(_("counted from"), max_length=20, choices=Anchor.choices)
    working_days = models.PositiveSmallIntegerField(
        _("working days"), help_text=_("Weekends and England and Wales bank holidays are skipped")
    )
    completed_by = models.CharField(
        _("kind of meeting that meets it"),
        max_length=30,
        choices=MeetingKind.choices,
        blank=True,
        help_text=_("When it is met by a meeting: which kind"),
    )
    met_by = models.CharField(
        _("met by"),
        max_length=30,
        choices=MetBy.choices,
        default=MetBy.BY_HAND,
        help_text=_(
            "The record that meets it, found automatically. For a meeting, choose its kind too."
        ),
    )
    repeats = models.BooleanField(
        _("repeats"),
        default=False,
        help_text=_("When done, the next one falls due the same number of working days later"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("touchpoint rule")
        verbose_name_plural = _("touchpoint rules")

    def __str__(self) -> str:
        return self.name

    def trigger_labels(self) -> list[str]:
        labels = dict(LegalStatus.choices)
        return [str(labels.get(t, t)) for t in self.triggers]


class TouchpointStatus(models.TextChoices):
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    DONE = "done", _("Done")
    MISSED = "missed", _("Missed")
    NOT_NEEDED = "not_needed", _("No longer needed")


class Touchpoint(TrackedModel):
    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="touchpoints"
    )
    rule = models.ForeignKey(
        TouchpointRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("touchpoint"), max_length=200)
    due_on = models.DateField(_("due by"))
    completed_on = models.DateField(_("done on"), null=True, blank=True)
    completed_by_meeting = models.ForeignKey(
        "journey.Meeting",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="completed_touchpoints",
    )
    episode = models.ForeignKey(
        "children.LegalStatusEpisode",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="touchpoints",
        verbose_name=_("made for the legal status"),
    )
    # A later legal status replaced the one this touchpoint was made for: its stage ended.
    superseded_on = models.DateField(_("replaced on"), null=True, blank=True)
    # What met it (journey.touchpoints keeps these current from the record; docs/domain.md, 8):
    # the kind of record (a MetBy value) and its public id. Marked by hand only for rules met
    # by hand.
    met_by_kind = models.CharField(max_length=30, blank=True)
    met_by_ref = models.UUIDField(null=True, blank=True)

    objects = ChildScopedManager()
    across_children = across()

    class Meta:
        default_manager_name = "across_children"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["child", "due_on"], name="touchpoint_child_due_idx"),
            # The open touchpoints by due date (My week): a small part of a large table.
            models.Index(
                fields=["due_on", "child"],
                name="touchpoint_open_due_idx",
                condition=models.Q(completed_on__isnull=True, superseded_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} by {self.due_on}"

    @property
    def is_open(self) -> bool:
        return self.completed_on is None and self.superseded_on is None

    @property
    def done_late(self) -> bool:
        """Met, but after its deadline."""
        return self.completed_on is not None and self.completed_on > self.due_on

    @property
    def met_by(self) -> str:
        if self.rule is None:
            return MetBy.BY_HAND
        return self.rule.met_by

    def status_on(self, on: date) -> str:
        if self.completed_on is not None:
            return TouchpointStatus.DONE
        if self.superseded_on is not None:
            missed = self.due_on < self.superseded_on
            return TouchpointStatus.MISSED if missed else TouchpointStatus.NOT_NEEDED
        return TouchpointStatus.OVERDUE if self.due_on < on else TouchpointStatus.DUE

    @property
    def status(self) -> str:
        return self.status_on(today())

    @property
    def status_label(self) -> str:
        return str(TouchpointStatus(self.status).label)


class OpenTouchpoint(KeptWithService):
    """Each open touchpoint (neither met nor replaced), kept with its child, the child's owning
    service and its due date, so that a whole service's My week reads its first few from an index
    in due-date order rather than every open touchpoint of thousands of children: see
    `journey/open_touchpoints.py`.

    Derived data, never edited: a row exists exactly while its touchpoint is open, and every change
    to touchpoints (each save, and the journey's own bulk changes) or to a child's owning service
    keeps it right, in the same transaction."""

    touchpoint = models.OneToOneField(
        Touchpoint, on_delete=models.CASCADE, primary_key=True, related_name="kept_open"
    )
    due_on = models.DateField()

    class Meta:
        default_manager_name = "across_children"
        indexes = [
            # A service's own children's open touchpoints, soonest first (My week, whole service).
            models.Index(
                fields=["service", "due_on", "touchpoint"], name="open_touchpoint_service_idx"
            ),
            # A few children's (those shared with a service).
            models.Index(fields=["child", "due_on"], name="open_touchpoint_child_idx"),
        ]


class Meeting(TrackedModel):
    """A meeting or contact with or about the child, who was there, and what was decided."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=30, choices=MeetingKind.choices)
    held_on = models.DateField(_("date"))
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("people")
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("organisations")
    )
    child_attended = models.BooleanField(_("the child took part"), default=False)
    family_attended = models.BooleanField(_("family took part"), default=False)
    other_attendees = models.TextField(_("others who took part"), blank=True)
    four_questions_revisited = models.BooleanField(
        _("the four questions were revisited"), default=False
    )
    voice_entry = models.ForeignKey(
        "voice.VoiceEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings",
        verbose_name=_("what the child said"),
    )
    decisions = models.TextField(_("decisions"), blank=True)
    actions = models.ManyToManyField(
        "plans.PlanAction", blank=True, related_name="meetings", verbose_name=_("actions added")
    )

    objects = ChildScopedManager()
    across_children = across()

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["child", "-held_on"], name="meeting_child_held_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"


class EventKind(models.TextChoices):
    LADDER = "ladder", _("Progress (a ladder)")
    SNAKE = "snake", _("Setback (a snake)")


class JourneyEvent(TrackedModel):
    """A step forward (ladder) or a setback (snake) on the child's journey."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="journey_events"
    )
    kind = models.CharField(_("progress or setback"), max_length=10, choices=EventKind.choices)
    happened_on = models.DateField(_("when it happened"))
    pathway = models.ForeignKey(
        "plans.Pathway",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("pathway"),
    )
    what_happened = models.TextField(_("what happened"))
    childs_view = models.TextField(_("what the child said about it"), blank=True)

    objects = ChildScopedManager()
    across_children = across()

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-happened_on", "-id"]
        indexes = [models.Index(fields=["child", "-happened_on"], name="journey_event_child_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.happened_on}"

    @property
    def is_snake(self) -> bool:
        return self.kind == EventKind.SNAKE


class SetbackResponse(TrackedModel):
    """How the team responded to a setback, and how it was talked through with the child."""

    event = models.OneToOneField(JourneyEvent, on_delete=models.CASCADE, related_name="response")
    what_led_to_it = models.TextField(_("what led to it"))
    plan_changes = models.TextField(_("what changes in the plan"))
    talked_through_as_temporary = models.TextField(
        _("how it was talked through with the child as temporary")
    )
    talked_on = models.DateField(_("when it was talked through"), null=True, blank=True)

    objects = ChildScopedManager(child_path="event__child")
    across_children = across()

    class Meta:
        default_manager_name = "across_children"

    def __str__(self) -> str:
        return f"Response to {self.event}"
