"""The secure estate sees exactly the children shared with it, and loses them when sharing ends."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from resettle.access.models import Share
from resettle.core.dates import today

from ..factories import ChildFactory


def test_feltham_practitioner_sees_exactly_the_children_shared_with_feltham(
    browsing, page, chloe, feltham, camden, hackney, amara
):
    shared = ChildFactory(preferred_name="Shared Sol", owning_service=camden)
    also_shared = ChildFactory(preferred_name="Shared Tia", owning_service=hackney)
    expired = ChildFactory(preferred_name="Expired Eli", owning_service=camden)
    never = ChildFactory(preferred_name="Never Nia", owning_service=camden)
    soon = today() + timedelta(days=30)
    Share.objects.create(child=shared, organisation=feltham, purpose="Placed", ends_on=soon)
    Share.objects.create(child=also_shared, organisation=feltham, purpose="Placed", ends_on=soon)
    Share.objects.create(
        child=expired,
        organisation=feltham,
        purpose="Placed",
        starts_on=today() - timedelta(days=60),
        ends_on=today() - timedelta(days=1),
    )

    browsing.sign_in(page, chloe)
    expect(page.get_by_role("heading", level=1)).to_have_text("Children shared with us")
    names = page.locator("table.app-caseload-table tbody tr td:first-child a")
    expect(names).to_have_text(["Shared Sol", "Shared Tia"])

    names.first.click()
    browsing.check(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Shared Sol")

    for child in (expired, never):
        browsing.goto(page, f"/children/{child.public_id}/", status=404)
        expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    # Camden stops sharing Sol: Chloe loses the record at once.
    Share.across_children.filter(child=shared).update(revoked_at=timezone.now())
    browsing.goto(page, f"/children/{shared.public_id}/", status=404)
    browsing.goto(page, "/children/")
    expect(page.locator("table.app-caseload-table tbody tr td:first-child a")).to_have_text(
        ["Shared Tia"]
    )
