"""The 5Cs (docs/domain.md): a plan and the practice around it should be constructive, co-created,
customised, consistent and coordinated.

Resettle computes a check from the data (see `indicators.py`); it is a prompt for practice, not a
grade of the child. A manager of the owning service also records their own audit of the plan, kept
over time: `PlanAudit`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, ChildScopedQuerySet, across


class Rating(models.TextChoices):
    """How far a C (or one of its indicators) is met: by the computed check or by a manager."""

    MET = "met", _("Met")
    PARTLY = "partly", _("Partly")
    NOT_YET = "not_yet", _("Not yet")


# The five Cs in the framework's order: (key, name, what it means).
FIVE_CS: list[tuple[str, str, str]] = [
    ("constructive", _("Constructive"), _("Future-focused, strengths-based and motivating")),
    ("co_created", _("Co-created"), _("Made with the child, their family and supporters")),
    ("customised", _("Customised"), _("Fits this child and their diversity")),
    (
        "consistent",
        _("Consistent"),
        _("A resettlement focus from day one, seamless, with stable relationships"),
    ),
    (
        "coordinated",
        _("Coordinated"),
        _("A managed partnership of agencies, brokered by the lead practitioner"),
    ),
]
C_KEYS: tuple[str, ...] = tuple(key for key, _name, _meaning in FIVE_CS)


RATING_LENGTH = 10


class PlanAuditQuerySet(ChildScopedQuerySet):
    def for_page(self) -> PlanAuditQuerySet:
        return self.select_related("audited_by", "audited_by__organisation").order_by(
            "-audited_on", "-id"
        )


class PlanAudit(TrackedModel):
    """A manager's own 5Cs audit of a child's plan, on one date. Each audit is a new row."""

    child = models.ForeignKey(
        "children.Child",
        on_delete=models.CASCADE,
        related_name="plan_audits",
        verbose_name=_("child"),
    )
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="plan_audits_made",
        verbose_name=_("audited by"),
    )
    audited_on = models.DateField(_("date of the audit"))

    constructive_rating = models.CharField(
        _("Constructive: rating"), max_length=RATING_LENGTH, choices=Rating.choices
    )
    constructive_comment = models.TextField(_("Constructive: comments"), blank=True)
    co_created_rating = models.CharField(
        _("Co-created: rating"), max_length=RATING_LENGTH, choices=Rating.choices
    )
    co_created_comment = models.TextField(_("Co-created: comments"), blank=True)
    customised_rating = models.CharField(
        _("Customised: rating"), max_length=RATING_LENGTH, choices=Rating.choices
    )
    customised_comment = models.TextField(_("Customised: comments"), blank=True)
    consistent_rating = models.CharField(
        _("Consistent: rating"), max_length=RATING_LENGTH, choices=Rating.choices
    )
    consistent_comment = models.TextField(_("Consistent: comments"), blank=True)
    coordinated_rating = models.CharField(
        _("Coordinated: rating"), max_length=RATING_LENGTH, choices=Rating.choices
    )
    coordinated_comment = models.TextField(_("Coordinated: comments"), blank=True)
    overall_comment = models.TextField(_("overall comments"), blank=True)

    objects = ChildScopedManager(queryset_class=PlanAuditQuerySet)
    across_children = across(PlanAuditQuerySet)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-audited_on", "-id"]
        verbose_name = _("5Cs audit")
        verbose_name_plural = _("5Cs audits")
        indexes = [models.Index(fields=["child", "-audited_on"], name="plan_audit_child_idx")]

    def __str__(self) -> str:
        return f"5Cs audit on {self.audited_on}"

    @property
    def ratings(self) -> list[dict]:
        """The five Cs in order: key, name, rating (a Rating), its label and the comments."""
        rows = []
        for key, name, _meaning in FIVE_CS:
            value = getattr(self, f"{key}_rating")
            rows.append(
                {
                    "key": key,
                    "name": name,
                    "rating": value,
                    "label": Rating(value).label if value in Rating.values else value,
                    "comment": getattr(self, f"{key}_comment"),
                }
            )
        return rows


class KeptRating(models.Model):
    """The light 5Cs rating of one child (which Cs are met), kept for lists: see `quality/kept.py`.

    Derived data, never edited: a change to anything the 5Cs check reads about the child marks it
    out of date (a new `generation`), and the next list that shows the child rates it again. A
    rating made on an earlier day is out of date too, because the check reads today's date."""

    # No database constraint: a rating may be marked while the child's records are being deleted
    # (their deletions mark it), so the child's own deletion removes it last (`receivers.py`).
    child = models.OneToOneField(
        "children.Child",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    # One letter per C in the framework's order: m met, p partly, n not yet, - nothing to rate.
    statuses = models.CharField(max_length=len(FIVE_CS), blank=True)
    rated_on = models.DateField(null=True)
    # Changed (to a new random number) whenever the child's record changes; a rating is written
    # back only if the generation it was made from is still current, so a rating made from the
    # record as it was before a change can never overwrite the change's mark.
    generation = models.BigIntegerField(default=0)
    # Each indicator's finding, for the plan page's summary (what is not met yet, and where to put
    # it right): [C, indicator, status letter, fix link, what the link needs], in the check's
    # order. Kept only when the full check was worked out the same day; empty otherwise.
    findings = models.JSONField(null=True)

    objects = ChildScopedManager()
    across_children = across()

    class Meta:
        default_manager_name = "across_children"

    def __str__(self) -> str:
        return f"{self.statuses or '?'} on {self.rated_on}"
