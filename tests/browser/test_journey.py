"""The journey in a real browser: a remand starts a touchpoint, a meeting meets it, a setback gets
a response, and all of it is on the timeline. axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from resettle.core.dates import today
from resettle.core.working_days import add_working_days
from resettle.journey.defaults import ensure_defaults as journey_defaults
from resettle.journey.models import Touchpoint
from resettle.plans.defaults import ensure_defaults as plan_defaults


def fill_date(page, group: str, value) -> None:
    fieldset = page.get_by_role("group", name=group, exact=True)
    fieldset.get_by_label("Day").fill(str(value.day))
    fieldset.get_by_label("Month").fill(str(value.month))
    fieldset.get_by_label("Year").fill(str(value.year))


def test_worker_records_a_remand_meets_the_touchpoint_and_responds_to_a_setback(
    browsing, page, amara, camden_child
):
    journey_defaults()  # the live server's database is flushed between tests
    plan_defaults()
    browsing.sign_in(page, amara)

    # A remand, on the legal status page.
    browsing.goto(page, f"/children/{camden_child.public_id}/legal-status/add/")
    page.get_by_label("Remanded to local authority accommodation").check()
    fill_date(page, "Start date", today())
    page.get_by_role("button", name="Save legal status").click()
    browsing.check(page)
    expect(page.get_by_text("Legal status recorded")).to_be_visible()

    # The journey: the stage, and the initial planning meeting due ten working days later.
    page.get_by_role("link", name="Journey", exact=True).click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jay")
    expect(page.locator(".app-child-header")).to_contain_text("Remand")
    due = add_working_days(today(), 10)
    row = page.get_by_role("row").filter(has_text="Initial planning meeting")
    expect(row).to_contain_text(f"{due.day} {due:%B} {due.year}")
    expect(row.locator(".govuk-tag")).to_have_text("Due")

    # Recording the meeting, with the four questions revisited.
    row.get_by_role("link", name="Record the meeting").click()
    browsing.check(page)
    expect(page.get_by_label("Initial planning meeting")).to_be_checked()
    fill_date(page, "Date of the meeting", today())
    page.get_by_role("group", name="Did the child take part?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did the child's family take part?").get_by_label("No").check()
    page.get_by_role(
        "group", name="Were the four questions revisited with the child?"
    ).get_by_label("Yes").check()
    page.get_by_label("Who do you want to be?").fill("A mechanic with my own garage")
    page.get_by_role("group", name="Whose words are these?").get_by_label(
        "The child's own words"
    ).check()
    page.get_by_label("What was decided (optional)").fill("Ask the college about a taster day")
    page.get_by_role("button", name="Save meeting").click()
    browsing.check(page)
    expect(page.get_by_text("Initial planning meeting is done")).to_be_visible()
    touchpoint = Touchpoint.across_children.get(child=camden_child, name="Initial planning meeting")
    assert touchpoint.completed_on == today()
    assert touchpoint.completed_by_meeting.voice_entry.who_do_you_want_to_be == (
        "A mechanic with my own garage"
    )

    # A setback, and the response to it.
    page.get_by_role("button", name="Record progress or a setback").click()
    browsing.check(page)
    page.get_by_label("Setback (a snake)").check()
    fill_date(page, "When did it happen?", today())
    page.get_by_label("What happened?", exact=True).fill("Missed two days of college")
    page.get_by_role("button", name="Save").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Respond to a setback")
    page.get_by_label("What led to the setback?").fill("A falling-out at home")
    page.get_by_label("What changes in the plan?").fill("Mentor calls every morning this week")
    page.get_by_label("How was it talked through with the child as temporary?").fill(
        "Two days do not undo a good term"
    )
    page.get_by_role("button", name="Save response").click()
    browsing.check(page)

    # All of it on the timeline, newest first, snakes marked in words.
    timeline = page.locator(".moj-timeline")
    items = timeline.locator(".moj-timeline__item")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("Snake")
    expect(items.nth(0)).to_contain_text("Two days do not undo a good term")
    expect(items.nth(1)).to_contain_text("Initial planning meeting")
    expect(items.nth(1)).to_contain_text("Revisited")
    expect(items.nth(2)).to_contain_text("Remanded to local authority accommodation")
    expect(timeline).not_to_contain_text("Needs a response")
