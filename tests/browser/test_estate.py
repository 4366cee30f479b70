"""The secure establishment's workspace in a real browser, every page checked with axe-core: Chloe
at HMYOI Feltham sees the children placed there apart from those shared for another reason, and
releases with their readiness; she records a course Jay is doing, linked to his goal, and it shows
on his plan, on his journey as a ladder, and on his own plan under "What I've done"."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from resettle.access.models import Share
from resettle.children.models import LegalStatusEpisode
from resettle.core.dates import today
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import Goal, Plan


def placed_at_feltham(child, feltham, amara) -> None:
    episode = LegalStatusEpisode.objects.create(
        child=child,
        status="sentenced_custody",
        sentence_type="dto",
        establishment=feltham,
        starts_on=today() - timedelta(days=40),
        expected_release_on=today() + timedelta(days=20),
    )
    Share.objects.create(
        child=child,
        organisation=feltham,
        purpose="Placed here",
        ends_on=today() + timedelta(days=90),
        placement=episode,
        created_by=amara,
    )


def test_chloe_works_from_the_establishments_lists_and_records_jays_course(
    browsing, page, chloe, amara, camden_child, hackney_child, feltham, ben
):
    ensure_defaults()
    placed_at_feltham(camden_child, feltham, amara)
    plan = Plan.objects.create(child=camden_child, vision="Work in a garage")
    Goal.objects.create(plan=plan, text="Get on the motor vehicle course", order=1)
    Share.objects.create(
        child=hackney_child,
        organisation=feltham,
        purpose="Preparing for a possible remand",
        ends_on=today() + timedelta(days=30),
        created_by=ben,
    )

    browsing.sign_in(page, chloe)
    page.get_by_role("link", name="Establishment").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Children placed here now")
    expect(page.locator("#placed tbody tr td:first-child a")).to_have_text(["Jay"])

    page.get_by_role("link", name="Shared for another reason").click()
    browsing.check(page)
    expect(page.locator("#shared tbody tr td:first-child a")).to_have_text(["Kemi"])

    page.get_by_role("link", name="Arrivals and releases").click()
    browsing.check(page)
    releases = page.locator("#releases")
    expect(releases).to_contain_text("Jay")
    expect(releases).to_contain_text("Accommodation confirmed")  # not done yet: readiness
    expect(releases.locator(".govuk-tag")).to_have_count(1)

    page.get_by_role("link", name="Our week").click()
    browsing.check(page)

    # Jay's course, linked to his goal.
    browsing.goto(page, f"/children/{camden_child.public_id}/plan/")
    page.get_by_role("button", name="Record progress in custody").click()
    browsing.check(page)
    page.get_by_label("Course", exact=True).check()
    page.get_by_label("What did the child do?").fill("Motor vehicle level 1 in the workshop")
    started = today() - timedelta(days=10)
    group = page.get_by_role("group", name="When did it start?")
    group.get_by_label("Day").fill(str(started.day))
    group.get_by_label("Month").fill(str(started.month))
    group.get_by_label("Year").fill(str(started.year))
    page.get_by_label("Hours (optional)").fill("24")
    page.get_by_label("Which goal does it build towards?").select_option(
        label="Get on the motor vehicle course"
    )
    page.get_by_role("button", name="Record progress").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The progress has been recorded"
    )
    progress = page.locator("#progress + table")
    expect(progress).to_contain_text("Motor vehicle level 1 in the workshop")
    expect(progress).to_contain_text("Get on the motor vehicle course")

    browsing.goto(page, f"/children/{camden_child.public_id}/journey/")
    ladder = page.locator(".app-timeline__item--progress")
    expect(ladder).to_contain_text("Ladder")
    expect(ladder).to_contain_text("Motor vehicle level 1 in the workshop")

    browsing.goto(page, f"/children/{camden_child.public_id}/my-plan/")
    done = page.locator("section", has=page.get_by_role("heading", name="What I've done"))
    expect(done).to_contain_text("A course: Motor vehicle level 1 in the workshop")
    expect(done).to_contain_text("This helps me with: Get on the motor vehicle course")
    # "Important dates" is in the page's own type, not the browser's serif.
    family = page.locator(".app-my-plan__dates dd").first.evaluate(
        "element => getComputedStyle(element).fontFamily"
    )
    assert "arial" in family.lower() and "serif" not in family.lower().replace("sans-serif", "")
