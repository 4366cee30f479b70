"""Two people with the same goal open: the second save shows what changed instead of
overwriting it; and a form sent twice (a double click) is saved once."""

from __future__ import annotations

from playwright.sync_api import expect

from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import Goal, Plan
from tests.plans.factories import GoalFactory


def test_a_stale_save_shows_what_changed_and_the_merge_is_saved(browsing, amara, camden_child):
    ensure_defaults()
    plan = Plan.objects.create(child=camden_child, vision="A mechanic", created_by=amara)
    goal = GoalFactory(plan=plan, text="Get on the motor vehicle course")
    edit = f"/children/{camden_child.public_id}/plan/goals/{goal.public_id}/"

    first, second = browsing.new_page(), browsing.new_page()
    for page in (first, second):
        browsing.sign_in(page, amara)
        browsing.goto(page, edit)

    second.get_by_label("The goal, in the child's words").fill("Get my CSCS card")
    second.get_by_role("button", name="Save goal").click()
    browsing.check(second)
    expect(second.locator(".govuk-notification-banner")).to_contain_text("goal has been saved")

    first.get_by_label("The goal, in the child's words").fill("Motor vehicle level 2")
    first.get_by_role("button", name="Save goal").click()
    browsing.check(first)
    summary = first.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Someone else changed this while you were editing it")
    table = first.get_by_role("table")
    expect(table).to_contain_text("Get on the motor vehicle course")  # started from
    expect(table).to_contain_text("Get my CSCS card")  # now
    expect(table).to_contain_text("Motor vehicle level 2")  # typed
    expect(first.get_by_label("The goal, in the child's words")).to_have_value(
        "Motor vehicle level 2"
    )
    goal.refresh_from_db()
    assert goal.text == "Get my CSCS card"  # not overwritten

    first.get_by_label("The goal, in the child's words").fill(
        "Get my CSCS card, then motor vehicle level 2"
    )
    first.get_by_role("button", name="Save goal").click()
    browsing.check(first)
    expect(first.locator(".govuk-notification-banner")).to_contain_text("goal has been saved")
    goal.refresh_from_db()
    assert goal.text == "Get my CSCS card, then motor vehicle level 2"


def test_a_goal_sent_twice_is_added_once(browsing, page, amara, camden_child):
    """What a double click does without JavaScript: the same form, one-off key and all, twice."""
    ensure_defaults()
    Plan.objects.create(child=camden_child, vision="A mechanic", created_by=amara)
    browsing.sign_in(page, amara)
    url = f"/children/{camden_child.public_id}/plan/goals/add/"
    browsing.goto(page, url)
    box = page.get_by_label("The goal, in the child's words")
    box.fill("Cook at a restaurant")
    sent = page.locator("form", has=box).evaluate("f => Object.fromEntries(new FormData(f))")
    first = page.request.post(url, form=sent, max_redirects=0)
    again = page.request.post(url, form=sent, max_redirects=0)
    assert first.status == 302
    assert again.status == 302  # sent where the first went, with a message; nothing saved
    assert again.headers["location"] == first.headers["location"]
    assert Goal.objects.for_child(camden_child).filter(text="Cook at a restaurant").count() == 1
