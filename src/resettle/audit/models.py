"""Who saw and who changed what. Rows are only ever added.

The trail is append-only and hash-chained, in several chains (see `chain.py`): the ORM refuses to
change or delete an entry, and on PostgreSQL (and, for changes, SQLite) a database trigger refuses
too.
"""

from django.conf import settings
from django.db import models, router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import chain as chains

# Namespaced action codes and how they read to a person.
ACTIONS: dict[str, str] = {
    "user.signed_in": _("Signed in"),
    "user.signed_out": _("Signed out"),
    "user.mfa_enrolled": _("Set up an authenticator app"),
    "user.mfa_verified": _("Gave a two-factor code"),
    "user.mfa_failed": _("Gave a two-factor code that was not correct"),
    "user.mfa_reset": _("Reset a person's two-factor sign-in"),
    "user.recovery_codes_created": _("Got new recovery codes"),
    "user.password_changed": _("Changed their password"),
    "user.sessions_ended": _("Ended a person's sessions"),
    "user.deactivated": _("Deactivated a person's account"),
    "user.reactivated": _("Reactivated a person's account"),
    "user.created": _("Created a person's account"),
    "user.email_changed": _("Changed a person's email address"),
    "user.role_changed": _("Changed a person's role"),
    "user.organisation_changed": _("Moved a person to another organisation"),
    "user.admin_access_changed": _("Changed a person's administration access"),
    "user.password_set": _("Set a person's password"),
    "user.password_link_sent": _("Sent a person a link to set their password"),
    "user.password_reset_requested": _("Asked for a link to reset their password"),
    "user.password_reset": _("Reset their password with a link sent by email"),
    "user.mfa_changed": _("Added or removed a person's two-factor sign-in"),
    "child.viewed": _("Viewed the child's record"),
    "child.created": _("Added the child"),
    "child.changed": _("Changed the child's details"),
    "child.history_viewed": _("Viewed the change history"),
    "child.shared": _("Shared the child's record with an organisation"),
    "share.revoked": _("Stopped sharing the child's record"),
    "share.placement_ended": _("Set a placement's share to end after the child left"),
    "access.refused": _("Was refused the child's record"),
    "child.restricted": _("Restricted the child's record to named people"),
    "child.unrestricted": _("Removed the restriction on the child's record"),
    "child.transfer_requested": _("Requested a transfer to another service"),
    "child.transferred": _("Accepted the child's transfer"),
    "child.transfer_declined": _("Declined a transfer of the child"),
    "child.transfer_cancelled": _("Cancelled a transfer request"),
    "child.exported": _("Exported the child's record"),
    "child.printed": _("Printed the child's record"),
    "child.legal_status_recorded": _("Recorded a change of legal status"),
    "child.anonymised": _("Anonymised the record at the end of its retention period"),
    "child.deleted": _("Deleted the record at the end of its retention period"),
    "audit.access_log_viewed": _("Viewed who has accessed the record"),
    "audit.searched": _("Searched the audit trail"),
    "audit.exported": _("Exported entries from the audit trail"),
    "audit.anchored": _("Anchored the audit trail: recorded the latest entry of every chain"),
    "voice.recorded": _("Recorded what the child said"),
    "voice.changed": _("Corrected a record of what the child said"),
    "plan.changed": _("Changed the plan"),
    "plan.goal_added": _("Added a goal to the plan"),
    "plan.goal_changed": _("Changed a goal in the plan"),
    "plan.need_added": _("Added a need to the plan"),
    "plan.action_added": _("Added an action to the plan"),
    "plan.action_changed": _("Changed an action in the plan"),
    "plan.contingency_recorded": _("Recorded a contingency plan"),
    "plan.agreed": _("Recorded that the child agreed the plan"),
    "plan.progress_recorded": _("Recorded progress in custody"),
    "plan.progress_changed": _("Changed progress in custody"),
    "plan.progress_carried": _("Carried a course started in custody on to after release"),
    "quality.audit_recorded": _("Recorded a manager's 5Cs audit of the plan"),
    "journey.meeting_recorded": _("Recorded a meeting"),
    "journey.event_recorded": _("Recorded progress or a setback"),
    "journey.setback_responded": _("Recorded the response to a setback"),
    "journey.touchpoint_completed": _("Marked a touchpoint as done"),
    "network.changed": _("Changed the child's network"),
    "note.added": _("Added a case note"),
    "release.plan_changed": _("Changed the release checklist"),
    "childmode.started": _("Started child mode on a shared device"),
    "childmode.ended": _("Left child mode with their password"),
    "childmode.answers_saved": _("The child saved their answers in child mode"),
    # The knowledge hub
    "guidance.article_saved": _("Wrote or changed a guidance article"),
    "guidance.article_moved": _("Sent a guidance article for review, published or withdrew it"),
    "guidance.question_asked": _("Asked a question"),
    "guidance.question_redacted": _("Redacted a question"),
    "guidance.question_assigned": _("Gave a question an owner"),
    "guidance.question_answered": _("Answered a question"),
    "guidance.question_published": _("Published a question to the FAQ"),
    "guidance.expert_named": _("Named an expert to answer questions"),
    "guidance.expert_removed": _("Removed an expert"),
    "training.module_saved": _("Added or changed a training module"),
    "training.completion_recorded": _("Recorded completing training"),
    "whatsnew.published": _("Published a what's new note"),
    # The menu of support (the directory of services)
    "directory.service_added": _("Added a service to the menu of support"),
    "directory.service_changed": _("Changed a service in the menu of support"),
    "directory.organization_added": _("Added a provider organisation to the menu of support"),
    "directory.change_proposed": _("Proposed a change to a service in the menu of support"),
    "directory.proposal_accepted": _("Accepted a proposed change to a service"),
    "directory.proposal_rejected": _("Rejected a proposed change to a service"),
    "directory.imported": _("Imported services into the menu of support"),
    "directory.exported": _("Exported the menu of support"),
    "referral.sent": _("Referred the child to a service"),
    "referral.accepted": _("Accepted a referral (the record is shared for its purpose)"),
    "referral.declined": _("Declined a referral"),
    "referral.completed": _("Recorded a referral as completed"),
    "referral.withdrawn": _("Withdrew a referral"),
    "referral.viewed": _("Viewed a referral"),
    "api.token_created": _("Created a personal access token for the API"),
    "api.token_revoked": _("Revoked a personal access token for the API"),
    "import.previewed": _("Checked files from a case management system before importing"),
    "import.applied": _("Imported children and legal status from a case management system"),
    "service.exported": _("Exported the service's children and their plans"),
    "insight.downloaded": _("Downloaded a table of the partnership's figures"),
}


# The action of an anchor (audit/anchors.py), the entries of chain 0 that record every other chain's
# latest entry.
ANCHORED = "audit.anchored"


class AuditTrailIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an audit entry."""

    def __init__(self, what: str = "changed or deleted") -> None:
        super().__init__(
            f"Audit entries cannot be {what}: the trail is append-only. "
            "Use resettle.audit.services.record() to add an entry."
        )


class AuditEventQuerySet(models.QuerySet):
    """Reading and filtering as usual; no bulk writes that would bypass or rewrite the chain."""

    def update(self, **kwargs):
        raise AuditTrailIsAppendOnly("updated")

    def delete(self):
        raise AuditTrailIsAppendOnly("deleted")

    def _raw_delete(self, using):
        raise AuditTrailIsAppendOnly("deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditTrailIsAppendOnly("updated")

    def bulk_create(self, objs, *args, **kwargs):
        raise AuditTrailIsAppendOnly("created in bulk (each entry must be chained)")

    def update_or_create(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("updated")


class AuditEvent(models.Model):
    # Stored in UTC (USE_TZ); the hash covers it to the microsecond.
    at = models.DateTimeField(default=timezone.now, editable=False, db_index=True)
    # No database constraints on the people, organisations and children an entry names: the trail
    # outlives them, and an entry never changes when they are deleted.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_email = models.CharField(max_length=254, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    role = models.CharField(max_length=30, blank=True)
    action = models.CharField(max_length=60)
    child = models.ForeignKey(
        "children.Child",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    # The chain: which one (0, the first, for entries from before there were several, and the
    # anchors), the previous entry's hash in it, and the hash of this entry's content and
    # prev_hash, made as `version` says (chain.py: 1, SHA-256, the first entries; 2, HMAC-SHA256
    # with AUDIT_KEY; 3, as 2 with the chain).
    chain = models.PositiveSmallIntegerField(default=chains.FIRST_CHAIN, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)
    version = models.PositiveSmallIntegerField(default=chains.UNKEYED, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["child", "-at"]),
            models.Index(fields=["actor", "-at"]),
            models.Index(fields=["action", "-at"]),
            models.Index(fields=["organisation", "-at"]),
            # The latest entry of a chain, read by every append (and the anchors).
            models.Index(fields=["chain", "-id"], name="audit_chain_latest_idx"),
        ]
        constraints = [
            # One successor per entry in each chain: a fork in a chain cannot be written.
            models.UniqueConstraint(
                fields=["chain", "prev_hash"], name="audit_each_chain_is_linear"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action}"

    def save(self, *args, **kwargs):
        """Append this entry to its chain. An entry that has been saved can never be saved again.

        An anchor goes to chain 0, any other entry to its organisation's chain
        (`chain.chain_for`). Only that chain is locked, until the transaction ends.
        """
        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
            raise AuditTrailIsAppendOnly("changed")
        kwargs["force_insert"] = True
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        if timezone.is_naive(self.at):  # as Django would store it: in the current time zone
            self.at = timezone.make_aware(self.at)
        self.detail = chains.normalise_detail(self.detail)
        if self.action == ANCHORED:
            self.chain = chains.FIRST_CHAIN
        else:
            self.chain = chains.chain_for(self.organisation_id)
        with transaction.atomic(using=using):
            chains.lock(using, self.chain)
            self.prev_hash = latest_hash(self.chain, using) or chains.GENESIS
            self.version = chains.CURRENT_VERSION
            self.hash = self.compute_hash()
            super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        raise AuditTrailIsAppendOnly("deleted")

    delete.alters_data = True

    def compute_hash(self) -> str:
        return chains.compute_hash(chains.content_of(self), self.prev_hash, self.version)

    @property
    def action_display(self) -> str:
        return str(ACTIONS.get(self.action, self.action))


def latest_hash(chain: int, using: str = "default") -> str | None:
    """The hash of `chain`'s latest entry (by the index on chain and id), or None if it is empty."""
    return (
        AuditEvent.objects.using(using)
        .filter(chain=chain)
        .order_by("-id")
        .values_list("hash", flat=True)
        .first()
    )
