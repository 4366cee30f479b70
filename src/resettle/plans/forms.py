"""Plan forms. They check what was typed; the plan's rules live in services (DomainError)."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from resettle.core import concurrency
from resettle.core.forms import (
    LONG_TEXT,
    GovukDateField,
    ModelChoiceField,
    ModelMultipleChoiceField,
    StaleCheck,
)

from . import services
from .models import (
    CHILD_WORDS_MAX,
    ActionKind,
    ActionStatus,
    AgreementMethod,
    FamilyInvolved,
    Goal,
    Pathway,
    Plan,
    PlanAction,
    ProgressKind,
)


class PathwayField(ModelChoiceField):
    def label_from_instance(self, obj: Pathway) -> str:
        return f"{obj.name} ({obj.child_friendly_name})"


class PersonField(ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name}, {obj.organisation.name}"


class ServiceField(ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}, {obj.organization.name}"


class GoalsField(ModelMultipleChoiceField):
    def label_from_instance(self, obj: Goal) -> str:
        return obj.text


class VisionForm(StaleCheck):
    vision = forms.CharField(
        label=_("Who does the child want to be?"),
        help_text=_(
            "In the child's own words. This starts with what they last said when asked the four "
            "key questions, and follows what they say next, unless you change the words here."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
    vision_said_on = GovukDateField(
        label=_("When did the child say it? (if you change the words)"),
        label_for_errors=_("the date the child said it"),
        help_text=_("For example, 4 3 2026"),
        required=False,
    )
    adjustments = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Adjustments for the child's needs and diversity (optional)"),
        help_text=_(
            "For example how to explain things, communication needs, neurodiversity, language, "
            "culture or faith"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    family_involved = forms.ChoiceField(
        label=_("Is the child's family involved in the plan?"),
        choices=FamilyInvolved.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    family_not_involved_reason = forms.CharField(
        max_length=LONG_TEXT,
        label=_("If not, why not?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    @classmethod
    def initial_for(cls, plan: Plan | None, words=None) -> dict:
        """The plan's words, or else the child's latest answer (`words`, a voice entry)."""
        fields = [name for name in cls.base_fields if name != concurrency.FIELD]
        initial = {name: getattr(plan, name) for name in fields} if plan else {}
        if not initial.get("vision") and words is not None:
            initial["vision"] = words.who_do_you_want_to_be
            initial["vision_said_on"] = words.recorded_on
        return initial


class GoalForm(forms.Form):
    text = forms.CharField(
        label=_("The goal, in the child's words"),
        help_text=_(
            "Something to aim for, for example 'Get my CSCS card and work on building sites'"
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        error_messages={"required": _("Write the goal in the child's words")},
    )
    said_on = GovukDateField(
        label=_("When did the child say it? (optional)"),
        label_for_errors=_("the date the child said it"),
        help_text=_("For example, 4 3 2026"),
        required=False,
    )


class GoalChangeForm(StaleCheck, GoalForm):
    said_on = None  # the date it was said stays as it was
    still_a_goal = forms.ChoiceField(
        label=_("Is this still one of the child's goals?"),
        choices=[("yes", _("Yes")), ("no", _("No, not any more"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether this is still one of the child's goals")},
    )


class NeedForm(forms.Form):
    pathway = PathwayField(
        label=_("Pathway"),
        queryset=Pathway.objects.none(),
        empty_label=_("Choose a pathway"),
        error_messages={"required": _("Choose a pathway")},
    )
    description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What is the need?"),
        help_text=_("For example 'No confirmed address for release'"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Describe the need")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathway"].queryset = services.active_pathways()


class ActionForm(StaleCheck):
    pathway = PathwayField(
        label=_("Pathway"),
        queryset=Pathway.objects.none(),
        empty_label=_("Choose a pathway"),
        error_messages={"required": _("Choose a pathway")},
    )
    kind = forms.ChoiceField(
        label=_("Kind of support"),
        help_text=_(
            "Structural support is a place, a service or a practical arrangement. Personal "
            "support helps the child become who they want to be: a trusted relationship, a "
            "mentor, an activity that fits."
        ),
        choices=ActionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say whether this is structural or personal support")},
    )
    description = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What will happen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what will happen")},
    )
    child_words = forms.CharField(
        label=_("In words for the child (optional)"),
        help_text=_(
            "What the child reads on their own plan instead of the words above. Short and "
            "plain, for example 'I will go to the college open day' or 'Aunt Grace will "
            "visit me every Sunday'."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=CHILD_WORDS_MAX,
        required=False,
    )
    service = ServiceField(
        label=_("A service from the menu of support (optional)"),
        help_text=_(
            "Services in the child's borough for their age, those on the action's pathway first"
        ),
        queryset=None,
        empty_label=_("No service chosen"),
        required=False,
    )
    specific_service = forms.CharField(
        label=_("Or name the service (optional)"),
        help_text=_(
            "For a service the menu does not list, or the part of a listed one, for example "
            "'Skills for Tomorrow College: motor vehicle level 1'"
        ),
        max_length=300,
        required=False,
    )
    owner_person = PersonField(
        label=_("A person"),
        queryset=None,
        empty_label=_("Nobody chosen"),
        required=False,
    )
    owner_organisation = ModelChoiceField(
        label=_("An organisation"),
        queryset=None,
        empty_label=_("No organisation chosen"),
        required=False,
    )
    owner_name = forms.CharField(
        label=_("Someone else"),
        help_text=_("Someone who does not use Resettle, for example 'Aunt Grace'"),
        max_length=200,
        required=False,
    )
    due_on = GovukDateField(
        label=_("Due date (optional)"),
        label_for_errors=_("the due date"),
        help_text=_("For example, 27 3 2026"),
        required=False,
    )
    status = ModelChoiceField(
        label=_("Status"),
        queryset=ActionStatus.objects.none(),
        empty_label=None,
        error_messages={"required": _("Choose a status")},
    )
    status_reason = forms.CharField(
        max_length=LONG_TEXT,
        label=_("Reason (if blocked or dropped)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    goals = GoalsField(
        label=_("How does this help who the child wants to be?"),
        help_text=_("Choose the child's goals this action helps with"),
        queryset=Goal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self,
        *args,
        child,
        plan: Plan | None,
        action: PlanAction | None = None,
        offer_service=None,
        **kw,
    ):
        super().__init__(*args, **kw)
        keep = action or PlanAction()  # keep what the action already has, even if not offered now
        self.fields["service"].queryset = services.suggested_services(
            child,
            pathway=keep.pathway if keep.pathway_id else self.initial.get("pathway"),
            also=offer_service or keep.service_id,
        )
        goals = Goal.objects.for_child(child).filter(
            Q(plan=plan, is_active=True) if plan else Q(pk__in=[])
        )
        if action is not None:
            goals = Goal.objects.for_child(child).filter(
                Q(plan=plan, is_active=True) | Q(id__in=action.goals.values("id"))
            )
        self.fields["owner_person"].queryset = services.owner_people(
            child, also=keep.owner_person_id
        )
        self.fields["owner_organisation"].queryset = services.owner_organisations()
        self.fields["pathway"].queryset = Pathway.objects.filter(
            Q(is_active=True) | Q(id=keep.pathway_id)
        )
        self.fields["status"].queryset = ActionStatus.objects.filter(
            Q(is_active=True) | Q(id=keep.status_id)
        )
        self.fields["goals"].queryset = goals.order_by("order", "id")
        if action is None and not self.is_bound:
            opening = services.active_statuses().filter(is_closed=False, needs_reason=False)
            self.initial.setdefault("status", opening.first())

    @staticmethod
    def initial_for(action: PlanAction) -> dict:
        return {
            **{name: getattr(action, name) for name in services.ACTION_FIELDS},
            "goals": list(action.goals.all()),
        }

    @property
    def has_goals(self) -> bool:
        return self.fields["goals"].queryset.exists()


class ContingencyForm(StaleCheck):
    plan_b = forms.CharField(
        max_length=LONG_TEXT,
        label=_("If this falls through, what happens instead?"),
        help_text=_("Plan B, in words the child will understand"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Say what will happen if this falls through")},
    )
    child_told_on = GovukDateField(
        label=_("When was the child told plan B? (optional)"),
        label_for_errors=_("the date the child was told"),
        help_text=_("Leave this blank if the child has not been told yet. For example, 4 3 2026"),
        required=False,
    )


class AgreementForm(forms.Form):
    agreed_on = GovukDateField(
        label=_("When did the child agree the plan?"),
        label_for_errors=_("the date the child agreed the plan"),
        help_text=_("For example, 4 3 2026"),
    )
    how = forms.ChoiceField(
        label=_("How did they agree it?"),
        choices=AgreementMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the child agreed the plan")},
    )
    child_comment = forms.CharField(
        max_length=LONG_TEXT,
        label=_("What did the child say about the plan? (optional)"),
        help_text=_("In their own words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class ProgressForm(StaleCheck):
    """Progress in custody: what the child did, when, and what it builds towards."""

    kind = forms.ChoiceField(
        label=_("What kind of progress is it?"),
        choices=ProgressKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what kind of progress this is")},
    )
    what = forms.CharField(
        label=_("What did the child do?"),
        help_text=_("For example 'Motor vehicle level 1 at the establishment's workshop'"),
        max_length=300,
        error_messages={"required": _("Say what the child did")},
    )
    started_on = GovukDateField(
        label=_("When did it start?"),
        label_for_errors=_("the date it started"),
        help_text=_("For example, 4 3 2026"),
    )
    finished_on = GovukDateField(
        label=_("When did it finish? (leave blank if it is still going)"),
        label_for_errors=_("the date it finished"),
        help_text=_("For example, 27 3 2026"),
        required=False,
    )
    hours = forms.IntegerField(
        label=_("Hours (optional)"),
        min_value=1,
        max_value=5000,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": _("Hours must be a whole number"),
            "min_value": _("Hours must be a whole number from 1 to 5000"),
            "max_value": _("Hours must be a whole number from 1 to 5000"),
        },
    )
    outcome = forms.CharField(
        label=_("Outcome (optional)"),
        help_text=_("For example 'Passed: level 1 certificate' or 'Half the units done'"),
        max_length=300,
        required=False,
    )
    certificate = forms.TypedChoiceField(
        label=_("Did the child gain a certificate?"),
        choices=[("yes", _("Yes")), ("no", _("No, or not yet"))],
        coerce=lambda value: value == "yes",
        empty_value=False,
        widget=forms.RadioSelect,
        required=False,
    )
    goal = ModelChoiceField(
        label=_("Which goal does it build towards?"),
        queryset=Goal.objects.none(),
        empty_label=_("No goal chosen"),
        required=False,
    )
    action = ModelChoiceField(
        label=_("Is it part of an action in the plan? (optional)"),
        queryset=PlanAction.objects.none(),
        empty_label=_("Not part of an action"),
        required=False,
    )

    def __init__(self, *args, child, plan: Plan | None, progress=None, **kwargs):
        super().__init__(*args, **kwargs)
        goals = Goal.objects.for_child(child).filter(
            Q(plan=plan, is_active=True) if plan else Q(pk__in=[])
        )
        actions = PlanAction.objects.for_child(child).filter(
            Q(plan=plan, status__is_closed=False) if plan else Q(pk__in=[])
        )
        if progress is not None:  # keep what it already points at
            goals = Goal.objects.for_child(child).filter(
                Q(plan=plan, is_active=True) | Q(id=progress.goal_id)
            )
            actions = PlanAction.objects.for_child(child).filter(
                Q(plan=plan, status__is_closed=False) | Q(id=progress.action_id)
            )
        self.fields["goal"].queryset = goals.select_related("plan").order_by("order", "id")
        self.fields["goal"].label_from_instance = lambda goal: goal.text
        self.fields["action"].queryset = actions.select_related("plan").order_by("due_on", "id")
        self.fields["action"].label_from_instance = lambda action: action.description

    @staticmethod
    def initial_for(progress) -> dict:
        return {
            "kind": progress.kind,
            "what": progress.what,
            "started_on": progress.started_on,
            "finished_on": progress.finished_on,
            "hours": progress.hours,
            "outcome": progress.outcome,
            "certificate": "yes" if progress.certificate else "no",
            "goal": progress.goal,
            "action": progress.action,
        }
