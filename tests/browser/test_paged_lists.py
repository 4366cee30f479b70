"""A manager pages through releases coming up and goes from My week's first few to the whole list,
without JavaScript, every page checked by axe-core."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from resettle.children.models import LegalStatus, LegalStatusEpisode
from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.web import week

from ..factories import ChildFactory


def test_a_manager_pages_through_releases_and_my_weeks_whole_lists(
    browsing, priya, camden, monkeypatch
):
    monkeypatch.setattr(week, "PAGE_SIZE", 3)
    monkeypatch.setattr(week, "SECTION_LIMIT", 2)
    for n in range(5):
        child = ChildFactory(preferred_name=f"Child {n}", owning_service=camden)
        LegalStatusEpisode.objects.create(
            child=child,
            status=LegalStatus.SENTENCED_CUSTODY,
            starts_on=today() - timedelta(days=60),
            expected_release_on=today() + timedelta(days=10 + n),
        )
        Touchpoint.objects.create(child=child, name=f"Review {n}", due_on=today() - timedelta(n))
    page = browsing.new_page(javascript=False)
    browsing.sign_in(page, priya)

    browsing.goto(page, "/releases/?scope=service")
    expect(page.locator("#releases-count")).to_contain_text("5 children due for release")
    expect(page.locator("#releases tbody tr")).to_have_count(3)
    page.get_by_role("link", name="Next page").click()
    browsing.check(page)
    expect(page.locator("#releases tbody tr")).to_have_count(2)
    expect(page.locator("#releases")).to_contain_text("Child 4")
    expect(page.get_by_role("link", name="All children in my service")).to_have_attribute(
        "aria-current", "page"
    )

    browsing.goto(page, "/my-week/?scope=service")
    page.get_by_role("link", name="See all touchpoints due").click()
    browsing.check(page)
    expect(page.locator("#week-showing")).to_have_text("Touchpoints: showing 1 to 3 of 5.")
    page.get_by_role("link", name="Next page").click()
    browsing.check(page)
    expect(page.locator("#week-showing")).to_have_text("Touchpoints: showing 4 to 5 of 5.")
    page.get_by_role("link", name="Show everything that is due").click()
    browsing.check(page)
    expect(page.locator("#week-see-all")).to_be_visible()
