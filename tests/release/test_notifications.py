"""Email notifications: each sent exactly once, by the scheduled `send_notifications` job."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.release.models import Notification

from ..factories import ChildFactory
from ..plans.factories import PlanActionFactory, PlanFactory, status

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("send_notifications", "--base-url", "https://resettle.example", *args, stdout=out)
    return out.getvalue()


def test_a_person_given_an_action_is_emailed_once(amara, camden_child):
    PlanActionFactory(plan=PlanFactory(child=camden_child), owner_person=amara)
    run()
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["amara@camden.test"]
    assert "Jay" in email.body
    assert f"https://resettle.example/children/{camden_child.public_id}/plan/" in email.body
    assert "Testperson" not in email.body + email.subject  # never the legal name

    run()
    assert len(mail.outbox) == 1  # the second run sends nothing
    assert Notification.objects.count() == 1


def test_a_dry_run_sends_and_records_nothing(amara, camden_child):
    PlanActionFactory(plan=PlanFactory(child=camden_child), owner_person=amara)
    output = run("--dry-run")
    assert "Would send action_assigned" in output and "Jay" not in output
    assert mail.outbox == [] and not Notification.objects.exists()
    run()
    assert len(mail.outbox) == 1


def test_switching_on_for_existing_data_marks_what_is_due_as_sent(amara, priya, camden_child):
    plan = PlanFactory(child=camden_child)
    PlanActionFactory(plan=plan, owner_person=amara)
    output = run("--mark-as-sent")
    assert "Marked as sent 1 notification(s)" in output
    assert mail.outbox == [] and Notification.objects.count() == 1
    PlanActionFactory(plan=plan, owner_person=priya)  # what happens afterwards is still sent
    run()
    assert [m.to for m in mail.outbox] == [["priya@camden.test"]]


def test_giving_the_action_to_someone_else_emails_them(amara, priya, camden_child):
    action = PlanActionFactory(plan=PlanFactory(child=camden_child), owner_person=amara)
    run()
    action.owner_person = priya
    action.save()
    run()
    assert [m.to for m in mail.outbox] == [["amara@camden.test"], ["priya@camden.test"]]


def test_closed_actions_and_people_who_cannot_see_the_child_get_nothing(amara, ben, camden_child):
    plan = PlanFactory(child=camden_child)
    PlanActionFactory(plan=plan, owner_person=amara, status=status("done"))
    PlanActionFactory(plan=plan, owner_person=ben)  # Hackney cannot see a Camden child
    run()
    assert mail.outbox == []


def test_an_overdue_touchpoint_emails_the_lead_practitioner_once(amara, camden):
    child = ChildFactory(preferred_name="Jo", owning_service=camden, lead_practitioner=amara)
    Touchpoint.objects.create(
        child=child, name="Initial planning meeting", due_on=today() - timedelta(days=1)
    )
    Touchpoint.objects.create(child=child, name="Not yet", due_on=today())
    Touchpoint.objects.create(
        child=child, name="Done", due_on=today() - timedelta(days=3), completed_on=today()
    )
    run()
    run()
    assert len(mail.outbox) == 1
    assert "Initial planning meeting for Jo" in mail.outbox[0].body
    assert mail.outbox[0].to == ["amara@camden.test"]


def test_without_a_site_address_the_job_refuses_to_send(amara, camden_child, settings):
    from django.core.management.base import CommandError

    settings.SITE_URL = ""
    with pytest.raises(CommandError):
        call_command("send_notifications", "--base-url", "", stdout=StringIO())
