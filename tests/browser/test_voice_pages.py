"""The voice pages in a real browser, each checked with axe-core."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import expect

from resettle.core.dates import today
from resettle.voice.models import Strength, VoiceEntry


def offer_strengths(*names: str) -> None:
    # The data migration loads the list; the live server's database is emptied between tests.
    for order, name in enumerate(names):
        Strength.objects.get_or_create(name=name, defaults={"order": order})


def test_amara_records_jays_answers_and_sees_them_over_time(
    browsing,
    page,
    amara,
    camden_child,
):
    offer_strengths("Funny", "Good with animals", "Sporty")
    browsing.sign_in(page, amara)
    browsing.goto(page, f"/children/{camden_child.public_id}/voice/")
    expect(
        page.get_by_text("No conversations with Jay about the four key questions")
    ).to_be_visible()

    page.get_by_role("button", name="Record a conversation").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a conversation")

    page.get_by_role("button", name="Save conversation").click()
    browsing.check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the date of the conversation")
    expect(summary).to_contain_text("Answer at least one of the four questions")
    summary.get_by_role("link", name="Answer at least one of the four questions").click()
    expect(page.get_by_label("Who are you?")).to_be_focused()

    page.get_by_label("Day").fill("4")
    page.get_by_label("Month").fill("3")
    page.get_by_label("Year").fill("2025")
    page.get_by_label("A visit in custody").check()
    page.get_by_label("Who are you?").fill("I'm a good big brother.\nMy sister looks up to me.")
    page.get_by_label("Who do you want to be?").fill("A mechanic like my uncle")
    page.get_by_label("Funny").check()
    page.get_by_label("Good with animals").check()
    page.get_by_label("The child's own words").check()
    page.get_by_role("group", name="Did the child agree").get_by_label("Yes").check()
    page.get_by_label("How sure do you feel you'll get there? (optional)").select_option("4")
    page.get_by_role("button", name="Save conversation").click()
    browsing.check(page)

    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "What Jay said has been recorded"
    )
    expect(page.locator(".app-voice-answers")).to_contain_text("A mechanic like my uncle")
    entry = VoiceEntry.across_children.get()
    # As typed; browsers send a line break in a text area as CR LF.
    assert entry.who_are_you == "I'm a good big brother.\r\nMy sister looks up to me."
    assert {s.name for s in entry.strengths.all()} == {"Funny", "Good with animals"}

    for days, rating in ((200, 6), (120, 3), (40, 7), (5, 8)):
        VoiceEntry.objects.create(
            child=camden_child,
            recorded_by=amara,
            recorded_on=today() - timedelta(days=days),
            conversation="meeting",
            who_are_you=f"Me, {days} days ago",
            self_rating=rating,
        )
    page.reload()
    browsing.check(page)
    expect(page.locator("#voice-history thead th")).to_have_count(6)  # the question column + 5
    expect(page.get_by_role("img", name="How sure Jay feels they'll get there")).to_be_visible()
    expect(page.locator("#rating-table tbody tr")).to_have_count(5)
    page.get_by_role("link", name="Correct this conversation").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct a conversation")
