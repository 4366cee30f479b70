"""The child and their legal status as the API shows and takes them. Thin: the rules are the
services' (children.services, children.rules), which answer with the same messages as the pages."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from resettle.accounts.models import Organisation, User
from resettle.children.models import Child, LegalStatusEpisode

from .fields import PublicIdField, SlugField

MAX_TEXT = 5000


class LegalStatusSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    establishment = SlugField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.SECURE_ESTABLISHMENT),
        required=False,
        allow_null=True,
        help_text="The secure establishment's code (for example 'feltham'), for remand to youth "
        "detention accommodation, a custodial sentence or a recall.",
    )
    notes = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)

    class Meta:
        model = LegalStatusEpisode
        fields = [
            "id",
            "status",
            "sentence_type",
            "establishment",
            "starts_on",
            "expected_release_on",
            "notes",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        extra_kwargs = {"sentence_type": {"required": False}}


class ChildSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    lead_practitioner = PublicIdField(
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text="The id of a case worker or manager in the child's service, or null.",
    )
    lead_practitioner_name = serializers.CharField(
        source="lead_practitioner.full_name", read_only=True, default=None, allow_null=True
    )
    owning_service = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    first_language = serializers.CharField(required=False, allow_blank=True, max_length=100)
    communication_needs = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_TEXT
    )
    local_reference = serializers.CharField(required=False, allow_blank=True, max_length=50)
    current_legal_status = serializers.SerializerMethodField()

    class Meta:
        model = Child
        fields = [
            "id",
            "preferred_name",
            "legal_name",
            "date_of_birth",
            "gender",
            "ethnicity",
            "first_language",
            "care_status",
            "communication_needs",
            "lead_practitioner",
            "lead_practitioner_name",
            "local_reference",
            "owning_service",
            "current_legal_status",
            "created_at",
            "changed_at",
        ]
        read_only_fields = ["created_at", "changed_at"]

    @extend_schema_field(LegalStatusSerializer(allow_null=True))
    def get_current_legal_status(self, child: Child):
        # A list attaches `current_status` in one query for the page; one child asks the model.
        episode = (
            child.current_status
            if hasattr(child, "current_status")
            else child.current_legal_status()
        )
        return LegalStatusSerializer(episode).data if episode is not None else None
