"""Serializer fields that name records the way the API does: people and records by their opaque
id (a UUID), organisations, pathways and statuses by their slug."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class PublicIdField(serializers.SlugRelatedField):
    """A related record named by its `public_id`."""

    default_error_messages = {
        "does_not_exist": _("No record has the id {value}."),
        "invalid": _("Give an id such as 3fa85f64-5717-4562-b3fc-2c963f66afa6."),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="public_id", **kwargs)

    def to_internal_value(self, data):
        try:
            uuid.UUID(str(data))
        except (TypeError, ValueError, AttributeError):
            self.fail("invalid")
        return super().to_internal_value(str(data))


class SlugField(serializers.SlugRelatedField):
    """A related record named by its `slug`."""

    default_error_messages = {
        "does_not_exist": _("Nothing is called '{value}' here."),
        "invalid": _("Give the code as text."),
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)
