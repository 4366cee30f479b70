"""The partnership's figures in a real browser, every page checked with axe-core: Dev, the
partnership lead, lands on the London overview, reads a measure's chart and definition, filters
and changes the period without JavaScript; Priya, Camden's manager, sees her service by worker and
opens the children behind a number; Chloe sees her establishment's figures."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from resettle.core.dates import today
from resettle.insight.measures import MEASURES
from tests.factories import ChildFactory
from tests.insight.helpers import status, touchpoint, words


def some_children(camden, hackney, amara, ben, feltham):
    now = today()
    for i in range(12):
        service, worker = (camden, amara) if i % 2 == 0 else (hackney, ben)
        child = ChildFactory(owning_service=service, lead_practitioner=worker,
                             preferred_name=f"Quilliam{i}")  # fmt: skip
        status(child, "remand_yda" if i < 5 else "sentenced_custody",
               now - timedelta(days=100 + 7 * i), establishment=feltham,
               expected_release_on=now + timedelta(days=20 + i))  # fmt: skip
        if i % 3:
            words(child, now - timedelta(days=95 + 7 * i), worker)
        touchpoint(child, now - timedelta(days=3))


def test_the_lead_reads_londons_figures(
    browsing, page_without_javascript, dev, camden, hackney, amara, ben, feltham
):
    some_children(camden, hackney, amara, ben, feltham)
    page = page_without_javascript
    browsing.sign_in(page, dev)
    expect(page.get_by_role("heading", level=1)).to_have_text("London overview")
    assert page.locator("svg.app-chart").count() >= 5
    assert "Quilliam" not in page.content()

    page.get_by_role("navigation", name="Figures").get_by_role(
        "link", name="Services compared"
    ).click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Services and measures")

    for slug in MEASURES:
        browsing.goto(page, f"/insight/measures/{slug}/")
    browsing.goto(page, "/insight/measures/four-questions/?period=year&legal=remanded")
    expect(page.locator("p.govuk-body-l")).to_contain_text("Financial year")
    browsing.goto(page, "/insight/definitions/")
    expect(page.get_by_role("heading", name="Small numbers")).to_be_visible()

    # The period picker and filters, without JavaScript: the details open natively.
    browsing.goto(page, "/insight/")
    page.get_by_text("Change the period or filter the children").click()
    page.get_by_label("Dates").check()
    page.get_by_role("button", name="Show figures").click()
    browsing.check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the first day")
    browsing.goto(page, "/insight/?gender=robot", status=400)


def test_the_manager_sees_camden_by_worker_and_the_children_behind_a_number(
    browsing, page, priya, camden, hackney, amara, ben, feltham
):
    some_children(camden, hackney, amara, ben, feltham)
    browsing.sign_in(page, priya)
    page.get_by_role("link", name="Figures").click()
    browsing.check(page)
    page.get_by_role("link", name="Your service").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Camden Youth Justice Service")
    page.locator("a", has_text="Touchpoints overdue now, Amara").click()
    browsing.check(page)
    listed = page.locator("main .govuk-list a")
    expect(listed).to_have_count(6)
    assert ">Quilliam1<" not in page.content()  # Hackney's


def test_the_establishment_sees_its_figures(browsing, page, chloe, camden, hackney, amara, ben,
                                            feltham):  # fmt: skip
    some_children(camden, hackney, amara, ben, feltham)
    browsing.sign_in(page, chloe)
    page.get_by_role("link", name="Figures").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("HMYOI Feltham")
