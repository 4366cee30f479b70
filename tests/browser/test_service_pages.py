"""The pages around the record: empty caseloads, page not found, the footer pages, signed out."""

from __future__ import annotations

from playwright.sync_api import expect


def test_case_worker_with_no_children_is_told_what_to_do_next(browsing, page, amara):
    browsing.sign_in(page, amara)
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    expect(
        page.get_by_role("heading", name="You are not the lead practitioner for any children yet")
    ).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)

    page.get_by_role("link", name="See all children in your service").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("All children in my service")
    expect(
        page.get_by_role("heading", name="There are no children in your service yet")
    ).to_be_visible()
    page.get_by_role("link", name="Add the first child").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")


def test_camden_worker_gets_page_not_found_for_a_hackney_child(
    browsing, page, amara, hackney_child
):
    browsing.sign_in(page, amara)
    kemi = f"/children/{hackney_child.public_id}/"
    for path in (kemi, f"{kemi}edit/", f"{kemi}history/"):
        browsing.goto(page, path, status=404)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(page).to_have_title("Page not found - Resettle")
        expect(page.get_by_text("Kemi")).to_have_count(0)


def test_footer_pages_and_signed_out_pages_are_accessible(browsing, page, amara):
    browsing.sign_in(page, amara)
    footer = page.get_by_role("contentinfo")

    footer.get_by_role("link", name="Accessibility statement").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Accessibility statement for Resettle"
    )

    footer.get_by_role("link", name="Privacy notice").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")

    page.get_by_role("button", name="Sign out").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    page.get_by_role("button", name="Sign in again").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Resettle")

    # The footer pages are open to people who are not signed in.
    browsing.goto(page, "/accessibility/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Accessibility statement for Resettle"
    )
    browsing.goto(page, "/privacy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")

    # Why a session ended.
    browsing.goto(page, "/signed-out/inactive/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You were signed out because you were inactive"
    )
    browsing.goto(page, "/signed-out/expired/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your session has ended")
