"""Keep a session in child mode on the child-mode pages.

Placed after the session, authentication, session-timeout and two-factor middlewares: a session
that timed out or signed out has no child mode left to keep. Any address other than the
child-mode pages — a page that exists or not, GET or POST — gets a friendly refusal in the
child's style, with a way back to their plan.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import Resolver404, resolve

from . import mode


class ChildModeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if mode.is_on(request) and not self._allowed(request):
            response = TemplateResponse(request, "childview/refused.html", status=403)
            return response.render()
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in mode.ALLOWED_VIEWS
