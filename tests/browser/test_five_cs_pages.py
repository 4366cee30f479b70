"""The 5Cs in a real browser, each page checked with axe-core: the panel on the plan page, the
caseload's column, the child's 5Cs page and a manager recording an audit."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from resettle.core.dates import today
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Goal, Pathway, Plan, PlanAction
from resettle.voice.models import VoiceEntry


def jays_plan_half_done(child, amara):
    ensure_defaults()  # the live server's database is emptied between tests
    plan = Plan.objects.create(child=child, vision="I want to be a mechanic")
    goal = Goal.objects.create(plan=plan, text="Stop getting arrested")
    linked = PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="ete"),
        status=ActionStatus.objects.get(slug="in-progress"),
        kind="structural",
        description="Enrol on motor vehicle level 1",
        owner_person=amara,
        due_on=today() + timedelta(days=10),
    )
    linked.goals.set([goal])
    PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="accommodation"),
        status=ActionStatus.objects.get(slug="not-started"),
        kind="structural",
        description="Find supported lodgings",
    )
    VoiceEntry.objects.create(
        child=child,
        recorded_by=amara,
        recorded_on=today() - timedelta(days=7),
        conversation="meeting",
        who_are_you="A good big brother",
        strengths_in_own_words="I'm good with my hands",
    )


def test_amara_sees_the_5cs_on_the_plan_and_the_caseload(browsing, page, amara, camden_child):
    jays_plan_half_done(camden_child, amara)
    browsing.sign_in(page, amara)
    expect(page.get_by_role("heading", level=1)).to_have_text("My caseload")
    cell = page.get_by_role("link", name=re.compile("5Cs check for Jay"))
    expect(cell).to_contain_text("0 of 5 met")
    row = page.get_by_role("row").filter(has=cell)
    expect(row).to_contain_text(re.compile(r"Not yet: Constructive, .*Coordinated"))

    # The plan page opens on the plan, with the 5Cs as a short summary linking to its page.
    browsing.goto(page, f"/children/{camden_child.public_id}/plan/")
    summary = page.get_by_role("complementary", name="The 5Cs check")
    expect(summary).to_contain_text("A prompt for practice, not a grade of the child.")
    expect(summary).to_contain_text("Constructive")
    summary.get_by_role("link", name="Why, and managers' 5Cs audits").click()
    browsing.check(page)
    panel = page.get_by_role("region", name="The 5Cs check")
    expect(panel).to_contain_text("“Stop getting arrested” says what to stop or avoid.")
    expect(panel).to_contain_text("1 of 2 structural actions say which goal they serve.")

    fix = "Fix this (Every open action has an owner and a date)"
    panel.get_by_role("link", name=fix).click()
    browsing.check(page)
    expect(page).to_have_url(re.compile(r"/plan/actions/[0-9a-f-]+/$"))
    expect(page.get_by_label("What will happen?")).to_have_value("Find supported lodgings")


def test_priya_records_a_5cs_audit(browsing, page, priya, amara, camden_child):
    jays_plan_half_done(camden_child, amara)
    browsing.sign_in(page, priya)
    browsing.goto(page, f"/children/{camden_child.public_id}/5cs/")
    expect(page.get_by_text("No manager has audited this plan yet.")).to_be_visible()
    page.get_by_role("button", name="Record a 5Cs audit").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a 5Cs audit")

    page.get_by_role("button", name="Save audit").click()
    browsing.check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose met, partly or not yet for Constructive")
    summary.get_by_role("link", name="Choose met, partly or not yet for Co-created").click()
    expect(
        page.get_by_role("group", name="Is the plan co-created?").get_by_label("Met")
    ).to_be_focused()

    for c, rating in (
        ("constructive", "Partly"),
        ("co-created", "Not yet"),
        ("customised", "Met"),
        ("consistent", "Met"),
        ("coordinated", "Partly"),
    ):
        page.get_by_role("group", name=f"Is the plan {c}?").get_by_label(rating, exact=True).check()
    page.get_by_label("Comments on co-created (optional)").fill("Jay has not agreed the plan yet")
    page.get_by_label("Overall comments (optional)").fill("Book a review with Jay and his mum.")
    page.get_by_role("button", name="Save audit").click()
    browsing.check(page)

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your 5Cs audit has been saved"
    )
    card = page.locator(".govuk-summary-card")
    expect(card).to_contain_text("by Priya Shah")
    expect(card).to_contain_text("Jay has not agreed the plan yet")
    expect(card).to_contain_text("Book a review with Jay and his mum.")
