"""Referring a child, consent and its override, every step, the share it opens and ends, and the
action's status following the referral's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied

from resettle.access import policy
from resettle.access.models import Restriction
from resettle.audit.models import AuditEvent
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.referrals import services
from resettle.referrals.models import Referral
from tests.plans.factories import PlanActionFactory

from .conftest import act

pytestmark = pytest.mark.django_db


def refer(user, child, action, **overrides):
    values = {
        "purpose": "Jay wants to work with cars",
        "shared": ["plan"],
        "consent": "given",
        "consent_on": today(),
    }
    values.update(overrides)
    return services.refer(act(user), child, action, **values)


def visible(user, child) -> bool:
    return Child.objects.visible_to(user).filter(pk=child.pk).exists()


def fresh(child):
    return Child.objects.get(pk=child.pk)


def test_a_referral_with_consent_is_sent_to_the_organisations_inbox(sent, amara, action):
    assert sent.status == "sent" and sent.sent_on == today()
    assert (
        sent.sent_by == "resettle"
        and sent.organisation == action.service.organization.resettle_organisation
    )
    assert sent.service == action.service and sent.shared == "plan"
    assert AuditEvent.objects.filter(action="referral.sent", actor=amara).exists()
    action.refresh_from_db()
    assert action.status.slug == "not-started"  # sent: the action waits


def test_consent_needs_its_date_and_cannot_be_in_the_future(amara, camden_child, action):
    with pytest.raises(DomainError) as error:
        refer(amara, camden_child, action, consent_on=None)
    assert "consent_on" in error.value.errors
    with pytest.raises(DomainError) as error:
        refer(amara, camden_child, action, consent_on=today() + timedelta(days=1))
    assert "today or in the past" in error.value.errors["consent_on"]
    assert not Referral.across_children.exists()


def test_only_a_manager_overrides_a_refusal_and_must_say_why(amara, priya, camden_child, action):
    with pytest.raises(DomainError) as error:
        refer(amara, camden_child, action, consent="refused")
    assert "only a manager" in error.value.errors["consent"]
    with pytest.raises(DomainError) as error:
        refer(priya, camden_child, action, consent="refused")
    assert "override_reason" in error.value.errors
    referral = refer(
        priya, camden_child, action, consent="refused", override_reason="To keep Jay safe"
    )
    assert referral.override_by == priya and referral.override_reason == "To keep Jay safe"


def test_consent_must_be_answered(amara, camden_child, action):
    with pytest.raises(DomainError) as error:
        refer(amara, camden_child, action, consent="maybe")
    assert "consent" in error.value.errors


def test_a_service_outside_resettle_records_how_it_was_sent(amara, camden_child, outside_action):
    with pytest.raises(DomainError) as error:
        refer(amara, camden_child, outside_action)
    assert "sent_by" in error.value.errors
    referral = refer(amara, camden_child, outside_action, sent_by="email")
    assert referral.organisation is None and referral.sent_by == "email"


def test_an_action_needs_a_service_and_only_one_open_referral(
    amara, camden_child, jays_plan, sent, action
):
    with pytest.raises(DomainError, match="already has a referral"):
        refer(amara, camden_child, action)
    bare = PlanActionFactory(plan=jays_plan, description="No service")
    with pytest.raises(DomainError, match="Choose a service"):
        refer(amara, camden_child, bare)
    with pytest.raises(DomainError) as error:
        refer(amara, camden_child, action, shared=[], purpose=" ")
    assert {"shared", "purpose"} <= set(error.value.errors) or None in error.value.errors


def test_a_closed_service_takes_no_referral(amara, camden_child, action):
    action.service.status = "temporarily closed"
    action.service.save()
    with pytest.raises(DomainError, match="not taking referrals"):
        refer(amara, camden_child, action)


def test_only_the_childs_service_refers(sam, ben, shared_jay, action):
    for person in (sam, ben):
        with pytest.raises(PermissionDenied):
            refer(person, shared_jay, action)


def test_accepting_shares_only_the_referrals_sections_read_only(sent, sam, amara, camden_child):
    assert not visible(sam, camden_child)
    with pytest.raises(PermissionDenied):
        services.accept(act(amara), sent)  # the organisation uses Resettle: it answers
    services.accept(act(sam), sent)
    sent.refresh_from_db()
    assert sent.status == "accepted" and sent.accepted_on == today()
    share = sent.share
    assert share.is_active and share.sections == "plan,my-plan"
    assert share.organisation == sam.organisation
    assert visible(sam, camden_child)
    child = fresh(camden_child)
    assert policy.sections_shared(sam, child) == {"summary", "plan", "my-plan"}
    assert not policy.can_contribute(sam, child)
    assert policy.sections_shared(amara, child) is None
    assert sent.action.status.slug == "in-progress"
    assert AuditEvent.objects.filter(action="referral.accepted", actor=sam).exists()


def test_a_whole_record_share_is_not_narrowed_by_a_referral(sent, sam, shared_jay):
    services.accept(act(sam), sent)
    child = fresh(shared_jay)
    assert policy.sections_shared(sam, child) is None
    assert policy.can_contribute(sam, child)


def test_completing_ends_the_share_and_the_action_is_done(sent, sam, camden_child):
    services.accept(act(sam), sent)
    services.complete(act(sam), sent, note="Finished level 1")
    sent.refresh_from_db()
    assert sent.status == "completed" and sent.completed_on == today()
    assert sent.note == "Finished level 1"
    assert not sent.share.is_active and sent.share.revoked_by == sam
    assert not visible(sam, camden_child)
    assert sent.action.status.slug == "done"


def test_declining_needs_a_reason_and_blocks_the_action(sent, sam, camden_child):
    with pytest.raises(DomainError) as error:
        services.decline(act(sam), sent, reason=" ")
    assert "reason" in error.value.errors
    services.decline(act(sam), sent, reason="The course is full")
    sent.refresh_from_db()
    assert sent.status == "declined" and sent.declined_on == today() and sent.share is None
    assert sent.action.status.slug == "blocked"
    assert "The course is full" in sent.action.status_reason
    assert not visible(sam, camden_child)


def test_the_childs_service_withdraws_and_the_share_ends(sent, sam, amara, camden_child):
    services.accept(act(sam), sent)
    with pytest.raises(PermissionDenied):
        services.withdraw(act(sam), sent, reason="x")
    with pytest.raises(DomainError):
        services.withdraw(act(amara), sent, reason="")
    services.withdraw(act(amara), sent, reason="Jay moved to Hackney")
    sent.refresh_from_db()
    assert sent.status == "withdrawn" and sent.withdrawn_on == today()
    assert not sent.share.is_active
    assert not visible(sam, camden_child)


@pytest.mark.parametrize(
    ("path", "then", "message"),
    [
        ([], "complete", "This referral is sent: it cannot be completed"),
        (["decline"], "accept", "This referral is declined: it cannot be accepted"),
        (["accept"], "decline", "This referral is accepted: it cannot be declined"),
        (["accept", "complete"], "withdraw", "This referral is completed: it cannot be withdrawn"),
        (["withdraw"], "complete", "This referral is withdrawn: it cannot be completed"),
        (["accept"], "accept", "This referral is accepted: it cannot be accepted"),
    ],
)
def test_impossible_steps_are_refused_with_a_clear_message(sent, sam, amara, path, then, message):
    steps = {
        "accept": lambda: services.accept(act(sam), sent),
        "decline": lambda: services.decline(act(sam), sent, reason="Full"),
        "complete": lambda: services.complete(act(sam), sent),
        "withdraw": lambda: services.withdraw(act(amara), sent, reason="Moved"),
    }
    for step in path:
        steps[step]()
    before = Referral.across_children.get(pk=sent.pk).status
    with pytest.raises(DomainError, match=message):
        steps[then]()
    assert Referral.across_children.get(pk=sent.pk).status == before


def test_outside_resettle_the_childs_service_records_each_answer(
    amara, sam, camden_child, outside_action
):
    referral = refer(amara, camden_child, outside_action, sent_by="phone")
    with pytest.raises(PermissionDenied):
        services.accept(act(sam), referral)
    services.accept(act(amara), referral)
    assert referral.share is None
    services.complete(act(amara), referral)
    assert referral.status == "completed"


def test_a_restricted_child_is_not_sent_to_an_inbox(amara, priya, camden_child, action):
    restriction = Restriction.objects.create(child=camden_child, reason="x")
    restriction.allowed_users.set([amara, priya])
    with pytest.raises(DomainError, match="restricted"):
        refer(amara, camden_child, action)
