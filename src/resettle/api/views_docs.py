"""The OpenAPI description and its documentation page (Swagger UI from local files: no CDN, no
inline script; its set-up is static/js/api-docs.js)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from . import problems


class SchemaView(SpectacularJSONAPIView):
    """The description is public, like the code it is generated from: it holds no records."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []


schema = login_not_required(SchemaView.as_view())


@login_not_required
@require_GET
def docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})


@csrf_exempt  # it changes nothing: a JSON 404 whatever the method
@login_not_required
def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under the API: a problem, not the pages' HTML."""
    return JsonResponse(
        {
            "type": "about:blank",
            "title": str(problems.TITLES[404]),
            "status": 404,
            "detail": str(problems.TITLES[404]),
        },
        status=404,
        content_type=problems.CONTENT_TYPE,
    )
