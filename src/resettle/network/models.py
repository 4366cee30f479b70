"""The child's network (docs/domain.md): the people, places and activities around the child, and the
agencies and professionals involved.

Constructive resettlement looks to the child's existing network for positive role models who can
give time and support, and avoids people, placements and activities that undermine the child's
pro-social identity. So each person, place and activity carries an *influence*; the plan warns when
an action leans on something flagged as undermining (see `checks.py`).

Who may read contact details is decided in `access.policy`, not here.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, across

# Who saved and when is shown from the history record itself, not as a change. The network goes
# with the child's record at the end of its retention period, and its history with it.
HISTORY_OPTIONS = {"excluded_fields": ["changed_at"], "cascade_delete_history": True}


class Relationship(models.TextChoices):
    PARENT = "parent", _("Parent")
    CARER = "carer", _("Carer")
    SIBLING = "sibling", _("Brother or sister")
    OTHER_FAMILY = "other_family", _("Other family")
    FRIEND = "friend", _("Friend")
    PARTNER = "partner", _("Boyfriend, girlfriend or partner")
    COACH = "coach", _("Coach")
    MENTOR = "mentor", _("Mentor")
    YOUTH_WORKER = "youth_worker", _("Youth worker")
    TEACHER = "teacher", _("Teacher")
    FAITH_LEADER = "faith_leader", _("Faith leader")
    OTHER = "other", _("Other")


class Influence(models.TextChoices):
    """How someone or something bears on who the child wants to be. The order is the page's."""

    POSITIVE = "positive", _("Positive role model")
    SUPPORTIVE = "supportive", _("Supportive")
    MIXED = "mixed", _("Mixed")
    UNDERMINING = "undermining", _("Undermining")
    UNKNOWN = "unknown", _("Not known yet")


# GOV.UK tag colours. The tag always carries its words too, so colour is never the only signal.
INFLUENCE_TAG_COLOURS = {
    Influence.POSITIVE: "green",
    Influence.SUPPORTIVE: "turquoise",
    Influence.MIXED: "yellow",
    Influence.UNDERMINING: "red",
    Influence.UNKNOWN: "grey",
}


class Safety(models.TextChoices):
    """How safe a place, activity or placement is for who the child wants to be: places are not
    role models, so they are rated on their own scale."""

    SAFE = "safe", _("Safe")
    MIXED = "mixed", _("Mixed")
    UNSAFE = "unsafe", _("Unsafe")
    UNKNOWN = "unknown", _("Not known yet")


SAFETY_TAG_COLOURS = {
    Safety.SAFE: "green",
    Safety.MIXED: "yellow",
    Safety.UNSAFE: "red",
    Safety.UNKNOWN: "grey",
}

INFLUENCE_HELP = _(
    "Positive role models and supportive people help the child towards who they want to be; "
    "undermining means pulling them back towards offending"
)


class InfluencedModel(TrackedModel):
    """Someone or something in the child's life, with its influence on who they want to be."""

    influence = models.CharField(
        _("influence"),
        max_length=20,
        choices=Influence.choices,
        default=Influence.UNKNOWN,
        help_text=INFLUENCE_HELP,
    )

    class Meta:
        abstract = True

    @property
    def influence_tag_colour(self) -> str:
        return INFLUENCE_TAG_COLOURS.get(self.influence, "grey")

    @property
    def is_undermining(self) -> bool:
        return self.influence == Influence.UNDERMINING


class Person(InfluencedModel):
    """Someone in the child's life: family, friends, carers, coaches, mentors, youth workers."""

    child = models.ForeignKey(
        "children.Child",
        on_delete=models.CASCADE,
        related_name="network_people",
        verbose_name=_("child"),
    )
    name = models.CharField(_("name"), max_length=200)
    relationship = models.CharField(
        _("relationship to the child"), max_length=20, choices=Relationship.choices
    )
    relationship_detail = models.CharField(
        _("relationship in the child's words"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Nan', 'older cousin' or 'my boxing coach'"),
    )
    role_in_plan = models.TextField(
        _("role in the plan"),
        blank=True,
        help_text=_("For example 'meets me at the gate' or 'cooks Sunday dinner with me'"),
    )
    contact_details = models.TextField(_("contact details"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["name", "id"]
        verbose_name = _("person in the child's network")
        verbose_name_plural = _("people in the child's network")
        indexes = [models.Index(fields=["child", "influence"], name="network_person_infl_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def relationship_label(self) -> str:
        label = str(self.get_relationship_display())
        detail = self.relationship_detail.strip()
        return f"{label} ({detail})" if detail else label


class PlaceOrActivity(InfluencedModel):
    """A place, activity or placement in the child's life: a boxing club, a park, a foster home."""

    class Kind(models.TextChoices):
        PLACE = "place", _("Place")
        ACTIVITY = "activity", _("Activity")
        PLACEMENT = "placement", _("Placement")

    child = models.ForeignKey(
        "children.Child",
        on_delete=models.CASCADE,
        related_name="network_places",
        verbose_name=_("child"),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Places are rated safe or unsafe, not as role models (the column keeps its name).
    influence = models.CharField(
        _("how safe it is"),
        max_length=20,
        choices=Safety.choices,
        default=Safety.UNKNOWN,
        help_text=_("Unsafe means it pulls the child back towards offending"),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["name", "id"]
        verbose_name = _("place or activity")
        verbose_name_plural = _("places and activities")
        indexes = [models.Index(fields=["child", "influence"], name="network_place_infl_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def influence_tag_colour(self) -> str:
        return SAFETY_TAG_COLOURS.get(self.influence, "grey")

    @property
    def is_undermining(self) -> bool:
        return self.influence == Safety.UNSAFE


class Professional(TrackedModel):
    """An agency or professional involved with the child, brokered by the lead practitioner."""

    child = models.ForeignKey(
        "children.Child",
        on_delete=models.CASCADE,
        related_name="network_professionals",
        verbose_name=_("child"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(
        _("role"), max_length=200, help_text=_("For example 'Social worker' or 'CAMHS nurse'")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation"),
    )
    contact_details = models.TextField(_("contact details"), blank=True)
    is_active = models.BooleanField(_("still involved"), default=True)

    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-is_active", "name", "id"]
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        indexes = [models.Index(fields=["child", "is_active"], name="network_prof_active_idx")]

    def __str__(self) -> str:
        return self.name
