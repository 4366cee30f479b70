"""The referral pages: refer from the plan, the partner's inbox and the referral page, what a
referral share shows, and pinned query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.referrals import services
from resettle.referrals.models import Referral
from tests.plans.factories import PlanActionFactory

from .conftest import act

pytestmark = pytest.mark.django_db


def refer_url(child, action):
    return reverse("referrals:refer", args=[child.public_id, action.public_id])


def referral_url(referral):
    return reverse("referrals:referral", args=[referral.public_id])


def test_the_plan_offers_a_referral_and_then_shows_its_state(
    client_for, amara, camden_child, action
):
    client = client_for(amara)
    page = client.get(reverse("plans:plan", args=[camden_child.public_id])).content.decode()
    assert "Not referred yet." in page and refer_url(camden_child, action) in page
    response = client.post(
        refer_url(camden_child, action),
        {
            "purpose": "Jay wants to work with cars",
            "shared": ["plan"],
            "consent": "given",
            "consent_on_day": today().day,
            "consent_on_month": today().month,
            "consent_on_year": today().year,
        },
    )
    referral = Referral.across_children.get()
    assert response.status_code == 302 and response["Location"] == referral_url(referral)
    page = client.get(reverse("plans:plan", args=[camden_child.public_id])).content.decode()
    assert 'govuk-tag--blue">Sent</strong>' in page and referral_url(referral) in page


def test_a_refusal_without_a_manager_is_shown_as_an_error(client_for, amara, camden_child, action):
    response = client_for(amara).post(
        refer_url(camden_child, action),
        {"purpose": "x", "shared": ["plan"], "consent": "refused"},
    )
    assert response.status_code == 200
    assert "only a manager of the child" in response.content.decode()
    assert not Referral.across_children.exists()


def test_the_refer_page_for_a_service_outside_resettle_asks_how_it_was_sent(
    client_for, amara, camden_child, outside_action, jays_plan
):
    content = client_for(amara).get(refer_url(camden_child, outside_action)).content.decode()
    assert "How was the referral sent?" in content
    bare = PlanActionFactory(plan=jays_plan, description="Nothing linked")
    content = client_for(amara).get(refer_url(camden_child, bare)).content.decode()
    assert "Choose a service for the action" in content


def test_the_partner_accepts_from_the_inbox_and_sees_only_what_is_shared(
    client_for, sam, chloe, amara, camden_child, sent
):
    client = client_for(sam)
    inbox = client.get(reverse("referrals:inbox")).content.decode()
    assert "Jay" in inbox and referral_url(sent) in inbox
    assert "Jay" not in client_for(chloe).get(reverse("referrals:inbox")).content.decode()
    assert client_for(amara).get(reverse("referrals:inbox")).status_code == 403
    page = client.get(referral_url(sent))
    assert "Accept the referral" in page.content.decode()
    assert AuditEvent.objects.filter(action="referral.viewed", actor=sam).exists()
    assert client.post(referral_url(sent), {"to": "accepted"}).status_code == 302
    sent.refresh_from_db()
    assert sent.status == "accepted"
    detail = reverse("children:detail", args=[camden_child.public_id])
    summary = client.get(detail)
    assert summary.status_code == 200
    nav = summary.content.decode()
    assert reverse("plans:plan", args=[camden_child.public_id]) in nav
    assert reverse("notes:notes", args=[camden_child.public_id]) not in nav
    assert client.get(reverse("plans:plan", args=[camden_child.public_id])).status_code == 200
    for name in ("notes:notes", "network:network", "voice:overview", "journey:journey"):
        assert client.get(reverse(name, args=[camden_child.public_id])).status_code == 403, name
    assert client.get(reverse("plans:action-add", args=[camden_child.public_id])).status_code == 403
    assert AuditEvent.objects.filter(
        action="access.refused", actor=sam, detail__reason="section_not_shared"
    ).exists()


def test_a_step_that_breaks_a_rule_shows_an_error_and_changes_nothing(client_for, sam, sent):
    response = client_for(sam).post(referral_url(sent), {"to": "declined", "declined-reason": ""})
    assert response.status_code == 200
    assert "Say why the referral is declined" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == "sent"


def test_a_step_the_person_may_not_take_is_refused(client_for, amara, sam, sent):
    assert client_for(amara).post(referral_url(sent), {"to": "accepted"}).status_code == 403
    assert client_for(sam).post(referral_url(sent), {"to": "withdrawn"}).status_code == 403
    assert client_for(sam).post(referral_url(sent), {"to": "nonsense"}).status_code == 403


def test_after_the_referral_closes_the_share_has_ended(client_for, sam, camden_child, sent):
    services.accept(act(sam), sent)
    client = client_for(sam)
    client.post(referral_url(sent), {"to": "completed", "completed-reason": "Finished"})
    assert client.get(reverse("children:detail", args=[camden_child.public_id])).status_code == 404
    page = client.get(referral_url(sent)).content.decode()
    assert "The share has ended." in page and "Finished" in page


def test_people_who_are_neither_side_never_see_a_referral(client_for, ben, chloe, dev, sent):
    for person in (ben, chloe, dev):
        assert client_for(person).get(referral_url(sent)).status_code == 404
    assert client_for(ben).get("/referrals/not-an-id/").status_code == 404


def _many_referrals(amara, camden_child, jays_plan, partner_service, count):
    for n in range(count):
        action = PlanActionFactory(
            plan=jays_plan, description=f"Action {n}", service=partner_service
        )
        services.refer(
            act(amara),
            camden_child,
            action,
            purpose="x",
            shared=["plan"],
            consent="given",
            consent_on=today(),
        )


# Session (read, and written on the first request after signing in), user, the referrals with
# child, service and organisations, and the header's queries (the newest "what's new" note).
INBOX_QUERIES = {"sqlite": 8, "postgresql": 9}
# Session, user, the referral with all it shows, its service's phones, whether the child is
# restricted, the audit entry (on PostgreSQL a lock and the previous hash too) and the header.
REFERRAL_QUERIES = {"sqlite": 14, "postgresql": 16}


@pytest.mark.parametrize("count", [1, 8])
def test_the_inbox_does_not_grow_with_referrals(
    client_for, sam, amara, camden_child, jays_plan, partner_service, count,
    django_assert_max_num_queries,
):  # fmt: skip
    _many_referrals(amara, camden_child, jays_plan, partner_service, count)
    client = client_for(sam)
    with django_assert_max_num_queries(INBOX_QUERIES[connection.vendor]):
        assert client.get(reverse("referrals:inbox")).status_code == 200


def test_the_referral_page_has_a_fixed_number_of_queries(
    client_for, sam, sent, django_assert_max_num_queries
):
    client = client_for(sam)
    with django_assert_max_num_queries(REFERRAL_QUERIES[connection.vendor]):
        assert client.get(referral_url(sent)).status_code == 200


def test_only_the_childs_service_is_offered_the_refer_link(client_for, chloe, shared_jay, action):
    page = client_for(chloe).get(reverse("plans:plan", args=[shared_jay.public_id]))
    assert page.status_code == 200
    assert refer_url(shared_jay, action) not in page.content.decode()
