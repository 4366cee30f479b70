"""Issue 4 end to end: record a conversation, build a plan with structural and personal support
linked to the child's goals, add a plan B, record the child's agreement, and watch the 5Cs panel
change after each step. Every page is checked with axe-core."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Page, expect

from resettle.core.dates import today
from resettle.plans.defaults import ensure_defaults
from resettle.voice.models import Strength


def status(page: Page, c: str, indicator: str):
    return page.locator(f"#five-cs-{c}-{indicator} .app-five-cs__tag")


def fill_date(group, when) -> None:
    group.get_by_label("Day").fill(str(when.day))
    group.get_by_label("Month").fill(str(when.month))
    group.get_by_label("Year").fill(str(when.year))


def test_amara_builds_jays_plan_and_the_5cs_panel_follows(browsing, page, amara, camden_child):
    ensure_defaults()  # configuration rows: the live server's database is emptied between tests
    Strength.objects.get_or_create(name="Good with my hands", defaults={"order": 1})
    plan_url = f"/children/{camden_child.public_id}/plan/"
    five_cs_url = f"/children/{camden_child.public_id}/5cs/"  # the plan page has a summary only
    browsing.sign_in(page, amara)
    browsing.goto(page, five_cs_url)
    expect(status(page, "constructive", "vision")).to_have_text("Not yet")
    expect(status(page, "co_created", "own-words-recent")).to_have_text("Not yet")
    expect(status(page, "co_created", "child-agreed")).to_have_text("Not yet")
    expect(status(page, "constructive", "strengths")).to_have_text("Not yet")

    # 1. A conversation with the four questions, in Jay's words.
    browsing.goto(page, f"/children/{camden_child.public_id}/voice/add/")
    fill_date(page.get_by_role("group", name="Date of the conversation"), today())
    page.get_by_label("A visit in custody").check()
    page.get_by_label("Who are you?").fill("A good big brother")
    page.get_by_label("Who do you want to be?").fill("A mechanic with my own garage")
    page.get_by_label("Good with my hands").check()
    page.get_by_label("How are you going to get there?").fill("Do the motor vehicle course")
    page.get_by_label("The child's own words").check()
    page.get_by_role("group", name="Did the child agree").get_by_label("Yes").check()
    page.get_by_role("button", name="Save conversation").click()
    browsing.check(page)
    browsing.goto(page, five_cs_url)
    expect(status(page, "co_created", "own-words-recent")).to_have_text("Met")
    # Strengths picked from the list, but none in Jay's own words yet.
    expect(status(page, "constructive", "strengths")).to_have_text("Partly")

    # 2. The vision, in Jay's words, and the family's part.
    browsing.goto(page, plan_url)
    page.get_by_role("link", name="Write who they want to be").click()
    browsing.check(page)
    page.get_by_label("Who does the child want to be?").fill("A mechanic with my own garage")
    page.get_by_label("Not appropriate").check()
    page.get_by_label("If not, why not?").fill("Mum has asked not to be involved for now")
    page.get_by_role("button", name="Save").click()
    browsing.check(page)
    browsing.goto(page, five_cs_url)
    expect(status(page, "constructive", "vision")).to_have_text("Met")
    expect(status(page, "co_created", "family")).to_have_text("Met")

    # 3. A goal, then structural support that serves it.
    browsing.goto(page, plan_url)
    page.get_by_role("button", name="Add a goal").click()
    browsing.check(page)
    page.get_by_label("The goal, in the child's words").fill("Get on the motor vehicle course")
    page.get_by_role("button", name="Add goal").click()
    browsing.check(page)

    page.get_by_role("link", name="Add structural support for Education, training").click()
    browsing.check(page)
    page.get_by_label("What will happen?").fill("Enrol on motor vehicle level 1")
    page.get_by_label("Someone else").fill("Aunt Grace")
    fill_date(page.get_by_role("group", name="Due date (optional)"), today() + timedelta(days=20))
    page.get_by_label("Get on the motor vehicle course").check()
    page.get_by_role("button", name="Add action").click()
    browsing.check(page)
    browsing.goto(page, five_cs_url)
    expect(status(page, "constructive", "actions-serve-goals")).to_have_text("Met")
    expect(status(page, "coordinated", "owners-and-dates")).to_have_text("Met")

    # 4. Personal support in another pathway, for who Jay wants to be.
    browsing.goto(page, plan_url)
    page.get_by_role("link", name="Add personal support for Families and relationships").click()
    browsing.check(page)
    page.get_by_label("What will happen?").fill("Fortnightly visits from his older cousin")
    page.get_by_label("Someone else").fill("Cousin Dee")
    fill_date(page.get_by_role("group", name="Due date (optional)"), today() + timedelta(days=14))
    page.get_by_label("Get on the motor vehicle course").check()
    page.get_by_role("button", name="Add action").click()
    browsing.check(page)
    expect(page.locator("main")).to_contain_text("Fortnightly visits from his older cousin")

    # 5. A plan B for the ETE arrangement, not yet told to Jay: "plans B" is not met yet.
    page.get_by_role("link", name="Add plan B").first.click()
    browsing.check(page)
    page.get_by_label("If this falls through, what happens instead?").fill("Workshop short course")
    page.get_by_role("button", name="Save plan B").click()
    browsing.check(page)
    browsing.goto(page, five_cs_url)
    before = status(page, "coordinated", "plans-b").inner_text()
    assert before != "Met"

    # 6. Jay agrees the plan, in his words.
    browsing.goto(page, plan_url)
    page.get_by_role("button", name="Record the child's agreement").click()
    browsing.check(page)
    fill_date(page, today())
    page.get_by_label("On a custody visit").check()
    page.get_by_label("What did the child say about the plan? (optional)").fill("It's my plan")
    page.get_by_role("button", name="Save agreement").click()
    browsing.check(page)
    browsing.goto(page, five_cs_url)
    expect(status(page, "co_created", "child-agreed")).to_have_text("Met")
    expect(page.locator("#five-cs-co_created .govuk-summary-list__key .govuk-tag")).to_have_text(
        "Met"
    )
