"""Email notifications: each sent exactly once, by the scheduled `send_notifications` job."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from resettle.core.dates import today
from resettle.journey.models import Touchpoint
from resettle.release.models import Notification
from resettle.web import tasks

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


# ---- Delivered by background workers, with retries (web/tasks.py) -------------------------------

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class MailServerAway:
    """An email backend whose server cannot be reached."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def work() -> None:
    """A worker doing everything that is ready, then stopping. (Tests that use it run outside a
    transaction: a worker closes connections left in one, as it should in real use.)"""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_with_a_queue_the_job_queues_and_a_worker_sends_once(amara, camden_child, settings):
    settings.TASKS = QUEUED
    PlanActionFactory(plan=PlanFactory(child=camden_child), owner_person=amara)
    assert "Queued 1 for the workers" in run()
    assert mail.outbox == []
    work()
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1
    # A second run finds nothing due; the same delivery run twice sends once (idempotent).
    assert "Sent 0 notification(s)" in run()
    result = DBTaskResult.objects.get()
    DBTaskResult.objects.create(
        **{
            f.name: getattr(result, f.name)
            for f in DBTaskResult._meta.concrete_fields
            if f.name
            not in {
                "id",
                "status",
                "return_value",
                "started_at",
                "finished_at",
                "worker_ids",
                "exception_class_path",
                "traceback",
            }
        }
    )
    work()
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_when_the_mail_server_is_away_the_worker_tries_again_later_then_sends(
    amara, camden_child, settings
):
    settings.TASKS = QUEUED
    settings.EMAIL_BACKEND = f"{__name__}.MailServerAway"
    PlanActionFactory(plan=PlanFactory(child=camden_child), owner_person=amara)
    run()
    work()
    assert not Notification.objects.exists()  # rolled back with the failed send
    later = DBTaskResult.objects.filter(status="READY").get()
    assert later.args_kwargs["args"][-1] == 2  # the second try
    waited = later.run_after - timezone.now()
    assert timedelta(seconds=50) < waited <= timedelta(seconds=60)
    work()  # not yet due: nothing happens
    assert DBTaskResult.objects.filter(status="READY").count() == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=later.pk).update(run_after=timezone.now())
    work()
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_each_try_waits_longer_and_the_last_gives_up(amara, camden_child, settings):
    settings.TASKS = QUEUED
    settings.EMAIL_BACKEND = f"{__name__}.MailServerAway"
    PlanActionFactory(plan=PlanFactory(child=camden_child), owner_person=amara)
    run()
    waits = []
    for _ in range(len(tasks.RETRY_AFTER) + 1):
        started = timezone.now()
        work()
        waiting = DBTaskResult.objects.filter(status="READY").first()
        if waiting is None:
            break
        waits.append(round((waiting.run_after - started).total_seconds() / 60))
        DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())
    assert waits == [1, 5, 30, 120]
    assert DBTaskResult.objects.filter(status="FAILED").count() == len(tasks.RETRY_AFTER) + 1
    assert mail.outbox == []
