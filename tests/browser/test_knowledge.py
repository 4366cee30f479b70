"""The knowledge hub in a real browser, every page checked with axe-core: guidance from the Voice
page, search, asking a question, and the partnership lead answering and publishing it."""

from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from playwright.sync_api import expect

from resettle.audit.actors import Actor
from resettle.core.dates import today
from resettle.knowledge import services
from resettle.knowledge.models import Question, TrainingCompletion, TrainingModule
from resettle.knowledge.services import ensure_starter_guidance


def test_a_case_worker_finds_guidance_and_asks_and_the_lead_answers_and_publishes(
    browsing, page, amara, dev, camden_child
):
    # The live server's database is emptied between tests: put the starter guidance back.
    cache.clear()
    ensure_starter_guidance()
    Question.objects.create(
        text="Does remand count as custody for planning?",
        asked_by=dev,
        status="published",
        answer="Yes: plan on remand as you would for a sentence.",
        faq_question="Do we plan on remand as for a sentence?",
    )

    # From the Voice page, the guidance on the four questions.
    browsing.sign_in(page, amara)
    browsing.goto(page, f"/children/{camden_child.public_id}/voice/")
    page.get_by_role("link", name="Asking the four key questions").click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Asking the four key questions")
    expect(page.get_by_role("heading", name="How to ask")).to_be_visible()

    # Search "remand": articles and answered questions.
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Guidance").click()
    browsing.check(page)
    page.get_by_label("Search guidance and answered questions").fill("remand")
    page.get_by_role("button", name="Search").click()
    browsing.check(page)
    results = page.locator(".app-guidance-list")
    expect(results.get_by_role("link", name="Resettlement on remand")).to_be_visible()
    expect(
        results.get_by_role("link", name="Do we plan on remand as for a sentence?")
    ).to_be_visible()

    # Ask a question; a name of a child she works with is warned about first.
    page.get_by_role("button", name="Ask a question").click()
    browsing.check(page)
    page.get_by_label("Your question").fill("Jay is on remand. How soon is the first meeting?")
    page.get_by_role("button", name="Send your question").click()
    browsing.check(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("may identify a child")
    page.get_by_label("Your question").fill(
        "A child is on remand. How soon should the first planning meeting be?"
    )
    page.get_by_role("button", name="Send your question").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Your question has been sent"
    )
    expect(page.get_by_text("Not answered yet")).to_be_visible()

    # The partnership lead answers and publishes it.
    lead = browsing.new_page()
    browsing.sign_in(lead, dev)
    browsing.goto(lead, "/guidance/questions/queue/")
    lead.get_by_role("link", name="A child is on remand").click()
    browsing.check(lead)
    expect(lead.get_by_text("Asked by Amara Okafor")).to_be_visible()
    lead.get_by_role("link", name="Answer this question").click()
    browsing.check(lead)
    lead.get_by_label("Answer").fill("Within **10 working days** of the remand.")
    lead.get_by_role("button", name="Save the answer").click()
    browsing.check(lead)
    lead.get_by_role("link", name="Publish to the FAQ").click()
    browsing.check(lead)
    lead.get_by_label("The question as it will appear in the FAQ").fill(
        "How soon after remand is the first planning meeting?"
    )
    lead.get_by_role("button", name="Publish").click()
    browsing.check(lead)
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("in the FAQ")

    # The asker sees the answer.
    browsing.goto(page, "/guidance/questions/yours/")
    expect(page.get_by_text("New answer")).to_be_visible()
    page.get_by_role("link", name="A child is on remand").click()
    browsing.check(page)
    expect(page.locator("#answer")).to_contain_text("Within 10 working days of the remand.")

    # Everyone reads it in the FAQ, without the asker's name.
    browsing.goto(page, "/guidance/questions/")
    expect(
        page.get_by_role("link", name="How soon after remand is the first planning meeting?")
    ).to_be_visible()
    expect(page.locator("main").get_by_text("Amara")).to_have_count(0)


def test_every_knowledge_hub_page_has_no_axe_violations(browsing, page, priya, amara, dev, alex):
    cache.clear()
    ensure_starter_guidance()
    module = TrainingModule.objects.create(
        name="Trauma-informed practice", provider="A provider", covers="Trauma", valid_for_months=12
    )
    TrainingCompletion.objects.create(
        user=amara, module=module, completed_on=today() - timedelta(days=340)
    )
    services.add_release_note(Actor(alex), title="Training records are here", body="Record it.")
    browsing.sign_in(page, priya)
    expect(page.locator("#whats-new-banner")).to_contain_text("Training records are here")
    for url in (
        "/guidance/?framework=five-cs&stage=stage-in-custody",
        "/guidance/articles/the-5cs/",
        "/guidance/questions/",
        "/guidance/questions/ask/",
        "/training/",
        "/training/record/",
        "/training/team/",
        "/whats-new/",
    ):
        browsing.goto(page, url)
    lead = browsing.new_page()
    browsing.sign_in(lead, dev)
    for url in (
        "/guidance/manage/",
        "/guidance/articles/new/",
        "/guidance/articles/the-5cs/history/",
        "/guidance/questions/queue/",
        "/guidance/questions/experts/",
        "/training/services/",
        "/training/modules/",
        "/training/modules/new/",
        "/whats-new/add/",
    ):
        browsing.goto(lead, url)
