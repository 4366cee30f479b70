"""The child's constructive resettlement plan (docs/domain.md).

One live plan per child, carried through every stage (custody likely, remand, custody, release,
community) and never restarted. It starts from the child's own words (their vision and goals),
and sets structural support (by resettlement pathway) and personal support side by side, each
action saying who does it, by when, and which of the child's goals it serves.

Pathways and action statuses are configuration an administrator edits, not code.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.children.models import KeptWithService, kept_link
from resettle.core.dates import today
from resettle.core.models import TrackedModel
from resettle.core.scoping import ChildScopedManager, across

# Who saved and when is shown from the history record itself, not as a change.
HISTORY_EXCLUDED = ["changed_at"]
# A plan's parts are never deleted in use (goals are retired, actions dropped); they go only with
# the child's record at the end of its retention period, and their history (the child's words)
# goes with them.
HISTORY_OPTIONS = {"excluded_fields": HISTORY_EXCLUDED, "cascade_delete_history": True}


class Pathway(models.Model):
    """A resettlement pathway: how structural support is organised."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    child_friendly_name = models.CharField(
        _("child-friendly name"),
        max_length=200,
        help_text=_("How the pathway reads on the child's own plan, for example 'Money'"),
    )
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive pathways are not offered for new actions")
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("pathway")
        verbose_name_plural = _("pathways")

    def __str__(self) -> str:
        return self.name


class ActionStatus(models.Model):
    """Where an action has got to."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    needs_reason = models.BooleanField(
        _("needs a reason"),
        default=False,
        help_text=_("Practitioners must say why, for example when an action is blocked"),
    )
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("The action needs no more work")
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("action status")
        verbose_name_plural = _("action statuses")

    def __str__(self) -> str:
        return self.name

    @property
    def tag_colour(self) -> str:
        """The GOV.UK tag modifier for this status."""
        if self.needs_reason and self.is_closed:
            return "grey"
        if self.needs_reason:
            return "red"
        if self.is_closed:
            return "green"
        return "blue" if self.slug == "in-progress" else "light-blue"


class FamilyInvolved(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_APPROPRIATE = "not_appropriate", _("Not appropriate")


class Plan(TrackedModel):
    child = models.OneToOneField(
        "children.Child", on_delete=models.CASCADE, related_name="plan", verbose_name=_("child")
    )
    vision = models.TextField(
        _("who the child wants to be"),
        blank=True,
        help_text=_("In the child's own words"),
    )
    # Where the words come from: the child's voice is their one home (docs/domain.md, section 8).
    # While `vision_entry` is set, the plan follows the child's latest answer to "Who do you want
    # to be?"; words typed here instead keep the date the child said them.
    vision_entry = models.ForeignKey(
        "voice.VoiceEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("conversation the words come from"),
    )
    vision_said_on = models.DateField(_("date the child said it"), null=True, blank=True)
    # Every change to what the plan says adds one; an agreement records the version agreed.
    version = models.PositiveIntegerField(_("version"), default=0)
    adjustments = models.TextField(
        _("adjustments"),
        blank=True,
        help_text=_("Adjustments for the child's needs and diversity"),
    )
    family_involved = models.CharField(
        _("family involved"), max_length=20, choices=FamilyInvolved.choices, blank=True
    )
    family_not_involved_reason = models.TextField(_("why the family is not involved"), blank=True)

    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        verbose_name = _("plan")

    def __str__(self) -> str:
        return f"Plan {self.public_id}"


class Goal(TrackedModel):
    """One of the child's goals, phrased by the child."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("goal"), help_text=_("In the child's own words"))
    said_on = models.DateField(_("date the child said it"), null=True, blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("still a goal"), default=True)

    objects = ChildScopedManager(child_path="plan__child")
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["order", "id"]
        verbose_name = _("goal")
        indexes = [models.Index(fields=["plan", "order"], name="plan_goal_order_idx")]

    def __str__(self) -> str:
        return self.text


class Need(TrackedModel):
    """A need identified on a pathway, for example 'no confirmed address for release'."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="needs")
    pathway = models.ForeignKey(
        Pathway, on_delete=models.PROTECT, related_name="+", verbose_name=_("pathway")
    )
    description = models.TextField(_("need"))

    objects = ChildScopedManager(child_path="plan__child")
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["id"]
        verbose_name = _("need")

    def __str__(self) -> str:
        return self.description


CHILD_WORDS_MAX = 500


class ActionKind(models.TextChoices):
    STRUCTURAL = "structural", _("Structural support")
    PERSONAL = "personal", _("Personal support")


# Kept at module level so services can write one history record for a save and its goals together.
action_history = HistoricalRecords(**HISTORY_OPTIONS, m2m_fields=["goals"])


class PlanAction(TrackedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    pathway = models.ForeignKey(
        Pathway, on_delete=models.PROTECT, related_name="+", verbose_name=_("pathway")
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=ActionKind.choices)
    description = models.TextField(_("what will happen"))
    owner_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("person responsible"),
    )
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("organisation responsible"),
    )
    owner_name = models.CharField(
        _("someone else responsible"),
        max_length=200,
        blank=True,
        help_text=_("Someone who does not use Resettle, for example 'Aunt Grace'"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.ForeignKey(
        ActionStatus, on_delete=models.PROTECT, related_name="+", verbose_name=_("status")
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    goals = models.ManyToManyField(
        Goal,
        blank=True,
        related_name="actions",
        verbose_name=_("how this helps who the child wants to be"),
    )
    # The service in the menu of support (the directory) that will do this, when it is listed
    # there; its name and how to reach it then show on the plan and on My plan. A service is never
    # deleted in use (it becomes inactive or defunct), so the link is protected.
    service = models.ForeignKey(
        "directory.Service",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_actions",
        verbose_name=_("service from the menu of support"),
    )
    # The named service in words, for what the directory does not list, or the part of a listed
    # service, for example "Skills for Tomorrow College: motor vehicle level 1".
    specific_service = models.CharField(_("specific service"), max_length=300, blank=True)
    # The child's version of the action, shown on their own plan instead of the worker's words:
    # "I will ...", "Aunt Grace will ..." (docs/childs-plan.md).
    child_words = models.CharField(
        _("in words for the child"),
        max_length=CHILD_WORDS_MAX,
        blank=True,
        help_text=_("How the child reads it on their own plan, for example 'I will ...'"),
    )

    objects = ChildScopedManager(child_path="plan__child")
    across_children = across()
    history = action_history

    class Meta:
        default_manager_name = "across_children"
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        indexes = [models.Index(fields=["plan", "pathway"], name="plan_action_pathway_idx")]

    def __str__(self) -> str:
        return self.description

    @property
    def has_owner(self) -> bool:
        return bool(self.owner_person_id or self.owner_organisation_id or self.owner_name.strip())

    @property
    def owners(self) -> list[str]:
        """Who will do this, as a person reads it (load the owners with select_related)."""
        names = []
        if self.owner_person_id:
            names.append(self.owner_person.full_name)
        if self.owner_organisation_id:
            names.append(self.owner_organisation.name)
        if self.owner_name.strip():
            names.append(self.owner_name.strip())
        return names

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_on and self.due_on < today() and not self.status.is_closed)


class OpenAction(KeptWithService):
    """Each open action (its status not closed), kept with its child, the child's owning service,
    its due date and its owners, so that lists of a whole service or establishment (My week, the
    establishment's week) read the first few from an index in due-date order rather than every
    action of thousands of children: see `plans/open_actions.py`.

    Derived data, never edited: a row exists exactly while its action is open, and every save of
    an action, of an action status, or of a child whose owning service changed keeps it right, in
    the same transaction."""

    action = models.OneToOneField(
        PlanAction, on_delete=models.CASCADE, primary_key=True, related_name="kept_open"
    )
    due_on = models.DateField(null=True)
    owner_person = kept_link(settings.AUTH_USER_MODEL, null=True)
    owner_organisation = kept_link("accounts.Organisation", null=True)

    class Meta:
        default_manager_name = "across_children"
        indexes = [
            # A service's own children's open actions, soonest first (My week, whole service).
            models.Index(fields=["service", "due_on", "action"], name="open_action_service_idx"),
            # A few children's open actions (shared children, a caseload, children placed here).
            models.Index(fields=["child", "due_on"], name="open_action_child_idx"),
            # What a person or an organisation is expected to do (My week, the establishment).
            models.Index(fields=["owner_person", "due_on"], name="open_action_person_idx"),
            # (An establishment's: of the few children shared with it, found child by child.)
            models.Index(
                fields=["owner_organisation", "child"],
                include=["due_on"],
                name="open_action_org_idx",
            ),
        ]


class Contingency(TrackedModel):
    """Plan B for an action, and when the child was told it."""

    action = models.OneToOneField(PlanAction, on_delete=models.CASCADE, related_name="contingency")
    plan_b = models.TextField(_("if this falls through"))
    child_told_on = models.DateField(_("when the child was told"), null=True, blank=True)

    objects = ChildScopedManager(child_path="action__plan__child")
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        verbose_name = _("contingency plan")

    def __str__(self) -> str:
        return self.plan_b


class AgreementMethod(models.TextChoices):
    MEETING = "meeting", _("In a meeting")
    CUSTODY_VISIT = "custody_visit", _("On a custody visit")
    CALL = "call", _("On a phone or video call")
    WRITING = "writing", _("In writing")


class Agreement(TrackedModel):
    """The child agreed the plan: when, how, and what they said."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="agreements")
    agreed_on = models.DateField(_("date agreed"))
    how = models.CharField(_("how"), max_length=20, choices=AgreementMethod.choices)
    child_comment = models.TextField(_("what the child said"), blank=True)
    plan_version = models.PositiveIntegerField(_("version of the plan agreed"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    objects = ChildScopedManager(child_path="plan__child")
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-agreed_on", "-id"]
        verbose_name = _("agreement")
        indexes = [models.Index(fields=["plan", "-agreed_on"], name="plan_agreement_idx")]

    def __str__(self) -> str:
        return f"Agreed on {self.agreed_on}"


# ---- Progress in custody (issue 15) ------------------------------------------------------------


class ProgressKind(models.TextChoices):
    EDUCATION = "education", _("Education")
    TRAINING = "training", _("Training")
    COURSE = "course", _("Course")
    QUALIFICATION = "qualification", _("Qualification")
    WORK = "work", _("Work")
    ENRICHMENT = "enrichment", _("Enrichment")
    FAMILY_CONTACT = "family_contact", _("Family contact")


# Learning that, started in custody and not finished, carries on after release as an ETE action.
CARRIED_ON_RELEASE = frozenset(
    {ProgressKind.EDUCATION, ProgressKind.TRAINING, ProgressKind.COURSE, ProgressKind.QUALIFICATION}
)


class CustodyProgress(TrackedModel):
    """Something the child did in custody that builds towards their goals: a course, a
    qualification, work, enrichment or family contact (docs/domain.md: setbacks and ladders)."""

    child = models.ForeignKey(
        "children.Child", on_delete=models.CASCADE, related_name="custody_progress"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProgressKind.choices)
    what = models.CharField(_("what"), max_length=300)
    started_on = models.DateField(_("started on"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)
    hours = models.PositiveSmallIntegerField(_("hours"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=300, blank=True)
    certificate = models.BooleanField(_("certificate gained"), default=False)
    goal = models.ForeignKey(
        Goal,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="custody_progress",
        verbose_name=_("goal it builds towards"),
    )
    action = models.ForeignKey(
        PlanAction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="custody_progress",
        verbose_name=_("action it is part of"),
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("where"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    # The action that carries it on after release (made when a release is recorded).
    carried_to = models.ForeignKey(
        PlanAction,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("carried on after release by"),
    )

    objects = ChildScopedManager()
    across_children = across()
    history = HistoricalRecords(**HISTORY_OPTIONS)

    class Meta:
        default_manager_name = "across_children"
        ordering = ["-started_on", "-id"]
        verbose_name = _("progress in custody")
        verbose_name_plural = _("progress in custody")
        indexes = [models.Index(fields=["child", "-started_on"], name="custody_progress_child_idx")]

    def __str__(self) -> str:
        return self.what

    @property
    def is_finished(self) -> bool:
        return self.finished_on is not None
