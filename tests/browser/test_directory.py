"""The menu of support in a real browser, every page checked with axe-core: a Camden case worker
finds a service for a 16-year-old on the education pathway; the partnership lead changes a
service; the Camden manager proposes a change and the lead accepts it."""

from __future__ import annotations

from playwright.sync_api import expect

from resettle.directory.queries import service_detail
from resettle.directory.taxonomy import ensure_taxonomy
from resettle.directory.values import values_of

from ..directory.helpers import make_service, organization


def _directory(dev):
    ensure_taxonomy()  # the live server's database is emptied between tests
    provider = organization()
    motor = make_service(dev, provider)  # Camden, ETE, 15 to 18
    make_service(
        dev,
        provider,
        name="Hackney Supported Lodgings",
        pathways=["accommodation"],
        areas=["hackney"],
        support=["structural"],
    )
    make_service(
        dev,
        provider,
        name="Camden Adult Health Checks",
        pathways=["health"],
        minimum_age=18,
        maximum_age=25,
    )
    return motor


def test_a_case_worker_finds_a_service_for_a_16_year_old_in_camden(browsing, page, amara, dev):
    _directory(dev)
    browsing.sign_in(page, amara)
    page.get_by_role("link", name="Services", exact=True).click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a service")
    expect(page.get_by_role("heading", name="3 services")).to_be_visible()

    page.get_by_label("Pathway").select_option(label="Education, training and employment")
    page.get_by_label("Borough").select_option(label="Camden")
    page.get_by_label("Age of the child").fill("16")
    page.get_by_role("button", name="Apply filters").click()
    browsing.check(page)
    expect(page.get_by_role("heading", name="1 service")).to_be_visible()
    expect(page.get_by_label("Age of the child")).to_have_value("16")

    page.get_by_role("link", name="Second Start Motor Skills").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Second Start Motor Skills")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Ages 15 to 18")
    expect(main).to_contain_text("Email the referral form with the young person's consent.")
    expect(main).to_contain_text("020 7946 0001")
    expect(main).to_contain_text("Monday to Friday, 9am to 5pm")
    expect(page.get_by_role("button", name="Change this service")).to_have_count(0)

    page.get_by_role("link", name="Back to services").click()
    browsing.check(page)
    page.get_by_label("Search", exact=True).fill("helicopter")
    page.get_by_role("button", name="Apply filters").click()
    browsing.check(page)
    expect(page.get_by_role("heading", name="No services match your search")).to_be_visible()


def test_the_partnership_lead_changes_a_service(browsing, page, dev):
    motor = _directory(dev)
    browsing.sign_in(page, dev)
    browsing.goto(page, f"/services/{motor.id}/")
    page.get_by_role("button", name="Change this service").click()
    browsing.check(page)
    page.get_by_label("Waiting time (optional)").fill("")
    page.get_by_label("Name of the service").fill("")
    page.get_by_role("button", name="Save changes").click()
    browsing.check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name of the service")
    summary.get_by_role("link", name="Enter the name of the service").click()
    expect(page.get_by_label("Name of the service")).to_be_focused()

    page.get_by_label("Name of the service").fill("Second Start Motor Skills")
    page.get_by_label("Waiting time (optional)").fill("Places in September")
    page.get_by_role("group", name="Pathways").get_by_label("Health").check()
    page.get_by_label("I have checked this information with the service today").check()
    page.get_by_role("button", name="Save changes").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The service has been changed"
    )
    expect(page.get_by_role("main")).to_contain_text("Places in September")
    expect(page.get_by_role("main")).to_contain_text("Last checked with the service on")

    page.get_by_role("link", name="See the changes to this service").click()
    browsing.check(page)
    expect(page.get_by_role("table")).to_contain_text("About two weeks → Places in September")


def test_the_camden_manager_proposes_a_change_and_the_lead_accepts_it(browsing, page, priya, dev):
    motor = _directory(dev)
    browsing.sign_in(page, priya)
    browsing.goto(page, f"/services/{motor.id}/")
    page.get_by_role("button", name="Propose a change").click()
    browsing.check(page)
    page.get_by_label("Telephone (optional)").fill("020 7946 0777")
    page.get_by_role("button", name="Send proposal").click()
    browsing.check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the service should")
    expect(page.get_by_label("Telephone (optional)")).to_have_value("020 7946 0777")
    page.get_by_label("Why should it change?").fill("They told us at the panel on Monday")
    page.get_by_role("button", name="Send proposal").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your proposal has been sent"
    )
    expect(page.get_by_role("table")).to_contain_text("020 7946 0777")

    lead = browsing.new_page()
    browsing.sign_in(lead, dev)
    lead.get_by_role("link", name="Services", exact=True).click()
    browsing.check(lead)
    lead.get_by_role("link", name="Proposed changes").click()
    browsing.check(lead)
    lead.get_by_role("link", name="Second Start Motor Skills").click()
    browsing.check(lead)
    row = lead.get_by_role("row", name="Telephone")
    expect(row).to_contain_text("020 7946 0001")
    expect(row).to_contain_text("020 7946 0777")
    lead.get_by_label("Accept the change").check()
    lead.get_by_role("button", name="Save decision").click()
    browsing.check(lead)
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("The change has been made")
    assert values_of(service_detail(motor.id))["phone"] == "020 7946 0777"

    browsing.goto(page, f"/services/{motor.id}/")
    expect(page.get_by_role("main")).to_contain_text("020 7946 0777")
