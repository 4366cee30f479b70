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
ETAG_HEADER = {"ETag": {"description": "The record's version, for If-Match", "schema": {}}}

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
