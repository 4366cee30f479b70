"""The audit trail in a real browser: a manager's access log and an administrator's search."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def test_manager_sees_who_has_accessed_a_childs_record_and_filters_it(
    browsing, page, priya, amara, camden_child
):
    # Amara looks at Jay's record, so there is something to see.
    browsing.sign_in(page, amara)
    browsing.goto(page, f"/children/{camden_child.public_id}/")
    expect(page.get_by_role("link", name="Access log")).to_have_count(0)
    page.get_by_role("button", name="Sign out").click()
    browsing.check(page)

    browsing.sign_in(page, priya)
    browsing.goto(page, f"/children/{camden_child.public_id}/")
    page.get_by_role("link", name="Access log").click()
    browsing.check(page)
    expect(page).to_have_title(re.compile("Who has accessed Jay's record"))
    table = page.get_by_role("table")
    expect(table.get_by_role("row")).to_have_count(4)  # header, Amara's view, Priya's, this visit
    expect(table).to_contain_text("Amara Okafor")
    expect(table).to_contain_text("Viewed the child's record")

    page.get_by_label("Who").select_option(label="Amara Okafor")
    page.get_by_role("button", name="Apply filters").click()
    browsing.check(page)
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(2)
    expect(page.get_by_role("table")).not_to_contain_text("Priya Shah")


def test_administrator_searches_the_trail_and_is_told_about_a_bad_date(browsing, page, alex):
    browsing.goto(page, "/sign-in/")
    page.get_by_label("Email address").fill(alex.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    browsing.check(page)
    expect(page.locator(".govuk-phase-banner")).to_contain_text("Signed in as Alex Morgan")
    browsing.goto(page, "/audit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the audit trail")
    expect(page.get_by_role("table")).to_contain_text("Signed in")

    from_date = page.get_by_role("group", name="From")
    from_date.get_by_label("Day").fill("31")
    from_date.get_by_label("Month").fill("2")
    from_date.get_by_label("Year").fill("2026")
    page.get_by_role("button", name="Search", exact=True).click()
    browsing.check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="The date to search from must be a real date").click()
    expect(from_date.get_by_label("Day")).to_be_focused()
    expect(from_date.get_by_label("Day")).to_have_value("31")

    page.get_by_role("link", name="Clear search").click()
    browsing.check(page)
    page.get_by_label("Person's email address").fill("alex")
    page.get_by_role("button", name="Search", exact=True).click()
    browsing.check(page)
    expect(page.get_by_role("table")).to_contain_text("Alex Morgan")
    expect(page.get_by_role("link", name="Download these entries (CSV)")).to_be_visible()
