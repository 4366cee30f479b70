"""A case worker's first journey, in a real browser with JavaScript on, axe-core on every page."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from resettle.children.models import CareStatus, Child, Ethnicity, Gender


def test_case_worker_signs_in_adds_a_child_finds_them_and_signs_out(
    browsing, page, amara, camden_child
):
    # Signing in: an unauthenticated visit goes to the sign-in page, then on to the caseload.
    browsing.goto(page, "/")
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Resettle")
    page.get_by_label("Email address").fill(amara.email)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Sign in").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    signed_in_as = "Signed in as Amara Okafor, Camden Youth Justice Service"
    expect(page.get_by_text(signed_in_as)).to_be_visible()
    expect(page.get_by_role("link", name="Jay", exact=True)).to_be_visible()

    # The "Add a child" form, submitted empty: an error summary that links to each field.
    page.get_by_role("button", name="Add a child").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a child")
    page.get_by_role("button", name="Add child").click()
    browsing.check(page)
    expect(page).to_have_title(re.compile("Error"))
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading", name="There is a problem")).to_be_visible()
    # GOV.UK Frontend's script moves focus to the summary so screen readers announce it.
    expect(summary).to_be_focused()
    links = summary.get_by_role("link")
    expect(links).to_have_text(
        [
            "Enter the child's preferred name",
            "Enter the child's legal name",
            "Enter date of birth",
            "Select the child's gender, or 'Not known'",
            "Select the child's ethnicity, or 'Not stated'",
            "Select the child's care status",
        ]
    )
    for link in links.all():
        target = link.get_attribute("href")
        assert target.startswith("#"), target
        expect(page.locator(target)).to_have_count(1)
    links.filter(has_text="preferred name").click()
    expect(page.get_by_label("Preferred name")).to_be_focused()
    links.filter(has_text="date of birth").click()
    expect(page.get_by_role("group", name="Date of birth").get_by_label("Day")).to_be_focused()
    expect(page.locator(".govuk-error-message")).to_have_count(6)

    # Filling it in properly.
    born = date(date.today().year - 15, 3, 4)
    page.get_by_label("Preferred name").fill("Rio")
    page.get_by_label("Legal name").fill("Rio Testperson-Adeyemi")
    date_of_birth = page.get_by_role("group", name="Date of birth")
    date_of_birth.get_by_label("Day").fill(str(born.day))
    date_of_birth.get_by_label("Month").fill(str(born.month))
    date_of_birth.get_by_label("Year").fill(str(born.year))
    page.get_by_role("group", name="Gender").get_by_label("Girl or young woman").check()
    page.get_by_label("Ethnicity").select_option(label="White: Irish")
    page.get_by_role("group", name="Care status").get_by_label("Looked after").check()
    page.get_by_label("Lead practitioner").select_option(label="Amara Okafor")
    page.get_by_label("Local reference (optional)").fill("CAM-07311")
    page.get_by_role("button", name="Add child").click()
    browsing.check(page)

    # The child's page, with a success banner.
    expect(page.get_by_role("heading", level=1)).to_have_text("Rio")
    banner = page.locator(".govuk-notification-banner--success")
    expect(banner).to_contain_text("Success")
    expect(banner).to_contain_text("Rio has been added")
    expect(page.get_by_text(born.strftime("%-d %B %Y")).first).to_be_visible()
    rio = Child.objects.get(local_reference="CAM-07311")
    assert (rio.preferred_name, rio.legal_name) == ("Rio", "Rio Testperson-Adeyemi")
    assert rio.date_of_birth == born
    assert (rio.gender, rio.ethnicity, rio.care_status) == (
        Gender.GIRL,
        Ethnicity.WHITE_IRISH,
        CareStatus.LOOKED_AFTER,
    )
    assert rio.owning_service == amara.organisation
    assert rio.lead_practitioner == amara
    expect(page).to_have_url(re.compile(rf"/children/{rio.public_id}/$"))

    # Back to the caseload; both children are there.
    page.get_by_role("link", name="Back to children").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    expect(page.get_by_text("2 children")).to_be_visible()

    # Search by name, then by reference: Rio is found, Jay is not.
    search = page.get_by_label("Search by name or reference")
    for text in ("rio", "CAM-07311"):
        search.fill(text)
        page.get_by_role("button", name="Apply").click()
        browsing.check(page)
        expect(page.get_by_text("1 child", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Rio", exact=True)).to_be_visible()
        expect(page.get_by_role("link", name="Jay", exact=True)).to_have_count(0)
        expect(search).to_have_value(text)
        search = page.get_by_label("Search by name or reference")

    # Opening the child from the results.
    page.get_by_role("link", name="Rio", exact=True).click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Rio")
    expect(page.locator(".govuk-notification-banner")).to_have_count(0)

    # Signing out.
    page.get_by_role("button", name="Sign out").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    browsing.goto(page, f"/children/{rio.public_id}/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next="))
