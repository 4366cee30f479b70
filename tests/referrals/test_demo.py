"""The demo: actions linked to services, referrals in every state, a partner with an inbox."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.accounts.models import User
from resettle.plans.models import PlanAction
from resettle.referrals.models import Referral, Status
from resettle.web.demo import DEMO_STEPS, load_demo
from resettle.web.demo.people import DEMO_SIGN_INS
from resettle.web.demo.referrals import load_referrals

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo(children=40, seed=7)


def test_the_referrals_step_is_registered_once_and_the_partner_signs_in():
    assert DEMO_STEPS.count(load_referrals) == 1
    assert "partner@skills-college.example" in {s.email for s in DEMO_SIGN_INS}


def test_the_demo_has_linked_actions_and_referrals_in_every_state(demo, client_for):
    assert PlanAction.across_children.filter(service__isnull=False).count() > 10
    states = set(Referral.across_children.values_list("status", flat=True))
    assert states == set(Status.values)
    assert Referral.across_children.filter(consent="refused").exclude(override_reason="").exists()
    assert set(Referral.across_children.values_list("sent_by", flat=True)) >= {
        "resettle",
        "email",
        "phone",
    }
    for referral in Referral.across_children.select_related("share"):
        assert referral.sent_on <= (referral.accepted_on or referral.sent_on)
        if referral.share is not None:
            assert referral.share.is_active == (referral.status == Status.ACCEPTED)
    partner = User.objects.get(email="partner@skills-college.example")
    inbox = client_for(partner).get(reverse("referrals:inbox")).content.decode()
    assert "Skills for Tomorrow: Construction Pathway" in inbox
    load_referrals(None, None)  # once only
    assert Referral.across_children.count() == 10
