"""Forgotten password: from the sign-in page to signing in with a new one, in a real browser, every
page checked with axe-core; and the pages for a used link and for the database being unavailable."""

from __future__ import annotations

import re

from django.core import mail
from django.db import OperationalError
from playwright.sync_api import expect

NEW_PASSWORD = "lantern meadow quartz violin"


def test_a_person_resets_their_forgotten_password_and_signs_in(browsing, page, amara):
    browsing.goto(page, "/sign-in/")
    page.get_by_role("link", name="Reset your password").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Reset your password")

    page.get_by_role("button", name="Send the link").click()  # nothing typed
    browsing.check(page)
    expect(page.get_by_role("link", name="Enter your email address")).to_be_visible()

    page.get_by_label("Email address").fill("Amara@Camden.test")
    page.get_by_role("button", name="Send the link").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    [message] = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    browsing.goto(page, path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert "/account/password/choose/" in page.url  # the token left the address bar

    page.get_by_label("New password", exact=True).fill("short")
    page.get_by_label("Confirm new password").fill("short")
    page.get_by_role("button", name="Save password").click()
    browsing.check(page)
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()

    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    browsing.check(page)
    expect(page.get_by_text("Your password has been set")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Resettle")

    browsing.sign_in(page, amara, password=NEW_PASSWORD)

    # The link worked once.
    browsing.goto(page, path)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "This link has expired or has already been used"
    )


def test_the_service_unavailable_page_is_accessible(browsing, page, amara, monkeypatch):
    browsing.sign_in(page, amara)
    # The database goes away while the home page is working out where to send Amara.
    monkeypatch.setattr("resettle.web.site.policy.can_view_children", _database_gone)
    browsing.goto(page, "/", status=503)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sorry, the service is unavailable")
    expect(page).to_have_title("Sorry, the service is unavailable - Resettle")


def _database_gone(user):
    raise OperationalError("the database has gone away")
