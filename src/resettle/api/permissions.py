"""What a token may do: read tokens read; writing needs a read-and-write token. Which children
and what for each child is the access policy's decision, asked by the views."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from resettle.access import policy

from .models import AccessToken

READ_ONLY = _("This token can only read. Make a read and write token to change records.")
NO_API = _("Your role does not use the API.")


class TokenAllows(permissions.BasePermission):
    """No token: 401 (DRF answers so when no authenticator succeeded). A role without children's
    records, or a read token on a write: 403."""

    message = READ_ONLY

    def has_permission(self, request, view) -> bool:
        token = request.auth
        if not isinstance(token, AccessToken):
            return False
        if not policy.can_use_api(request.user):
            self.message = NO_API
            return False
        self.message = READ_ONLY
        return request.method in permissions.SAFE_METHODS or token.can_write
