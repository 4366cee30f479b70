"""Service-wide pages: health check, home, error pages and the public information pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_health_check_answers_without_signing_in(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_unknown_page_shows_the_govuk_page_not_found(client_for, amara):
    response = client_for(amara).get("/no-such-page/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "<title>Page not found - Resettle</title>" in content
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in content
    assert "If you typed the web address, check it is correct." in content


def test_unknown_page_is_not_found_for_anyone(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_forbidden_page_is_a_govuk_page(client_for, dev):
    response = client_for(dev).get(reverse("children:caseload"))
    assert response.status_code == 403
    content = response.content.decode()
    assert "<title>You do not have permission to do this - Resettle</title>" in content
    assert '<h1 class="govuk-heading-l">You do not have permission to do this</h1>' in content


@pytest.mark.parametrize("name", ["core:accessibility", "core:privacy"])
def test_information_pages_are_public(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_home_sends_a_case_worker_to_their_caseload(client_for, amara):
    response = client_for(amara).get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url == reverse("children:caseload")


def test_home_asks_anyone_signed_out_to_sign_in(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:sign-in"))


def test_pages_carry_the_security_headers(client):
    response = client.get(reverse("accounts:sign-in"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_static_files_are_served_in_demo_mode(client):
    response = client.get("/static/js/app.js")
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]
