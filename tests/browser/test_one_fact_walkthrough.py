"""Issue 10's walkthrough, in a real browser: custody likely, a conversation with the four
questions, an early plan, remand at Feltham, a sentence, a planning meeting, accommodation confirmed
on the release checklist, plan B told to the child, release. At each step the journey's touchpoints,
release readiness, the 5Cs and My plan say the same thing, because they read the same records.
axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Page, expect

from resettle.core.dates import today
from resettle.journey.defaults import ensure_defaults as journey_defaults
from resettle.plans.defaults import ensure_defaults as plan_defaults


def fill_date(page: Page, group: str, value) -> None:
    fieldset = page.get_by_role("group", name=group, exact=True)
    fieldset.get_by_label("Day").fill(str(value.day))
    fieldset.get_by_label("Month").fill(str(value.month))
    fieldset.get_by_label("Year").fill(str(value.year))


def touchpoint_row(page: Page, name: str):
    return page.locator("tr").filter(has_text=name).first


class Jay:
    def __init__(self, browsing, page, child):
        self.browsing, self.page, self.child = browsing, page, child
        self.base = f"/children/{child.public_id}"

    def go(self, path: str = ""):
        self.browsing.goto(self.page, f"{self.base}/{path}")

    def status(self, code: str, on, **choices):
        self.go("legal-status/add/")
        page = self.page
        page.get_by_label(code, exact=True).check()
        if "establishment" in choices:
            page.get_by_label("Secure establishment (if in custody)").select_option(
                label=choices["establishment"]
            )
        if "sentence" in choices:
            page.get_by_label("Sentence (if sentenced to custody)").select_option(
                label=choices["sentence"]
            )
        fill_date(page, "Start date", on)
        if "release" in choices:
            fill_date(page, "Expected release date (if in custody)", choices["release"])
        page.get_by_role("button", name="Save legal status").click()
        self.browsing.check(page)
        expect(page.get_by_text("Legal status recorded")).to_be_visible()

    def indicator(self, c: str, key: str):
        return self.page.locator(f"#five-cs-{c}-{key} .app-five-cs__tag")


def test_one_fact_read_everywhere_from_custody_likely_to_release(
    browsing, page, amara, camden_child, feltham
):
    journey_defaults()
    plan_defaults()
    jay = Jay(browsing, page, camden_child)
    browsing.sign_in(page, amara)
    started = today() - timedelta(days=10)

    # 1. Custody becomes likely: the four questions and an early plan are due.
    jay.status("Custody likely (pre-sentence or at court)", started)
    jay.go("journey/")
    expect(touchpoint_row(page, "Four key questions asked").locator(".govuk-tag")).to_have_text(
        "Overdue"
    )

    # 2. A conversation with the four questions, on the Voice page.
    jay.go("voice/add/")
    fill_date(page, "Date of the conversation", started + timedelta(days=1))
    page.get_by_label("A visit in custody").check()
    page.get_by_label("Who are you?").fill("A good big brother")
    page.get_by_label("Who do you want to be?").fill("A mechanic with my own garage")
    page.get_by_label("The child's own words").check()
    page.get_by_role("group", name="Did the child agree").get_by_label("Yes").check()
    page.get_by_role("button", name="Save conversation").click()
    browsing.check(page)
    jay.go("journey/")
    page.locator(".govuk-details__summary-text").filter(has_text="earlier touchpoint").click()
    done = touchpoint_row(page, "Four key questions asked")
    expect(done).to_contain_text("the conversation")  # met by it, with a link to it
    jay.go("5cs/")  # the same conversation is contact, and Jay's own recent words
    expect(jay.indicator("co_created", "own-words-recent")).to_have_text("Met")
    expect(page.locator("#five-cs-consistent-contact-gaps")).not_to_contain_text(
        "No contact recorded"
    )
    jay.go("my-plan/")  # who Jay wants to be, once
    expect(page.locator("main")).to_contain_text("A mechanic with my own garage")
    assert page.locator("main").inner_text().count("A mechanic with my own garage") == 1

    # 3. An early plan: an accommodation arrangement.
    jay.go("plan/actions/add/?pathway=accommodation&kind=structural")
    page.get_by_label("What will happen?").fill("Confirm a room at the supported lodgings")
    page.get_by_label("Someone else").fill("Camden Housing")
    page.get_by_role("button", name="Add action").click()
    browsing.check(page)
    expect(page.locator("#vision")).to_be_visible()  # the plan page opens on the plan
    expect(page.locator("main")).to_contain_text("A mechanic with my own garage")

    # 4. Remanded to Feltham the same day the plan was made: the custody-likely touchpoints that
    #    were done stay done; only the one not done (and already overdue) is missed.
    jay.status("Remanded to youth detention accommodation", today(), establishment="HMYOI Feltham")
    jay.go("journey/")
    page.locator(".govuk-details__summary-text").filter(has_text="earlier touchpoint").click()
    for name, word in (
        ("Four key questions asked", "Done"),
        ("Early resettlement plan", "Done"),
        ("Family contacted", "Missed"),
    ):
        expect(touchpoint_row(page, name).locator(".govuk-tag")).to_have_text(word)

    # 5. Sentenced, release in eight weeks: accommodation must be confirmed before it.
    release = today() + timedelta(days=56)
    jay.status(
        "Sentenced to custody",
        today(),
        establishment="HMYOI Feltham",
        sentence="Detention and training order (DTO)",
        release=release,
    )
    jay.go("journey/")
    expect(touchpoint_row(page, "Accommodation confirmed").locator(".govuk-tag")).to_have_text(
        "Due"
    )
    expect(touchpoint_row(page, "Accommodation confirmed")).to_contain_text(
        "Confirm it on the release checklist"
    )

    # 6. The initial planning meeting, with the child.
    touchpoint_row(page, "Initial planning meeting").get_by_role(
        "link", name="Record the meeting"
    ).click()
    browsing.check(page)
    fill_date(page, "Date of the meeting", today())
    page.get_by_role("group", name="Did the child take part?").get_by_label("Yes").check()
    page.get_by_role("group", name="Did the child's family take part?").get_by_label("Yes").check()
    page.get_by_role(
        "group", name="Were the four questions revisited with the child?"
    ).get_by_label("No").check()
    page.get_by_role("button", name="Save meeting").click()
    browsing.check(page)
    # It meets the initial planning meeting, and (late) the family contact of custody likely.
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Initial planning meeting")

    # 7. Accommodation confirmed on the release checklist: the touchpoint, readiness and the
    #    5Cs all say so.
    jay.go("release/edit/")
    fill_date(page, "When was the address confirmed? (optional)", today())
    page.get_by_label("Where will the child live? (optional)").fill("Supported lodgings")
    page.get_by_role("button", name="Save").click()
    browsing.check(page)
    checklist = page.locator("#checklist")
    expect(
        checklist.locator(".govuk-summary-list__row").filter(has_text="Accommodation confirmed")
    ).to_contain_text("Done")
    jay.go("journey/")
    page.locator(".govuk-details__summary-text").filter(has_text="earlier touchpoint").click()
    expect(touchpoint_row(page, "Accommodation confirmed").locator(".govuk-tag")).to_have_text(
        "Done"
    )

    # 8. Plan B for the accommodation, told to Jay: the plan and the checklist agree.
    jay.go("release/")
    plans_b = page.locator("#checklist .govuk-summary-list__row").filter(has_text="Plans B")
    expect(plans_b).to_contain_text("Not done yet")
    plans_b.get_by_role("link", name="Record the plan B").click()
    browsing.check(page)
    page.get_by_label("If this falls through, what happens instead?").fill("Stay with Aunt Grace")
    fill_date(page, "When was the child told plan B? (optional)", today())
    page.get_by_role("button", name="Save plan B").click()
    browsing.check(page)
    jay.go("release/")
    expect(
        page.locator("#checklist .govuk-summary-list__row").filter(has_text="Plans B")
    ).to_contain_text("Done")
    jay.go("5cs/")
    expect(jay.indicator("coordinated", "plans-b")).to_have_text("Met")
    jay.go("my-plan/")
    expect(page.locator("main")).to_contain_text("Stay with Aunt Grace")

    # 9. Released: contact on the day, and the same plan carried into the community.
    jay.status("Released on licence", today())
    jay.go("journey/")
    expect(touchpoint_row(page, "Contact on release day").locator(".govuk-tag")).to_have_text("Due")
    jay.go("plan/")
    expect(page.locator("main")).to_contain_text("Confirm a room at the supported lodgings")
