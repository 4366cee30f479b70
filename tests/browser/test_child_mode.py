"""Child mode in a real browser: Jay answers the four questions on Amara's device, can reach
nothing else, and Amara leaves with her password. Every page is checked with axe-core."""

from __future__ import annotations

from playwright.sync_api import expect

from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Contingency, Pathway, Plan, PlanAction
from resettle.voice.models import Strength, VoiceEntry

from .browsing import PASSWORD


def jays_plan(child) -> None:
    # The data migrations load these; the live server's database is emptied between tests.
    ensure_defaults()
    for order, name in enumerate(["Funny", "Good with my hands", "Sporty"]):
        Strength.objects.get_or_create(name=name, defaults={"order": order})
    plan = Plan.objects.create(child=child, vision="Work in a garage")
    action = PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="accommodation"),
        kind="structural",
        description="Find a room at Hope House",
        owner_name="Aunt Grace",
        status=ActionStatus.objects.get(slug="in-progress"),
    )
    Contingency.objects.create(action=action, plan_b="Stay with Aunt Grace for two weeks")


def test_jay_answers_the_four_questions_in_child_mode_and_amara_leaves_with_her_password(
    browsing, page, amara, camden_child
):
    jays_plan(camden_child)
    browsing.sign_in(page, amara)
    browsing.goto(page, f"/children/{camden_child.public_id}/my-plan/")
    expect(page.get_by_role("heading", name="Somewhere to live")).to_be_visible()

    page.get_by_role("button", name="Start child mode").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jay's plan")
    expect(page.get_by_text("Plan B: Stay with Aunt Grace for two weeks")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    expect(page.get_by_role("link", name="Children")).to_have_count(0)
    expect(page.get_by_text(camden_child.legal_name)).to_have_count(0)

    page.get_by_role("button", name="Answer the four questions").click()
    browsing.check(page)
    page.get_by_label("Who are you?").fill("I'm Jay. I like engines.")
    page.get_by_label("Who do you want to be?").fill("A mechanic")
    page.get_by_label("Good with my hands").check()
    page.get_by_label("Funny").check()
    page.get_by_label("How are you going to get there?").fill("Go to college")
    page.get_by_role("group", name="How sure do you feel").get_by_label("7", exact=True).check()
    page.get_by_role("button", name="Save my answers").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Thank you. Your answers are saved."
    )
    expect(page.get_by_text("I'm Jay. I like engines.")).to_be_visible()

    # Anything else is refused, and the child is offered the way back.
    browsing.goto(page, "/children/", status=403)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You cannot go to that page in child mode"
    )
    browsing.goto(page, f"/children/{camden_child.public_id}/voice/", status=403)
    page.get_by_role("link", name="Back to my plan").click()
    browsing.check(page)

    page.get_by_role("link", name="Finished? Give the device back to your worker").click()
    browsing.check(page)
    page.get_by_label("Worker's password").fill("not the password")
    page.get_by_role("button", name="Leave child mode").click()
    browsing.check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("The password is not correct")
    page.get_by_label("Worker's password").fill(PASSWORD)
    page.get_by_role("button", name="Leave child mode").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Child mode is off.")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()

    browsing.goto(page, f"/children/{camden_child.public_id}/voice/")
    expect(page.locator("#latest-entry")).to_contain_text("Jay typed this in child mode on")
    expect(page.locator("#voice-history")).to_contain_text("Typed by the child in child mode")
    expect(page.locator(".app-voice-answers")).to_contain_text("I'm Jay. I like engines.")
    entry = VoiceEntry.across_children.get(child=camden_child)
    assert entry.entered_by_child
    assert entry.recorded_by == amara
    assert entry.self_rating == 7
