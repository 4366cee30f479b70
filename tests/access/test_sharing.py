"""Shares grant access for their duration; revoking ends it at once."""

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.access.models import Restriction, Share
from resettle.audit.models import AuditEvent
from resettle.children.models import Child
from resettle.core.dates import today

pytestmark = pytest.mark.django_db


def share(child, org, *, days=30, by=None, starts_on=None):
    return Share.objects.create(
        child=child,
        organisation=org,
        purpose="Resettlement planning",
        starts_on=starts_on or today(),
        ends_on=today() + timedelta(days=days),
        created_by=by,
    )


def test_feltham_practitioner_sees_no_child_until_shared(client_for, chloe, camden_child):
    client = client_for(chloe)
    assert client.get(reverse("children:detail", args=[camden_child.public_id])).status_code == 404
    assert not Child.objects.visible_to(chloe).exists()


def test_share_lets_feltham_practitioner_see_the_child(client_for, chloe, feltham, camden_child):
    share(camden_child, feltham)
    response = client_for(chloe).get(reverse("children:detail", args=[camden_child.public_id]))
    assert response.status_code == 200
    caseload = client_for(chloe).get(reverse("children:caseload")).content.decode()
    assert "Children shared with us" in caseload
    assert "Jay" in caseload


def test_shared_practitioner_cannot_change_the_child(client_for, chloe, feltham, camden_child):
    share(camden_child, feltham)
    response = client_for(chloe).get(reverse("children:edit", args=[camden_child.public_id]))
    assert response.status_code == 403


def test_expired_share_gives_no_access(client_for, chloe, feltham, camden_child):
    s = share(camden_child, feltham)
    Share.across_children.filter(pk=s.pk).update(
        starts_on=today() - timedelta(days=60), ends_on=today() - timedelta(days=1)
    )
    response = client_for(chloe).get(reverse("children:detail", args=[camden_child.public_id]))
    assert response.status_code == 404


def test_share_that_has_not_started_gives_no_access(client_for, chloe, feltham, camden_child):
    share(camden_child, feltham, starts_on=today() + timedelta(days=2), days=10)
    response = client_for(chloe).get(reverse("children:detail", args=[camden_child.public_id]))
    assert response.status_code == 404


def test_share_on_its_last_day_still_gives_access(client_for, chloe, feltham, camden_child):
    share(camden_child, feltham, days=0)
    response = client_for(chloe).get(reverse("children:detail", args=[camden_child.public_id]))
    assert response.status_code == 200


def test_amara_shares_with_feltham_through_the_form(
    client_for, amara, chloe, feltham, camden_child
):
    ends = today() + timedelta(days=90)
    response = client_for(amara).post(
        reverse("access:share-add", args=[camden_child.public_id]),
        {
            "organisation": feltham.pk,
            "purpose": "Placed at HMYOI Feltham",
            "ends_on_day": ends.day,
            "ends_on_month": ends.month,
            "ends_on_year": ends.year,
        },
    )
    assert response.status_code == 302
    created = Share.across_children.get(child=camden_child)
    assert created.organisation == feltham and created.ends_on == ends
    assert AuditEvent.objects.filter(action="child.shared", child=camden_child).exists()
    assert (
        client_for(chloe).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 200
    )


def test_share_form_errors_keep_what_was_typed(client_for, amara, camden_child):
    response = client_for(amara).post(
        reverse("access:share-add", args=[camden_child.public_id]),
        {"purpose": "Mentoring", "ends_on_day": "31", "ends_on_month": "2", "ends_on_year": "2030"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Choose the organisation to share with" in body
    assert "must be a real date" in body
    assert "Mentoring" in body


def test_share_cannot_end_in_the_past(client_for, amara, feltham, camden_child):
    past = today() - timedelta(days=1)
    response = client_for(amara).post(
        reverse("access:share-add", args=[camden_child.public_id]),
        {
            "organisation": feltham.pk,
            "purpose": "x",
            "ends_on_day": past.day,
            "ends_on_month": past.month,
            "ends_on_year": past.year,
        },
    )
    assert "must be today or in the future" in response.content.decode()
    assert not Share.across_children.exists()


def test_revoking_removes_access_at_once(client_for, amara, chloe, feltham, camden_child):
    s = share(camden_child, feltham)
    chloe_client = client_for(chloe)
    url = reverse("children:detail", args=[camden_child.public_id])
    assert chloe_client.get(url).status_code == 200
    response = client_for(amara).post(
        reverse("access:share-revoke", args=[camden_child.public_id, s.public_id]),
        {"reason": "Child released"},
    )
    assert response.status_code == 302
    assert chloe_client.get(url).status_code == 404
    s.refresh_from_db()
    assert s.revoked_by == amara and s.status == "revoked"
    assert AuditEvent.objects.filter(action="share.revoked", child=camden_child).exists()


def test_shared_practitioner_cannot_share_onwards(client_for, chloe, feltham, camden_child):
    share(camden_child, feltham)
    response = client_for(chloe).get(reverse("access:share-add", args=[camden_child.public_id]))
    assert response.status_code == 403


def test_hackney_worker_cannot_reach_camden_sharing_pages(client_for, ben, camden_child):
    client = client_for(ben)
    for name in (
        "access:sharing",
        "access:share-add",
        "access:restriction",
        "access:transfer-request",
    ):
        assert client.get(reverse(name, args=[camden_child.public_id])).status_code == 404


def test_partnership_lead_never_sees_a_child_even_if_shared(
    client_for, dev, partnership, camden_child
):
    share(camden_child, partnership)
    assert (
        client_for(dev).get(reverse("children:detail", args=[camden_child.public_id])).status_code
        == 404
    )


def test_sharing_page_lists_active_and_past_shares(
    client_for, amara, feltham, camden_social_care, camden_child
):
    share(camden_child, feltham)
    old = share(camden_child, camden_social_care)
    Share.across_children.filter(pk=old.pk).update(
        starts_on=today() - timedelta(days=9), ends_on=today() - timedelta(days=2)
    )
    body = (
        client_for(amara)
        .get(reverse("access:sharing", args=[camden_child.public_id]))
        .content.decode()
    )
    assert "HMYOI Feltham" in body
    assert "Past and future shares" in body
    assert AuditEvent.objects.filter(action="child.viewed", detail__section="sharing").exists()


def test_who_sees_a_child_follows_the_shares_and_restrictions_at_once_though_their_sql_is_reused(
    chloe, amara, priya, feltham, camden_child
):
    """The subqueries of the rule are made once for a person and a day (access.policy._compiled):
    the rows they read are not, so a share, a revocation or a restriction made a moment ago
    counts on the very next page, for the same person on the same day."""
    few = Child.objects.filter(id=camden_child.id)
    assert not few.visible_to(chloe, few=True).exists()
    assert not Child.objects.visible_to(chloe).exists()
    made = share(camden_child, feltham)
    assert few.visible_to(chloe, few=True).exists()
    assert Child.objects.visible_to(chloe).exists()
    made.revoked_at = made.created_at
    made.save()
    assert not few.visible_to(chloe, few=True).exists()
    assert not Child.objects.visible_to(chloe).exists()

    assert few.visible_to(priya, few=True).exists()
    Restriction.objects.create(child=camden_child, reason="Synthetic reason").allowed_users.set(
        [amara]
    )
    assert not few.visible_to(priya, few=True).exists()
    assert not Child.objects.visible_to(priya).exists()
    assert few.visible_to(amara, few=True).exists()
