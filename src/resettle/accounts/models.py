"""Organisations, users and their roles (docs/domain.md, people and what they may see)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resettle.audit.actors import current_actor
from resettle.core.models import OpaqueIdModel

from . import changes


class ChildContact(models.TextChoices):
    BOTH = "both", _("Work phone and work email")
    PHONE = "phone", _("Work phone only")
    EMAIL = "email", _("Work email only")
    NONE = "none", _("Neither")


class Organisation(OpaqueIdModel):
    class Kind(models.TextChoices):
        YOUTH_JUSTICE_SERVICE = "yjs", _("Youth justice service")
        SECURE_ESTABLISHMENT = "secure", _("Secure establishment")
        PARTNER = "partner", _("Partner organisation")
        PARTNERSHIP = "partnership", _("Partnership")

    class Subtype(models.TextChoices):
        NONE = "", _("None")
        # Secure establishments
        YOUNG_OFFENDER_INSTITUTION = "yoi", _("Young offender institution")
        SECURE_TRAINING_CENTRE = "stc", _("Secure training centre")
        SECURE_CHILDRENS_HOME = "sch", _("Secure children's home")
        SECURE_SCHOOL = "secure_school", _("Secure school")
        # Partners
        CHILDRENS_SOCIAL_CARE = "social_care", _("Children's social care")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        HOUSING = "housing", _("Housing")
        VOLUNTARY_SECTOR = "voluntary", _("Voluntary sector")

    SECURE_SUBTYPES = frozenset({"yoi", "stc", "sch", "secure_school"})
    PARTNER_SUBTYPES = frozenset({"social_care", "health", "education", "housing", "voluntary"})

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    subtype = models.CharField(_("type"), max_length=20, choices=Subtype.choices, blank=True)
    area = models.CharField(
        _("area"), max_length=200, blank=True, help_text=_("The borough or boroughs covered")
    )
    is_active = models.BooleanField(_("active"), default=True)
    # How a child may reach their worker, as the organisation chooses (the child's own plan shows
    # it under "Who is helping"): work phone, work email, both or neither.
    contact_for_children = models.CharField(
        _("work contact shown to children"),
        max_length=10,
        choices=ChildContact.choices,
        default=ChildContact.BOTH,
        help_text=_("What the child's own plan shows of how to reach their worker"),
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_youth_justice_service(self) -> bool:
        return self.kind == self.Kind.YOUTH_JUSTICE_SERVICE

    def clean(self) -> None:
        if self.kind == self.Kind.SECURE_ESTABLISHMENT and self.subtype not in self.SECURE_SUBTYPES:
            raise ValidationError({"subtype": _("Choose the type of secure establishment.")})
        if self.kind == self.Kind.PARTNER and self.subtype not in self.PARTNER_SUBTYPES:
            raise ValidationError({"subtype": _("Choose the type of partner organisation.")})


class Role(models.TextChoices):
    CASE_WORKER = "case_worker", _("Case worker")
    YJS_MANAGER = "yjs_manager", _("Youth justice service manager")
    SECURE_PRACTITIONER = "secure_practitioner", _("Secure estate practitioner")
    PARTNER_PRACTITIONER = "partner_practitioner", _("Partner practitioner")
    PARTNERSHIP_LEAD = "partnership_lead", _("Partnership lead")
    ADMINISTRATOR = "administrator", _("Administrator")


# Which kind of organisation each role belongs to.
ROLE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Role.CASE_WORKER: {Organisation.Kind.YOUTH_JUSTICE_SERVICE},
    Role.YJS_MANAGER: {Organisation.Kind.YOUTH_JUSTICE_SERVICE},
    Role.SECURE_PRACTITIONER: {Organisation.Kind.SECURE_ESTABLISHMENT},
    Role.PARTNER_PRACTITIONER: {Organisation.Kind.PARTNER},
    Role.PARTNERSHIP_LEAD: {Organisation.Kind.PARTNERSHIP},
    Role.ADMINISTRATOR: {
        Organisation.Kind.YOUTH_JUSTICE_SERVICE,
        Organisation.Kind.PARTNERSHIP,
    },
}


class UserQuerySet(models.QuerySet):
    def update(self, **values):
        """A bulk update is audited like a save (changes.py): it sends no signals of its own."""
        if not changes.watched_fields_touched(values):
            return super().update(**values)
        actor = current_actor()
        with transaction.atomic(using=self.db):
            before = {row["pk"]: row for row in self.values("pk", *changes.WATCHED)}
            updated = super().update(**values)
            for user in self.model._base_manager.using(self.db).filter(pk__in=before):
                changes.refuse_own_access_change(user, before[user.pk], actor)
                changes.record_changes(user, before[user.pk], actor)
        return updated

    update.alters_data = True


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("A user needs an email address")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("role", Role.ADMINISTRATOR)
        if "organisation" not in extra and "organisation_id" not in extra:
            extra["organisation"] = Organisation.objects.get(kind=Organisation.Kind.PARTNERSHIP)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username: str) -> User:
        return self.get(email__iexact=username)


class User(OpaqueIdModel, AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="users", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    work_phone = models.CharField(
        _("work phone"),
        max_length=40,
        blank=True,
        help_text=_("A work number the children you lead can call, if your service shows it"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("can use administration"),
        default=False,
        help_text=_("Administrators manage organisations, users and configuration."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def check_password(self, raw_password: str) -> bool:
        # A right password whose hash is out of date is hashed again and saved: not a change of
        # password, so not recorded as one (changes.py).
        with changes.recorded_here("password"):
            return super().check_password(raw_password)

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.email.lower()
        allowed = ROLE_ORGANISATION_KINDS.get(self.role, set())
        if self.organisation_id and self.organisation.kind not in allowed:
            raise ValidationError(
                {
                    "role": _("A %(role)s cannot belong to a %(kind)s.")
                    % {
                        "role": self.get_role_display().lower(),
                        "kind": self.organisation.get_kind_display().lower(),
                    }
                }
            )


class UserSession(models.Model):
    """A signed-in session, so an administrator can see and end a person's sessions.

    Made when someone signs in and deleted when they sign out or their sessions are ended. The
    session itself lives in Django's session store; this row only points at it.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("user")
    )
    session_key = models.CharField(_("session key"), max_length=40, unique=True)
    created_at = models.DateTimeField(_("signed in"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last active"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        verbose_name = _("signed-in session")

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"


class PasswordResetRequest(models.Model):
    """A request for a password reset email, kept for a day, so requests can be throttled.

    The address asked about is kept only as a keyed digest: nothing here says which addresses
    exist, or were typed.
    """

    email_digest = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    sent = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["email_digest", "requested_at"]),
            models.Index(fields=["ip_address", "requested_at"]),
            models.Index(fields=["requested_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M}"
