"""The OpenAPI description's shared parts: problem details, the responses each kind of operation
may give, the If-Match header, and the examples (one or more for every operation)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .problems import CONTENT_TYPE


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="'about:blank' or a Resettle problem URN")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages by field, for a 400",
    )


WHY = {
    400: "The request breaks a rule: the messages are by field.",
    401: "No token, or a token that is not valid, has expired or was revoked.",
    403: "The token's owner may see the child but not do this, or the token can only read.",
    404: "No such record, or one the token's owner may not see.",
    412: "If-Match does not match the record's current ETag: read it again.",
    428: "If-Match is missing.",
    429: "Too many requests for this token: wait for the seconds in Retry-After.",
}
INVALID_EXAMPLE = OpenApiExample(
    "A rule broken",
    value={
        "type": "urn:resettle:problem:invalid",
        "title": "The request has mistakes",
        "status": 400,
        "detail": "Enter the child's legal name",
        "errors": {"legal_name": ["Enter the child's legal name"]},
    },
    response_only=True,
    status_codes=["400"],
)


def problems(*codes: int) -> dict:
    return {
        (code, CONTENT_TYPE): OpenApiResponse(ProblemSerializer, description=WHY[code])
        for code in codes
    }


SITE = problems(401, 403, 429)
LIST = problems(401, 403, 404, 429)
CREATE = problems(400, 401, 403, 404, 429)
UPDATE = problems(400, 401, 403, 404, 412, 428, 429)

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag from your last GET of this record.",
)
PAGES = [
    OpenApiParameter("page", int, description="Which page, from 1."),
    OpenApiParameter("page_size", int, description="Records a page: 25 unless given, at most 100."),
]

CHILD_EXAMPLE = {
    "id": "0b7f1e9c-3c1a-4a52-9d49-5d2b2c1f6a10",
    "preferred_name": "Jay",
    "legal_name": "Jayden Example",
    "date_of_birth": "2009-05-17",
    "gender": "boy",
    "ethnicity": "not_stated",
    "first_language": "English",
    "care_status": "looked_after",
    "communication_needs": "",
    "lead_practitioner": None,
    "lead_practitioner_name": None,
    "local_reference": "CAM-00042",
    "owning_service": "camden",
    "current_legal_status": None,
    "created_at": "2026-03-04T10:15:00Z",
    "changed_at": "2026-03-04T10:15:00Z",
}
CHILD_IN = {
    "preferred_name": "Jay",
    "legal_name": "Jayden Example",
    "date_of_birth": "2009-05-17",
    "gender": "boy",
    "ethnicity": "not_stated",
    "care_status": "looked_after",
    "local_reference": "CAM-00042",
}
LEGAL_STATUS_IN = {
    "status": "sentenced_custody",
    "sentence_type": "dto",
    "establishment": "feltham",
    "starts_on": "2026-03-04",
    "expected_release_on": "2026-09-04",
}
ACTION_IN = {
    "pathway": "ete",
    "kind": "structural",
    "description": "Enrol on the motor vehicle course at college",
    "owner_name": "Skills for Tomorrow College",
    "due_on": "2026-06-01",
    "goals": [],
}
MEETING_IN = {
    "kind": "review",
    "held_on": "2026-03-04",
    "child_attended": True,
    "decisions": "Jay will start the course in June.",
}
NOTE_IN = {"text": "Jay settled well on the unit this week."}
VOICE_IN = {
    "recorded_on": "2026-03-04",
    "conversation": "custody_visit",
    "words_are": "verbatim",
    "who_do_you_want_to_be": "A mechanic with my own garage",
    "share_with_partners": False,
}


def example(name: str, value: dict, *, request: bool = True) -> OpenApiExample:
    return OpenApiExample(name, value=value, request_only=request, response_only=not request)


LEGAL_STATUS_OUT = {
    "id": "5d1f8a3e-2b8c-4f0e-9a47-0c6e2f3b9d21",
    **LEGAL_STATUS_IN,
    "notes": "",
    "created_at": "2026-03-04T10:20:00Z",
}
ACTION_OUT = {
    "id": "8c2d6b1a-7e4f-4a9b-b3c5-1d2e3f4a5b6c",
    **ACTION_IN,
    "owner_person": None,
    "owner_organisation": None,
    "status": "in-progress",
    "status_reason": "",
    "specific_service": "Motor vehicle level 1",
    "created_at": "2026-03-04T10:25:00Z",
    "changed_at": "2026-03-11T09:00:00Z",
}
TOUCHPOINT_OUT = {
    "id": "2f9e8d7c-6b5a-4c3d-8e1f-0a9b8c7d6e5f",
    "name": "Initial planning meeting",
    "due_on": "2026-03-18",
    "completed_on": None,
    "superseded_on": None,
    "status": "due",
}
MEETING_OUT = {
    "id": "4a3b2c1d-0e9f-4a8b-9c7d-6e5f4a3b2c1d",
    **MEETING_IN,
    "people": [],
    "organisations": ["feltham"],
    "family_attended": False,
    "other_attendees": "",
    "four_questions_revisited": False,
    "created_at": "2026-03-04T15:00:00Z",
}
NOTE_OUT = {
    "id": "9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
    **NOTE_IN,
    "written_by": "Amara Okafor",
    "organisation": "Camden Youth Justice Service",
    "created_at": "2026-03-04T16:00:00Z",
}
VOICE_OUT = {
    "id": "7e6d5c4b-3a2f-4e1d-9c8b-7a6f5e4d3c2b",
    **VOICE_IN,
    "recorded_by": "Amara Okafor",
    "who_are_you": "",
    "strengths_in_own_words": "",
    "how_to_get_there": "",
    "strengths": [],
    "self_rating": 7,
    "entered_by_child": False,
    "created_at": "2026-03-04T16:30:00Z",
}
PATHWAY_OUT = {
    "slug": "ete",
    "name": "Education, training and employment",
    "child_friendly_name": "School, college and work",
    "is_active": True,
}
STATUS_OUT = {
    "slug": "in-progress",
    "name": "In progress",
    "needs_reason": False,
    "is_closed": False,
    "is_active": True,
}
