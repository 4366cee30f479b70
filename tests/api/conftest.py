"""Calling the API as a person would: with their personal access token, no session, no cookie."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client

from resettle.api import services
from resettle.audit.actors import Actor
from resettle.core.dates import today


def make_token(user, scope: str = "read_write", days: int = 30) -> str:
    _token, raw = services.create_token(
        Actor(user, via="command"),
        name="Case management link",
        scope=scope,
        expires_on=today() + timedelta(days=days),
    )
    return raw


class ApiClient:
    """A client that sends a bearer token and JSON."""

    def __init__(self, raw_token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def _call(self, method: str, url: str, data=None, headers=None):
        call = getattr(self.client, method)
        kwargs = {"headers": {**self.headers, **(headers or {})}}
        if data is not None:
            kwargs.update(data=json.dumps(data), content_type="application/json")
        return call(url, **kwargs)

    def get(self, url, headers=None):
        return self._call("get", url, headers=headers)

    def post(self, url, data=None, headers=None):
        return self._call("post", url, data if data is not None else {}, headers)

    def put(self, url, data, headers=None):
        return self._call("put", url, data, headers)

    def patch(self, url, data, headers=None):
        return self._call("patch", url, data, headers)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()  # the per-token rate limit counts in the cache
    yield
    cache.clear()


@pytest.fixture
def api_for():
    def client(user, scope: str = "read_write") -> ApiClient:
        return ApiClient(make_token(user, scope))

    return client
