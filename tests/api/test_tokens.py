"""Personal access tokens: made after confirming it is you, shown once, stored as a fingerprint,
listed with their last use, revoked by their owner or an administrator; refused when revoked or
expired; read tokens cannot write; every token is rate-limited on its own."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.throttling import SimpleRateThrottle

from resettle.accounts import reauth
from resettle.api.models import AccessToken
from resettle.api.throttling import PerTokenThrottle
from resettle.audit.models import AuditEvent
from resettle.core.dates import today

from .conftest import ApiClient, make_token

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
CHILDREN = "/api/v1/children/"


def confirmed(client_for, user):
    client = client_for(user)
    client.post(reauth.reauthenticate_url("/account/tokens/add/"), {"password": PASSWORD})
    return client


def form(**values):
    expires = values.pop("expires", today() + timedelta(days=30))
    return {
        "name": "ChildView link",
        "scope": "read_write",
        "expires_on_day": expires.day,
        "expires_on_month": expires.month,
        "expires_on_year": expires.year,
        **values,
    }


class TestMakingAToken:
    def test_making_a_token_first_asks_for_your_password(self, client_for, amara):
        response = client_for(amara).get(reverse("integrations:token-add"))
        assert response.status_code == 302
        assert response.url == reauth.reauthenticate_url("/account/tokens/add/")

    def test_the_token_is_shown_once_and_only_its_fingerprint_is_kept(self, client_for, amara):
        client = confirmed(client_for, amara)
        response = client.post(reverse("integrations:token-add"), form())
        assert response.status_code == 200
        raw = response.context["raw"]
        assert raw.startswith("rst_") and raw in response.content.decode()
        token = AccessToken.objects.get(user=amara)
        assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
        assert raw not in str(AccessToken.objects.filter(pk=token.pk).values().get())
        listing = client.get(reverse("integrations:tokens")).content.decode()
        assert "ChildView link" in listing and raw not in listing
        assert ApiClient(raw).get(CHILDREN).status_code == 200
        entry = AuditEvent.objects.get(action="api.token_created")
        assert entry.actor == amara and raw not in str(entry.detail)

    def test_a_token_lasts_at_most_a_year(self, client_for, amara):
        client = confirmed(client_for, amara)
        response = client.post(
            reverse("integrations:token-add"), form(expires=today() + timedelta(days=400))
        )
        assert response.status_code == 200
        assert "A token can last at most a year" in response.content.decode()
        assert not AccessToken.objects.exists()

    def test_a_form_with_mistakes_keeps_what_was_typed(self, client_for, amara):
        client = confirmed(client_for, amara)
        response = client.post(reverse("integrations:token-add"), form(name="", scope=""))
        html = response.content.decode()
        assert "Enter a name for the token" in html and "Select what the token can do" in html
        assert 'href="#id_name"' in html  # the error summary links to the field

    def test_people_without_childrens_records_have_no_tokens(self, client_for, dev, alex):
        for person in (dev, alex):
            assert client_for(person).get(reverse("integrations:tokens")).status_code == 403
            assert (
                "Personal access tokens" not in client_for(person).get("/account/").content.decode()
            )

    def test_the_account_page_links_to_your_tokens(self, client_for, amara):
        html = client_for(amara).get("/account/").content.decode()
        assert reverse("integrations:tokens") in html


class TestUsingAToken:
    def test_a_revoked_token_is_refused(self, client_for, amara):
        raw = make_token(amara)
        token = AccessToken.objects.get(user=amara)
        response = client_for(amara).post(
            reverse("integrations:token-revoke", args=[token.public_id])
        )
        assert response.status_code == 302
        refused = ApiClient(raw).get(CHILDREN)
        assert refused.status_code == 401
        assert refused["Content-Type"] == "application/problem+json"
        assert refused.json()["detail"] == "The token has been revoked."
        assert refused["WWW-Authenticate"].startswith("Bearer")
        assert AuditEvent.objects.filter(action="api.token_revoked", actor=amara).exists()

    def test_an_expired_token_is_refused(self, amara):
        raw = make_token(amara)
        AccessToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
        response = ApiClient(raw).get(CHILDREN)
        assert response.status_code == 401
        assert response.json()["detail"] == "The token has expired."

    def test_no_token_or_a_made_up_one_is_refused(self, amara):
        make_token(amara)
        for client in (ApiClient(None), ApiClient("rst_0123456789_nottherightsecret")):
            response = client.get(CHILDREN)
            assert response.status_code == 401
            assert response.json()["type"] == "about:blank"

    def test_a_session_cookie_is_not_a_way_into_the_api(self, client_for, amara, camden_child):
        client = client_for(amara)
        assert client.get(CHILDREN).status_code == 401
        assert client.post(CHILDREN, {}, content_type="application/json").status_code == 401

    def test_someone_elses_token_cannot_be_revoked_from_your_page(self, client_for, amara, priya):
        make_token(priya)
        token = AccessToken.objects.get(user=priya)
        response = client_for(amara).post(
            reverse("integrations:token-revoke", args=[token.public_id])
        )
        assert response.status_code == 404
        assert AccessToken.objects.get(pk=token.pk).revoked_at is None

    def test_an_administrator_revokes_anyones_token(self, client_for, alex, amara):
        raw = make_token(amara)
        token = AccessToken.objects.get(user=amara)
        response = client_for(alex).post(
            reverse("admin:api_accesstoken_changelist"),
            {"action": "revoke", "_selected_action": [token.pk]},
        )
        assert response.status_code == 302
        assert ApiClient(raw).get(CHILDREN).status_code == 401
        assert AccessToken.objects.get(pk=token.pk).revoked_by == alex

    def test_a_read_token_cannot_write(self, amara):
        response = ApiClient(make_token(amara, scope="read")).post(CHILDREN, {"legal_name": "X"})
        assert response.status_code == 403
        assert "can only read" in response.json()["detail"]

    def test_the_last_use_is_recorded(self, amara):
        raw = make_token(amara)
        ApiClient(raw).get(CHILDREN)
        assert AccessToken.objects.get(user=amara).last_used_at is not None

    def test_too_many_calls_are_slowed_down_per_token(self, amara, priya, monkeypatch):
        monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "3/minute"})
        busy, other = ApiClient(make_token(amara)), ApiClient(make_token(priya))
        statuses = [busy.get(CHILDREN).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        limited = busy.get(CHILDREN)
        assert limited["Content-Type"] == "application/problem+json"
        assert limited.json()["status"] == 429 and int(limited["Retry-After"]) > 0
        assert other.get(CHILDREN).status_code == 200  # the limit is per token
        assert issubclass(PerTokenThrottle, SimpleRateThrottle)


def test_the_tokens_page_takes_the_same_queries_however_many_tokens(
    client_for, amara, django_assert_num_queries
):
    client = client_for(amara)
    make_token(amara)
    client.get(reverse("integrations:tokens"))
    with CaptureQueriesContext(connection) as context:
        client.get(reverse("integrations:tokens"))
    for _ in range(5):
        make_token(amara)
    with django_assert_num_queries(len(context)):
        assert len(client.get(reverse("integrations:tokens")).context["tokens"]) == 6
