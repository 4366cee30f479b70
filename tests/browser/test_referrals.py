"""Issue 12's "done when", in a real browser with every page checked by axe-core: a Camden case
worker finds a service for a 16-year-old in Camden on the education pathway, links it to an
action, refers the child with their consent and sees the referral's state on the plan; the
partner practitioner of the receiving organisation accepts it and sees only what it shares;
after it closes, the share has ended."""

from __future__ import annotations

from playwright.sync_api import expect

from resettle.core.dates import today
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import Plan, PlanAction
from resettle.referrals.models import Referral

from ..directory.helpers import make_service, organization


def _menu(dev, receiving):
    provider = organization("Camden Futures Partnership (test)")
    provider.resettle_organisation = receiving
    provider.save()
    motor = make_service(dev, provider)  # Camden, ETE, 15 to 18
    make_service(dev, provider, name="Camden Adult Skills", minimum_age=19, maximum_age=25)
    return motor


def test_refer_a_child_to_a_partner_who_accepts_and_sees_only_what_is_shared(
    browsing, page, amara, sam, dev, camden_child, camden_social_care
):
    ensure_defaults()  # the live server's database is emptied between tests
    _menu(dev, camden_social_care)
    Plan.objects.create(child=camden_child, vision="A mechanic", created_by=amara)
    child = f"/children/{camden_child.public_id}"

    # Find the service, as the case worker
    browsing.sign_in(page, amara)
    page.get_by_role("link", name="Services", exact=True).click()
    browsing.check(page)
    page.get_by_label("Pathway").select_option(label="Education, training and employment")
    page.get_by_label("Borough").select_option(label="Camden")
    page.get_by_label("Age of the child").fill("16")
    page.get_by_role("button", name="Apply filters").click()
    browsing.check(page)
    expect(page.get_by_role("heading", name="1 service")).to_be_visible()
    expect(page.get_by_role("link", name="Second Start Motor Skills")).to_be_visible()

    # Link it to an action: the form suggests it for Jay (Camden, 16) on the pathway
    browsing.goto(page, f"{child}/plan/")
    page.get_by_role("link", name="Add structural support for Education, training").click()
    browsing.check(page)
    service = page.get_by_label("A service from the menu of support (optional)")
    expect(service.locator("option")).to_have_count(2)  # none chosen, and the one that fits
    service.select_option(label="Second Start Motor Skills, Camden Futures Partnership (test)")
    page.get_by_label("What will happen?").fill("Start the motor skills course")
    page.get_by_label("Someone else").fill("Aunt Grace")
    page.get_by_role("button", name="Add action").click()
    browsing.check(page)
    action = PlanAction.across_children.get()
    card = page.locator(f"#action-{action.public_id}")
    expect(card).to_contain_text("Second Start Motor Skills")
    expect(card).to_contain_text("020 7946 0001")

    # Refer, with the child's consent
    card.get_by_role("link", name="Refer the child").click()
    browsing.check(page)
    page.get_by_label("Why is the child referred, and what for?").fill(
        "Jay wants to work with cars: a place on the course, with a mentor"
    )
    page.get_by_role("button", name="Send referral").click()
    browsing.check(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Say whether the child agreed to the referral")
    page.get_by_label("Yes, the child agreed to the referral").check()
    asked = page.get_by_role("group", name="When was the child asked?")
    asked.get_by_label("Day").fill(str(today().day))
    asked.get_by_label("Month").fill(str(today().month))
    asked.get_by_label("Year").fill(str(today().year))
    page.get_by_role("button", name="Send referral").click()
    browsing.check(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is sent")
    expect(page.get_by_role("main")).to_contain_text("Through Resettle")
    page.get_by_role("link", name="Back to the plan").click()
    browsing.check(page)
    expect(page.locator(f"#action-{action.public_id}")).to_contain_text("Sent")

    # The partner practitioner accepts, and sees only the summary and the plan
    partner = browsing.new_page()
    browsing.sign_in(partner, sam)
    partner.get_by_role("link", name="Referrals", exact=True).click()
    browsing.check(partner)
    partner.get_by_role("link", name="Jay").click()
    browsing.check(partner)
    expect(partner.get_by_role("main")).to_contain_text("The child agreed on")
    partner.get_by_role("button", name="Accept the referral").click()
    browsing.check(partner)
    expect(partner.get_by_role("main")).to_contain_text("Shared with")
    partner.get_by_role("link", name="See the child's record").click()
    browsing.check(partner)
    navigation = partner.get_by_role("navigation", name="Sections of the child")
    expect(navigation.get_by_role("link")).to_have_text(["Summary", "Plan", "My plan"])
    navigation.get_by_role("link", name="Plan", exact=True).click()
    browsing.check(partner)
    expect(partner.get_by_role("main")).to_contain_text("Start the motor skills course")
    expect(partner.get_by_role("link", name="Refer the child")).to_have_count(0)
    browsing.goto(partner, f"{child}/notes/", status=403)
    browsing.goto(partner, f"{child}/network/", status=403)

    # The case worker sees it accepted, and the action in progress
    browsing.goto(page, f"{child}/plan/")
    card = page.locator(f"#action-{action.public_id}")
    expect(card).to_contain_text("Accepted")
    expect(card).to_contain_text("In progress")

    # The partner records it completed: the share ends
    referral = Referral.across_children.get()
    browsing.goto(partner, f"/referrals/{referral.public_id}/")
    partner.get_by_label("How did it go? (optional)").fill("Jay finished level 1")
    partner.get_by_role("button", name="Record as completed").click()
    browsing.check(partner)
    expect(partner.get_by_role("main")).to_contain_text("The share has ended.")
    browsing.goto(partner, f"{child}/", status=404)
    browsing.goto(page, f"{child}/plan/")
    card = page.locator(f"#action-{action.public_id}")
    expect(card).to_contain_text("Completed")
    expect(card).to_contain_text("Done")


def test_without_javascript_a_case_worker_links_a_service_and_refers(
    browsing, page_without_javascript, amara, dev, camden_child
):
    ensure_defaults()
    motor = make_service(dev, organization("Offline Trust (test)"))  # not in Resettle
    Plan.objects.create(child=camden_child, vision="A mechanic", created_by=amara)
    page = page_without_javascript
    browsing.sign_in(page, amara)
    browsing.goto(page, f"/children/{camden_child.public_id}/plan/actions/add/?service={motor.id}")
    page.get_by_label("Pathway").select_option(
        label="Education, training and employment (School, training and work)"
    )
    page.get_by_label("Structural support").check()
    page.get_by_label("What will happen?").fill("Start the motor skills course")
    page.get_by_label("Someone else").fill("Aunt Grace")
    page.get_by_role("button", name="Add action").click()
    browsing.check(page)
    page.get_by_role("link", name="Refer the child").click()
    browsing.check(page)
    page.get_by_label("Why is the child referred, and what for?").fill("A place on the course")
    page.get_by_label("Yes, the child agreed to the referral").check()
    asked = page.get_by_role("group", name="When was the child asked?")
    asked.get_by_label("Day").fill(str(today().day))
    asked.get_by_label("Month").fill(str(today().month))
    asked.get_by_label("Year").fill(str(today().year))
    page.get_by_label("By email").check()
    page.get_by_role("button", name="Send referral").click()
    browsing.check(page)
    expect(page.get_by_role("main")).to_contain_text("By email")
    page.get_by_label("Why is the referral withdrawn?").fill("Jay chose another course")
    page.get_by_role("button", name="Withdraw the referral").click()
    browsing.check(page)
    expect(page.get_by_role("main")).to_contain_text("Withdrawn")
