"""Errors as RFC 9457 problem details (`application/problem+json`).

    {"type": "urn:resettle:problem:invalid", "title": "The request has mistakes",
     "status": 400, "detail": "Enter the child's legal name",
     "errors": {"legal_name": ["Enter the child's legal name"]}}

`type` is "about:blank" (the HTTP status says it all) or one of the URNs below, documented in
docs/api.md. A business rule (`DomainError`) is a 400 with its messages by field, exactly as the
pages show them; the access policy's refusal (`PermissionDenied`) a 403; a child the caller may not
see a 404 that never confirms the child exists.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status
from rest_framework.response import Response

from resettle.core.errors import DomainError

CONTENT_TYPE = "application/problem+json"
INVALID = "urn:resettle:problem:invalid"
STALE = "urn:resettle:problem:stale"
IF_MATCH_NEEDED = "urn:resettle:problem:if-match-required"
FORBIDDEN = "urn:resettle:problem:forbidden"

TITLES = {
    400: gettext_lazy("The request has mistakes"),
    401: gettext_lazy("A valid personal access token is needed"),
    403: gettext_lazy("Not allowed"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    409: gettext_lazy("Conflict"),
    412: gettext_lazy("The record has changed since you read it"),
    415: gettext_lazy("Unsupported media type"),
    428: gettext_lazy("If-Match is required"),
    429: gettext_lazy("Too many requests"),
}
TYPES = {400: INVALID, 403: FORBIDDEN, 412: STALE, 428: IF_MATCH_NEEDED}


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy(
        "The record has changed since you read it. GET it again and send its new ETag in If-Match."
    )
    default_code = "stale"


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = gettext_lazy(
        "Send If-Match with the ETag you got when you read the record, so a change made since "
        "is never overwritten."
    )
    default_code = "if_match_required"


def problem(
    status_code: int,
    detail: str,
    *,
    errors: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {
        "type": TYPES.get(status_code, "about:blank"),
        "title": str(TITLES.get(status_code, _("Error"))),
        "status": status_code,
        "detail": str(detail),
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, headers=headers, content_type=CONTENT_TYPE)


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error detail as {"field" or "field.0.sub": [messages]}."""
    found: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = "detail" if key in ("non_field_errors", "__all__") and not prefix else key
            found.update(_flatten(value, f"{prefix}{name}" if not prefix else f"{prefix}.{name}"))
    elif (
        isinstance(detail, list) and detail and all(not isinstance(v, dict | list) for v in detail)
    ):
        found[prefix or "detail"] = [str(v) for v in detail]
    elif isinstance(detail, list):
        for index, value in enumerate(detail):
            found.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
    else:
        found[prefix or "detail"] = [str(detail)]
    return found


def domain_errors(error: DomainError) -> dict[str, list[str]]:
    return {(field or "detail"): [message] for field, message in error.errors.items()}


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, DomainError):
        return problem(400, str(exc), errors=domain_errors(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if not isinstance(exc, exceptions.APIException):
        return None  # a fault in Resettle: Django's 500
    headers: dict[str, str] = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        first = next(iter(errors.values()))[0] if errors else str(TITLES[400])
        return problem(400, first, errors=errors, headers=headers)
    detail = exc.detail if not isinstance(exc.detail, dict | list) else _flatten(exc.detail)
    if isinstance(detail, dict):
        detail = next(iter(detail.values()))[0]
    return problem(exc.status_code, str(detail), headers=headers)
