"""A rate limit per token (REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["token"])."""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle

from .models import AccessToken


class PerTokenThrottle(SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request, view) -> str | None:
        token = request.auth
        if not isinstance(token, AccessToken):
            return None  # no token, no call: authentication refuses it
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
