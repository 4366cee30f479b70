"""The pages around the API in a real browser, each checked with axe-core: making and revoking a
personal access token, and importing from a case management system with its preview."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings as django_settings
from playwright.sync_api import expect

from resettle.children.models import Child

EXAMPLES = Path(django_settings.PROJECT_DIR) / "docs" / "import-examples"


def test_a_case_worker_makes_a_token_sees_it_once_and_revokes_it(browsing, page, amara):
    browsing.sign_in(page, amara)
    browsing.goto(page, "/account/")
    page.get_by_role("link", name="Manage your tokens for Resettle's API").click()
    browsing.check(page)
    expect(page.get_by_text("You have no tokens.")).to_be_visible()

    page.get_by_role("button", name="Create a token").click()
    browsing.check(page)
    page.get_by_label("Name").fill("")
    page.get_by_role("button", name="Create token").click()
    browsing.check(page)
    expect(page.get_by_role("alert")).to_contain_text("Enter a name for the token")

    page.get_by_label("Name").fill("ChildView link")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create token").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Token created")
    token = page.get_by_label("Your token").input_value()
    assert token.startswith("rst_")

    page.get_by_role("link", name="Back to your tokens").click()
    browsing.check(page)
    expect(page.get_by_role("table")).to_contain_text("ChildView link")
    expect(page.locator("body")).not_to_contain_text(token)
    page.get_by_role("button", name="Revoke ChildView link").click()
    browsing.check(page)
    expect(page.get_by_text("The token 'ChildView link' has been revoked")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Revoked")


def test_a_manager_checks_an_import_before_confirming_it(
    browsing, page, priya, feltham, tmp_path, settings
):
    settings.VAR_DIR = tmp_path  # the uploads folder, for this test only
    browsing.sign_in(page, priya)
    browsing.goto(page, "/children/import/")
    page.get_by_role("button", name="Check the files").click()
    browsing.check(page)
    expect(page.get_by_role("alert")).to_contain_text("Select the children file")

    page.get_by_label("Case management system").fill("childview")
    page.get_by_label("Children (CSV file)").set_input_files(EXAMPLES / "children.csv")
    page.get_by_label("Legal status (CSV file, optional)").set_input_files(
        EXAMPLES / "legal_status.csv"
    )
    page.get_by_role("button", name="Check the files").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    expect(page.locator("#children-counts")).to_contain_text("Will be added")
    expect(page.locator("#children-changes")).to_contain_text("Ife")
    assert not Child.objects.exists()

    page.get_by_role("button", name="Import", exact=True).click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Import complete")
    assert Child.objects.count() == 3
