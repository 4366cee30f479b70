"""Everything a case worker does every day works with JavaScript switched off."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from resettle.children.models import CareStatus

from ..factories import ChildFactory


def test_case_worker_searches_filters_and_edits_a_child_without_javascript(
    browsing, page_without_javascript, amara, priya, camden, camden_child
):
    page = page_without_javascript
    kai = ChildFactory(
        preferred_name="Kai",
        legal_name="Kai Testperson",
        owning_service=camden,
        lead_practitioner=amara,
        care_status=CareStatus.LOOKED_AFTER,
        local_reference="CAM-00002",
    )
    ChildFactory(
        preferred_name="Zara",
        legal_name="Zara Testperson",
        owning_service=camden,
        lead_practitioner=priya,
        care_status=CareStatus.CARE_LEAVER,
        local_reference="CAM-00003",
    )

    browsing.sign_in(page, amara)
    # No script has run: GOV.UK Frontend marks the body when its JavaScript starts.
    assert page.evaluate("() => document.body.className") == "govuk-template__body"
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    expect(page.get_by_text("2 children")).to_be_visible()

    # Search by name.
    page.get_by_label("Search by name or reference").fill("jay")
    page.get_by_role("button", name="Apply").click()
    browsing.check(page)
    expect(page.get_by_text("1 child", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Jay", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Kai", exact=True)).to_have_count(0)

    # A search that finds nobody says so and offers a way back.
    page.get_by_label("Search by name or reference").fill("nobody-by-this-name")
    page.get_by_role("button", name="Apply").click()
    browsing.check(page)
    expect(page.get_by_role("heading", name="No children match your search")).to_be_visible()
    page.get_by_role("link", name="Clear search and filters").first.click()
    browsing.check(page)
    expect(page.get_by_label("Search by name or reference")).to_have_value("")
    expect(page.get_by_text("2 children")).to_be_visible()

    # Filter by care status.
    page.get_by_label("Care status").select_option(label="Looked after")
    page.get_by_role("button", name="Apply").click()
    browsing.check(page)
    expect(page.get_by_text("1 child", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Kai", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Jay", exact=True)).to_have_count(0)
    expect(page.get_by_label("Care status")).to_have_value(CareStatus.LOOKED_AFTER)

    # Everyone in the service, filtered by lead practitioner.
    page.get_by_role("link", name="All children in my service").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("All children in my service")
    expect(page.get_by_text("3 children")).to_be_visible()
    page.get_by_label("Lead practitioner").select_option(label="Priya Shah")
    page.get_by_role("button", name="Apply").click()
    browsing.check(page)
    expect(page.get_by_text("1 child", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Zara", exact=True)).to_be_visible()

    # Open a child and change their details.
    browsing.goto(page, "/children/?scope=mine&care_status=looked_after")
    page.get_by_role("link", name="Kai", exact=True).click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Kai")
    page.get_by_role("button", name="Change details").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Change details for Kai")

    # A mistake is explained, with the other answers kept.
    page.get_by_label("Preferred name").fill("   ")
    page.get_by_label("First language").fill("Somali")
    page.get_by_role("button", name="Save changes").click()
    browsing.check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_have_text(["Enter the child's preferred name"])
    expect(page.get_by_label("First language")).to_have_value("Somali")
    summary.get_by_role("link").click()  # a plain fragment link
    expect(page).to_have_url(re.compile(r"#id_preferred_name$"))

    page.get_by_label("Preferred name").fill("Kai")
    page.get_by_role("group", name="Care status").get_by_label("Care leaver").check()
    page.get_by_role("button", name="Save changes").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "The child's details have been saved"
    )
    details = page.locator(".govuk-summary-list")
    expect(details.locator(".govuk-summary-list__row", has_text="First language")).to_contain_text(
        "Somali"
    )
    expect(details.locator(".govuk-summary-list__row", has_text="Care status")).to_contain_text(
        "Care leaver"
    )
    kai.refresh_from_db()
    assert (kai.preferred_name, kai.first_language, kai.care_status) == (
        "Kai",
        "Somali",
        CareStatus.CARE_LEAVER,
    )

    # The change is in the child's history, credited to Amara.
    page.get_by_role("link", name="Change history").click()
    browsing.check(page)
    latest = page.get_by_role("table").locator("tbody tr").first
    expect(latest).to_contain_text("Amara Okafor")
    expect(latest).to_contain_text("Care status, First language")

    # Signing out is a form, so it needs no script either.
    page.get_by_role("button", name="Sign out").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
