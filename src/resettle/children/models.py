"""The child: who they are, which service owns their record and who leads their case."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import OuterRef
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.access.policy import scope_children
from resettle.core.dates import age_on, today
from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, ChildScopedQuerySet, across

if TYPE_CHECKING:
    from resettle.accounts.models import User


class Gender(models.TextChoices):
    BOY = "boy", _("Boy or young man")
    GIRL = "girl", _("Girl or young woman")
    NON_BINARY = "non_binary", _("Non-binary")
    SELF_DESCRIBED = "self_described", _("In another way")
    NOT_KNOWN = "not_known", _("Not known")


class Ethnicity(models.TextChoices):
    """The 19 ethnic groups of the 2021 census for England and Wales, plus 'not stated'."""

    ASIAN_BANGLADESHI = "asian_bangladeshi", _("Asian or Asian British: Bangladeshi")
    ASIAN_CHINESE = "asian_chinese", _("Asian or Asian British: Chinese")
    ASIAN_INDIAN = "asian_indian", _("Asian or Asian British: Indian")
    ASIAN_PAKISTANI = "asian_pakistani", _("Asian or Asian British: Pakistani")
    ASIAN_OTHER = "asian_other", _("Asian or Asian British: any other Asian background")
    BLACK_AFRICAN = "black_african", _("Black, Black British, Caribbean or African: African")
    BLACK_CARIBBEAN = "black_caribbean", _("Black, Black British, Caribbean or African: Caribbean")
    BLACK_OTHER = (
        "black_other",
        _("Black, Black British, Caribbean or African: any other Black background"),
    )
    MIXED_WHITE_ASIAN = "mixed_white_asian", _("Mixed or multiple: White and Asian")
    MIXED_WHITE_BLACK_AFRICAN = (
        "mixed_white_black_african",
        _("Mixed or multiple: White and Black African"),
    )
    MIXED_WHITE_BLACK_CARIBBEAN = (
        "mixed_white_black_caribbean",
        _("Mixed or multiple: White and Black Caribbean"),
    )
    MIXED_OTHER = "mixed_other", _("Mixed or multiple: any other mixed background")
    WHITE_BRITISH = "white_british", _("White: English, Welsh, Scottish, Northern Irish or British")
    WHITE_IRISH = "white_irish", _("White: Irish")
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", _("White: Gypsy or Irish Traveller")
    WHITE_ROMA = "white_roma", _("White: Roma")
    WHITE_OTHER = "white_other", _("White: any other White background")
    OTHER_ARAB = "other_arab", _("Other ethnic group: Arab")
    OTHER_ANY = "other_any", _("Other ethnic group: any other ethnic group")
    NOT_STATED = "not_stated", _("Not stated")


class CareStatus(models.TextChoices):
    LOOKED_AFTER = "looked_after", _("Looked after")
    CARE_LEAVER = "care_leaver", _("Care leaver")
    NEITHER = "neither", _("Neither")


@lru_cache(maxsize=32)
def _care_status_labels(language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in CareStatus.choices}


class AtEndOfOrder(models.TextChoices):
    """Whether the child's accommodation, or their education, training or employment, was suitable
    when their order ended (the Youth Justice Board's key performance indicators 1 and 2)."""

    SUITABLE = "suitable", _("Suitable")
    NOT_SUITABLE = "not_suitable", _("Not suitable")


class ChildQuerySet(models.QuerySet["Child"]):
    def visible_to(self, user: User, *, few: bool = False) -> ChildQuerySet:
        """Only the children `user` may see: resettle.access.policy.scope_children decides.
        `few` when the query names one child (or a handful): each is checked as it is read."""
        return scope_children(self, user, few=few)

    def for_caseload(self) -> ChildQuerySet:
        """Everything a caseload row shows, in a fixed number of queries."""
        return self.select_related("lead_practitioner", "owning_service")

    def search(self, text: str) -> ChildQuerySet:
        text = text.strip()
        if not text:
            return self
        query = models.Q()
        for word in text.split():
            query &= (
                models.Q(preferred_name__icontains=word)
                | models.Q(legal_name__icontains=word)
                | models.Q(local_reference__icontains=word)
            )
        return self.filter(query)


class Child(TrackedModel):
    preferred_name = models.CharField(
        _("preferred name"),
        max_length=100,
        help_text=_("The name the child likes to be called"),
    )
    legal_name = models.CharField(_("legal name"), max_length=200)
    date_of_birth = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices)
    ethnicity = models.CharField(_("ethnicity"), max_length=40, choices=Ethnicity.choices)
    first_language = models.CharField(_("first language"), max_length=100, blank=True)
    care_status = models.CharField(_("care status"), max_length=20, choices=CareStatus.choices)
    communication_needs = models.TextField(
        _("communication needs"),
        blank=True,
        help_text=_("For example speech, language and communication needs, or an interpreter"),
    )
    owning_service = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="owned_children",
        verbose_name=_("youth justice service"),
        limit_choices_to={"kind": "yjs"},
    )
    lead_practitioner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_children",
        verbose_name=_("lead practitioner"),
    )
    local_reference = models.CharField(
        _("local reference"),
        max_length=50,
        blank=True,
        help_text=_("Your service's case reference, if it has one"),
    )

    order_ended_on = models.DateField(
        _("order ended on"),
        null=True,
        blank=True,
        help_text=_("When the child's last order ended; retention is counted from this date"),
    )
    end_accommodation = models.CharField(
        _("accommodation at the end of the order"),
        max_length=20,
        choices=AtEndOfOrder.choices,
        blank=True,
    )
    end_ete = models.CharField(
        _("education, training or employment at the end of the order"),
        max_length=20,
        choices=AtEndOfOrder.choices,
        blank=True,
    )

    # Derived, kept current in one place (journey.receivers, from journey.facts.last_contact): the
    # latest day anyone was in contact with the child, or None if never. My week's "not seen"
    # reads it instead of working it out for every child of a service.
    last_contact_on = models.DateField(null=True, blank=True, editable=False)

    objects = ChildQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["changed_at", "last_contact_on"])

    class Meta:
        ordering = ["preferred_name", "legal_name"]
        verbose_name_plural = "children"
        # A service's children in each order the caseload sorts by (children.forms.SORTS), so a
        # page of a whole service is read in order from an index and the rest never read.
        indexes = [
            models.Index(
                fields=["owning_service", "preferred_name", "legal_name", "id"],
                name="child_service_name_idx",
            ),
            models.Index(fields=["lead_practitioner", "preferred_name"]),
            models.Index(
                fields=["owning_service", "local_reference", "id"], name="child_service_ref_idx"
            ),
            models.Index(
                fields=["owning_service", "date_of_birth", "id"], name="child_service_born_idx"
            ),
            models.Index(
                fields=["owning_service", "created_at", "id"], name="child_service_added_idx"
            ),
            # My week's children not seen (web/week.py) have an index of their own, made by
            # migration 0011 for each database (SQLite's indexes cannot say NULLS FIRST).
        ]

    @property
    def care_status_label(self) -> str:
        """As `get_care_status_display()`, from labels translated once per language (a list shows
        one for every row)."""
        return _care_status_labels(get_language()).get(self.care_status, self.care_status)

    @classmethod
    def from_db(cls, db, field_names, values):
        child = super().from_db(db, field_names, values)
        child.remember_owning_service()
        return child

    def save(self, *args, **kwargs) -> None:
        super().save(*args, **kwargs)  # its receivers see whether the service changed
        self.remember_owning_service()

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None or "owning_service" in fields or "owning_service_id" in fields:
            self.remember_owning_service()

    def remember_owning_service(self) -> None:
        """Note the owning service as read (or just saved), for `owning_service_changed`."""
        self._read_owning_service_id = self.__dict__.get("owning_service_id")

    def owning_service_changed(self) -> bool:
        """Whether the owning service is not the one this child was read with (a transfer): what
        records kept with the child's service check before they move (plans/open_actions.py)."""
        if "owning_service_id" not in self.__dict__:  # deferred, and so never set since
            return False
        return getattr(self, "_read_owning_service_id", None) != self.__dict__["owning_service_id"]

    def __str__(self) -> str:
        return self.preferred_name

    @property
    def age(self) -> int:
        return age_on(self.date_of_birth)

    def current_legal_status(self, on: date | None = None) -> LegalStatusEpisode | None:
        """The child's current legal status (see `LegalStatusQuerySet.current`), one query."""
        return self.legal_statuses.select_related("establishment").current(on)


class LegalStatus(models.TextChoices):
    CUSTODY_LIKELY = "custody_likely", _("Custody likely (pre-sentence or at court)")
    REMAND_YDA = "remand_yda", _("Remanded to youth detention accommodation")
    REMAND_LA = "remand_la", _("Remanded to local authority accommodation")
    SENTENCED_CUSTODY = "sentenced_custody", _("Sentenced to custody")
    RELEASED_LICENCE = "released_licence", _("Released on licence")
    RELEASED_NOTICE = "released_notice", _("Released on notice of supervision")
    COMMUNITY_ORDER = "community_order", _("Community order")
    RECALL = "recall", _("Recalled to custody")
    ORDER_ENDED = "order_ended", _("Order ended")


class SentenceType(models.TextChoices):
    NONE = "", _("Not applicable")
    DTO = "dto", _("Detention and training order (DTO)")
    S250 = "s250", _("Section 250 detention")
    S259 = "s259", _("Section 259 detention")


# Statuses that place the child in a secure establishment.
IN_SECURE_ESTABLISHMENT = frozenset(
    {LegalStatus.REMAND_YDA, LegalStatus.SENTENCED_CUSTODY, LegalStatus.RECALL}
)


# THE rule for the current legal status: the latest episode to have started by the day asked about
# (the latest start date; on the same day, the one recorded last). `stages.current_episode` applies
# the same order to episodes already in memory.
CURRENT_ORDER = ("-starts_on", "-id")


class LegalStatusQuerySet(ChildScopedQuerySet):
    def started_by(self, on: date | None = None) -> LegalStatusQuerySet:
        return self.filter(starts_on__lte=on or today())

    def current(self, on: date | None = None) -> LegalStatusEpisode | None:
        """The current episode of the one child this queryset is about."""
        return self.started_by(on).order_by(*CURRENT_ORDER).first()


def current_episodes(on: date | None = None, child=None) -> LegalStatusQuerySet:
    """Episodes in current-first order: `[:1]` is the current one. Without `child`, for a subquery
    on children (annotate a list of children with their current status in the same query)."""
    child = child if child is not None else OuterRef("pk")
    return LegalStatusEpisode.objects.for_child(child).started_by(on).order_by(*CURRENT_ORDER)


class LegalStatusEpisode(TrackedModel):
    """One period of the child's legal status. The latest by start date is the current one."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="legal_statuses")
    status = models.CharField(_("legal status"), max_length=30, choices=LegalStatus.choices)
    sentence_type = models.CharField(
        _("sentence"), max_length=10, choices=SentenceType.choices, blank=True
    )
    establishment = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
        limit_choices_to={"kind": "secure"},
        verbose_name=_("secure establishment"),
    )
    starts_on = models.DateField(_("start date"))
    expected_release_on = models.DateField(_("expected release date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ChildScopedManager(queryset_class=LegalStatusQuerySet)
    across_children = across(LegalStatusQuerySet)
    history = HistoricalRecords(excluded_fields=["changed_at"])

    class Meta:
        default_manager_name = "across_children"
        ordering = list(CURRENT_ORDER)
        indexes = [
            models.Index(fields=["child", "-starts_on"], name="legal_status_child_idx"),
            # Releases coming up (release.queries.releasing): only custody has a release date.
            models.Index(
                fields=["expected_release_on"],
                name="legal_status_release_idx",
                condition=models.Q(expected_release_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} from {self.starts_on}"


def kept_link(to: str, *, null: bool = False) -> models.ForeignKey:
    """A kept row's link (derived data for lists: `KeptWithService`, `CurrentStatus`) to what it
    is about: no database constraint and no index of its own; each kept table declares the
    indexes its lists read."""
    return models.ForeignKey(
        to,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=null,
        related_name="+",
    )


class KeptWithService(models.Model):
    """A row kept for lists with its child and the child's owning service (`plans.OpenAction`,
    `journey.OpenTouchpoint`): moved with the child by `children/kept_rows.py`."""

    child = kept_link("children.Child")
    service = kept_link("accounts.Organisation")

    objects = ChildScopedManager()
    across_children = across()

    class Meta:
        abstract = True


class CurrentStatus(models.Model):
    """Each child's current legal status, kept so that lists of a whole service or establishment
    (releases coming up, children placed here) read it from an index rather than working it out
    for every child: see `children/current.py`.

    Derived data, never edited: every save or delete of one of the child's legal status episodes
    works it out again, in the same transaction. It holds from `worked_out_on` until
    `changes_on` (the start of the child's next episode, if one is recorded ahead), after which
    the lists that read it work it out again first (`current.refresh_due`)."""

    # No database constraint: the child's episodes, deleted with the child, work it out again on
    # the way, so the child's own deletion removes it last (`current.py`).
    child = models.OneToOneField(
        Child,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="kept_status",
    )
    episode = models.ForeignKey(
        LegalStatusEpisode,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    status = models.CharField(max_length=30, blank=True)
    establishment = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        related_name="+",
    )
    starts_on = models.DateField(null=True)
    expected_release_on = models.DateField(null=True)
    worked_out_on = models.DateField()
    changes_on = models.DateField(null=True)

    objects = ChildScopedManager()
    across_children = across()

    class Meta:
        default_manager_name = "across_children"
        indexes = [
            # Children placed in an establishment, soonest release first (estate.queries).
            models.Index(
                fields=["establishment", "status", "expected_release_on"],
                name="current_placed_idx",
                condition=models.Q(establishment__isnull=False),
            ),
            # Releases coming up (release.queries.releasing).
            models.Index(
                fields=["expected_release_on", "status"],
                name="current_release_idx",
                condition=models.Q(expected_release_on__isnull=False),
            ),
            # What is due to be worked out again (current.refresh_due).
            models.Index(
                fields=["changes_on"],
                name="current_changes_idx",
                condition=models.Q(changes_on__isnull=False),
            ),
            models.Index(fields=["worked_out_on"], name="current_worked_out_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.status or 'none'} from {self.starts_on}"
