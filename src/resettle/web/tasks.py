"""Background work, run by worker processes (`manage.py db_worker`, docs/operations.md).

Tasks are queued in the database (django-tasks and its database backend), so any app server can
queue work and any worker can do it. Each task is idempotent, because a worker can die after doing
the work and before recording it, and the queue may then run it again:

* `deliver` sends one notification email. The `Notification` row (unique per kind, object and
  recipient) is written in the same transaction as the sending, so a second delivery of the same
  email sends nothing. When the mail server cannot be reached, the try is recorded as failed and
  another is queued for later, waiting longer each time (`RETRY_AFTER`); after the last it gives
  up, and the next scheduled `send_notifications` finds the email still due and queues it afresh.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django_tasks import task, task_backends

from resettle.children.models import Child

from . import notifications

log = logging.getLogger("resettle.tasks")

# Seconds to wait before each further try: 1 minute, 5 minutes, 30 minutes, 2 hours.
RETRY_AFTER = (60, 300, 1800, 7200)


def can_wait() -> bool:
    """Whether the queue can hold a task until later (the immediate backend of tests cannot)."""
    return task_backends["default"].supports_defer


@task()
def deliver(
    kind: str,
    object_id: str,
    recipient_id: int,
    child_id: int,
    subject: str,
    body: str,
    attempt: int = 1,
) -> bool:
    """Send one notification; True if sent now, False if it had already been sent."""
    recipient = get_user_model().objects.filter(pk=recipient_id, is_active=True).first()
    if recipient is None or not recipient.email:
        return False  # the person has gone since the email was queued
    child = Child.objects.visible_to(recipient).filter(pk=child_id).first()
    if child is None:
        return False  # they may no longer see the child
    email = notifications.Email(kind, object_id, recipient, child, subject, body)
    try:
        return notifications.send(email)
    except (smtplib.SMTPException, OSError) as exc:
        if attempt > len(RETRY_AFTER) or not can_wait():
            log.error(
                "notification not sent, giving up",
                extra={"kind": kind, "object_id": object_id, "attempt": attempt},
            )
            raise
        wait = RETRY_AFTER[attempt - 1]
        log.warning(
            "notification not sent, trying again later",
            extra={
                "kind": kind,
                "object_id": object_id,
                "attempt": attempt,
                "retry_in_seconds": wait,
                "error": type(exc).__name__,
            },
        )
        deliver.using(run_after=timezone.now() + timedelta(seconds=wait)).enqueue(
            kind, object_id, recipient_id, child_id, subject, body, attempt + 1
        )
        raise  # this try failed, and the queue's results say so


def queue(email: notifications.Email):
    """Queue (or, with the immediate backend, do) the delivery of one email."""
    return deliver.enqueue(
        email.kind,
        email.object_id,
        email.recipient.pk,
        email.child.pk,
        email.subject,
        email.body,
    )
