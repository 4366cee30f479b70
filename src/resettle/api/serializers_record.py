"""The parts of a child's record as the API shows and takes them: plan actions, touchpoints,
meetings, case notes and the child's words. Thin: the rules are the services'."""

from __future__ import annotations

from rest_framework import serializers

from resettle.accounts.models import Organisation, User
from resettle.journey.models import Meeting, Touchpoint, TouchpointStatus
from resettle.notes.models import MAX_NOTE_LENGTH, CaseNote
from resettle.plans.models import ActionStatus, Pathway, PlanAction
from resettle.voice.models import Strength, VoiceEntry

from .fields import PublicIdField, SlugField
from .serializers import MAX_TEXT

ORGANISATIONS = Organisation.objects.filter(is_active=True).exclude(
    kind=Organisation.Kind.PARTNERSHIP
)


class PathwaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Pathway
        fields = ["slug", "name", "child_friendly_name", "is_active"]


class ActionStatusSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionStatus
        fields = ["slug", "name", "needs_reason", "is_closed", "is_active"]


class GoalIdsField(serializers.ListField):
    """The ids of goals in the child's plan (checked against the plan by the view)."""

    child = serializers.UUIDField()

    def to_representation(self, goals) -> list[str]:
        return [str(goal.public_id) for goal in goals.all()]


class PlanActionSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    pathway = SlugField(queryset=Pathway.objects.all(), help_text="A pathway's slug.")
    status = SlugField(
        queryset=ActionStatus.objects.all(),
        required=False,
        help_text="An action status's slug; the first open status if not given.",
    )
    owner_person = PublicIdField(queryset=User.objects.all(), required=False, allow_null=True)
    owner_organisation = SlugField(queryset=ORGANISATIONS, required=False, allow_null=True)
    owner_name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    description = serializers.CharField(max_length=MAX_TEXT)
    status_reason = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)
    specific_service = serializers.CharField(required=False, allow_blank=True, max_length=300)
    goals = GoalIdsField(
        required=False,
        max_length=50,
        help_text="Ids of goals in the child's plan that this action serves.",
    )

    class Meta:
        model = PlanAction
        fields = [
            "id",
            "pathway",
            "kind",
            "description",
            "owner_person",
            "owner_organisation",
            "owner_name",
            "due_on",
            "status",
            "status_reason",
            "specific_service",
            "goals",
            "created_at",
            "changed_at",
        ]
        read_only_fields = ["created_at", "changed_at"]


class TouchpointSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    status = serializers.ChoiceField(choices=TouchpointStatus.choices, read_only=True)

    class Meta:
        model = Touchpoint
        fields = ["id", "name", "due_on", "completed_on", "superseded_on", "status"]
        read_only_fields = fields


class TouchpointDoneSerializer(serializers.Serializer):
    done_on = serializers.DateField(help_text="The day it was done: today or earlier.")


class MeetingSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    people = PublicIdField(
        queryset=User.objects.all(),
        many=True,
        required=False,
        help_text="Ids of people in the child's service or an organisation it is shared with.",
    )
    organisations = SlugField(queryset=ORGANISATIONS, many=True, required=False)
    other_attendees = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    decisions = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "held_on",
            "people",
            "organisations",
            "child_attended",
            "family_attended",
            "other_attendees",
            "decisions",
            "four_questions_revisited",
            "created_at",
        ]
        read_only_fields = ["four_questions_revisited", "created_at"]


class CaseNoteSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    text = serializers.CharField(max_length=MAX_NOTE_LENGTH)
    written_by = serializers.CharField(source="written_by.full_name", read_only=True, default=None)
    organisation = serializers.CharField(source="organisation.name", read_only=True, default=None)

    class Meta:
        model = CaseNote
        fields = ["id", "text", "written_by", "organisation", "created_at"]
        read_only_fields = ["created_at"]


class VoiceEntrySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    recorded_on = serializers.DateField(required=False, help_text="Today if not given.")
    recorded_by = serializers.CharField(source="recorded_by.full_name", read_only=True)
    who_are_you = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)
    who_do_you_want_to_be = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT
    )
    strengths_in_own_words = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT
    )
    how_to_get_there = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)
    strengths = serializers.SlugRelatedField(
        slug_field="name", queryset=Strength.objects.all(), many=True, required=False
    )
    self_rating = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=10
    )

    class Meta:
        model = VoiceEntry
        fields = [
            "id",
            "recorded_on",
            "recorded_by",
            "conversation",
            "words_are",
            "who_are_you",
            "who_do_you_want_to_be",
            "strengths_in_own_words",
            "how_to_get_there",
            "strengths",
            "share_with_partners",
            "self_rating",
            "entered_by_child",
            "created_at",
        ]
        read_only_fields = ["entered_by_child", "created_at"]
        extra_kwargs = {"words_are": {"required": True}}
