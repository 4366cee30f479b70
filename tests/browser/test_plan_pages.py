"""The plan pages in a real browser, each checked with axe-core."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from resettle.core.dates import today
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import Contingency, PlanAction


def test_amara_builds_jays_plan_from_his_words_to_his_agreement(
    browsing, page, amara, camden_child
):
    ensure_defaults()  # the live server's database is emptied between tests
    browsing.sign_in(page, amara)
    browsing.goto(page, f"/children/{camden_child.public_id}/plan/")
    expect(page.get_by_text("Not written yet. Ask Jay")).to_be_visible()

    page.get_by_role("link", name="Write who they want to be").click()
    browsing.check(page)
    page.get_by_label("Who does the child want to be?").fill("A mechanic with my own garage")
    page.get_by_label("Not appropriate").check()
    page.get_by_role("button", name="Save").click()
    browsing.check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say why the family is not involved")
    summary.get_by_role("link", name="Say why the family is not involved").click()
    expect(page.get_by_label("If not, why not?")).to_be_focused()
    expect(page.get_by_label("Who does the child want to be?")).to_have_value(
        "A mechanic with my own garage"
    )
    page.get_by_label("If not, why not?").fill("Mum has asked not to be involved for now")
    page.get_by_role("button", name="Save").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("vision has been saved")

    page.get_by_role("button", name="Add a goal").click()
    browsing.check(page)
    page.get_by_label("The goal, in the child's words").fill("Get on the motor vehicle course")
    page.get_by_role("button", name="Add goal").click()
    browsing.check(page)
    expect(page.locator("#goals + ol")).to_contain_text("Get on the motor vehicle course")

    page.get_by_role("link", name="Add structural support for Education, training").click()
    browsing.check(page)
    page.get_by_label("What will happen?").fill("Enrol on motor vehicle level 1")
    page.get_by_role("button", name="Add action").click()
    browsing.check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say who will do this")
    page.get_by_label("Someone else").fill("Aunt Grace")
    due = today() + timedelta(days=20)
    due_date = page.get_by_role("group", name="Due date (optional)")
    due_date.get_by_label("Day").fill(str(due.day))
    due_date.get_by_label("Month").fill(str(due.month))
    due_date.get_by_label("Year").fill(str(due.year))
    page.get_by_label("Get on the motor vehicle course").check()
    page.get_by_role("button", name="Add action").click()
    browsing.check(page)
    action = PlanAction.across_children.get()
    card = page.locator(f"#action-{action.public_id}")
    expect(card).to_contain_text("Aunt Grace")
    expect(card).to_contain_text(f"{due.day} {due:%B %Y}")
    expect(card).to_contain_text("“Get on the motor vehicle course”")

    card.get_by_role("link", name="Add plan B").click()
    browsing.check(page)
    page.get_by_label("If this falls through, what happens instead?").fill("Workshop short course")
    page.get_by_role("button", name="Save plan B").click()
    browsing.check(page)
    expect(card).to_contain_text("Not yet told to the child")
    assert Contingency.across_children.get().child_told_on is None

    page.get_by_role("button", name="Record the child's agreement").click()
    browsing.check(page)
    page.get_by_label("Day").fill(str(today().day))
    page.get_by_label("Month").fill(str(today().month))
    page.get_by_label("Year").fill(str(today().year))
    page.get_by_label("On a custody visit").check()
    page.get_by_label("What did the child say about the plan? (optional)").fill("It's my plan")
    page.get_by_role("button", name="Save agreement").click()
    browsing.check(page)
    expect(page.locator("#agreement + dl")).to_contain_text("It's my plan")

    page.get_by_role("link", name="See who changed the plan and when").click()
    browsing.check(page)
    # The plan started, its vision written, a goal, an action, its plan B and the agreement.
    expect(page.locator("tbody tr")).to_have_count(6)
