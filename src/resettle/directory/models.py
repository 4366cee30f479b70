"""The menu of support: a directory of local services, after Open Referral HSDS 3.0.

Each model is one of HSDS's core objects, with HSDS's field names, so the directory can be
exported and imported without a mapping table (docs/directory.md): organization, service,
location (and its address), service_at_location, service_area, schedule, contact, phone,
taxonomy, taxonomy_term and attribute. Ids are UUIDs, as HSDS wants, and are the primary keys:
importing the same record again updates it. HSDS's American spellings stay ("Organization"),
which also tells a directory organisation from a Resettle `accounts.Organisation`.

Nothing here is personal data: these are public services. Every change is kept in history
(django-simple-history) and audited by the services that make it. A service is never deleted in
use: it becomes inactive or defunct. (A plan action can later point at a `Service` with a
nullable foreign key: the primary key never changes.)
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from resettle.core.models import OpaqueIdModel

from .boroughs import AREA_NAMES, area_choices

# Longest free text a form or an import may store in one field.
MAX_TEXT = 5000


def to_the_millisecond(moment):
    """HSDS dates changes to the millisecond: kept so, an export read back is the same."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def _history(**options) -> HistoricalRecords:
    # The reason holds a structured account of the change (services.py), so it is not limited to
    # simple-history's default 100 characters.
    return HistoricalRecords(history_change_reason_field=models.TextField(null=True), **options)


def _id() -> models.UUIDField:
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


class Organization(models.Model):
    """An organisation that provides services (HSDS `organization`)."""

    id = _id()
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    # Where the organisation also uses Resettle (a partner organisation), for referrals later.
    resettle_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="directory_organizations",
        verbose_name=_("organisation in Resettle"),
    )

    history = _history()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("provider organisation")

    def __str__(self) -> str:
        return self.name


class Taxonomy(models.Model):
    """A classification scheme (HSDS `taxonomy`)."""

    id = _id()
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    uri = models.URLField(max_length=500, blank=True)
    version = models.CharField(max_length=50, blank=True)

    history = _history()

    class Meta:
        ordering = ["name", "id"]
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    """A term in a taxonomy (HSDS `taxonomy_term`)."""

    id = _id()
    code = models.CharField(max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    taxonomy = models.ForeignKey(
        Taxonomy, null=True, blank=True, on_delete=models.PROTECT, related_name="terms"
    )
    # HSDS's free-text name of the taxonomy, for terms of a taxonomy not described here.
    taxonomy_name = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=20, blank=True)
    term_uri = models.URLField(max_length=500, blank=True)

    history = _history()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class ServiceStatus(models.TextChoices):
    # HSDS's four values, exactly.
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    DEFUNCT = "defunct", _("Closed for good")
    TEMPORARILY_CLOSED = "temporarily closed", _("Temporarily closed")


OPEN_STATUSES = (ServiceStatus.ACTIVE, ServiceStatus.TEMPORARILY_CLOSED)


class Service(models.Model):
    """A service an organisation offers (HSDS `service`)."""

    id = _id()
    organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("what it offers"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    interpretation_services = models.TextField(_("interpreting"), blank=True)
    application_process = models.TextField(_("how to refer"), blank=True)
    fees_description = models.TextField(_("cost"), blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=200, blank=True)
    accreditations = models.TextField(_("accreditations"), blank=True)
    eligibility_description = models.TextField(_("who it is for"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    assured_date = models.DateField(_("last checked"), null=True, blank=True)
    assurer_email = models.EmailField(_("checked by"), blank=True)
    alert = models.TextField(_("alert"), blank=True)
    last_modified = models.DateTimeField(_("last changed"), db_index=True)

    history = _history()

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["status", "name"], name="directory_service_status_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def area_slugs(self) -> set[str]:
        """The boroughs (and "london" for all of London) the service covers (prefetch
        `service_areas` on a list)."""
        return {area.borough for area in self.service_areas.all() if area.borough}


class LocationType(models.TextChoices):
    PHYSICAL = "physical", _("A place to visit")
    POSTAL = "postal", _("A postal address")
    VIRTUAL = "virtual", _("Online")


class Location(models.Model):
    """Where services are delivered (HSDS `location`)."""

    id = _id()
    location_type = models.CharField(
        _("kind of location"), max_length=20, choices=LocationType.choices
    )
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="locations"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("getting there"), blank=True)
    url = models.URLField(max_length=500, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)

    history = _history()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    """A location's address (HSDS `address`)."""

    id = _id()
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(_("address line 1"), max_length=200)
    address_2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100)
    postal_code = models.CharField(_("postcode"), max_length=20)
    country = models.CharField(max_length=2, default="GB")
    address_type = models.CharField(
        max_length=20, choices=LocationType.choices, default=LocationType.PHYSICAL
    )

    history = _history()

    class Meta:
        ordering = ["address_1", "id"]
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return ", ".join(
            p for p in (self.address_1, self.address_2, self.city, self.postal_code) if p
        )


class ServiceAtLocation(models.Model):
    """A service delivered at a location (HSDS `service_at_location`)."""

    id = _id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, related_name="service_at_locations"
    )
    description = models.TextField(blank=True)

    history = _history()

    class Meta:
        ordering = ["id"]


class ServiceArea(models.Model):
    """The area a service covers (HSDS `service_area`), mapped to a borough where it is one."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.CharField(max_length=500, blank=True)
    # Resettle's reading of the area: a borough's slug, "london", or "" for another area.
    borough = models.CharField(
        _("borough"), max_length=40, choices=area_choices, blank=True, db_index=True
    )

    history = _history()

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name or AREA_NAMES.get(self.borough, "")


class Schedule(models.Model):
    """When a service is open (HSDS `schedule`, a subset of iCalendar's recurrence rule)."""

    class Freq(models.TextChoices):
        WEEKLY = "WEEKLY", _("Weekly")
        MONTHLY = "MONTHLY", _("Monthly")

    id = _id()
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="schedules",
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, choices=Freq.choices, blank=True)
    interval = models.PositiveSmallIntegerField(null=True, blank=True)
    # Days as iCalendar codes separated by commas: "MO,TU,WE".
    byday = models.CharField(max_length=50, blank=True)
    bymonthday = models.CharField(max_length=100, blank=True)
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)
    description = models.TextField(blank=True)
    attending_type = models.CharField(max_length=50, blank=True)
    notes = models.TextField(blank=True)

    history = _history()

    class Meta:
        ordering = ["opens_at", "id"]


class Contact(models.Model):
    """Someone to contact about a service (HSDS `contact`). A named role, not personal data:
    the directory names job titles and team inboxes, not private people."""

    id = _id()
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    department = models.CharField(_("team"), max_length=200, blank=True)
    email = models.EmailField(_("email address"), blank=True)

    history = _history()

    class Meta:
        ordering = ["name", "id"]


class Phone(models.Model):
    """A telephone number (HSDS `phone`), of a service, a contact or a location."""

    id = _id()
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    location = models.ForeignKey(
        Location, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, null=True, blank=True, on_delete=models.CASCADE, related_name="phones"
    )
    number = models.CharField(_("telephone"), max_length=50)
    extension = models.PositiveIntegerField(null=True, blank=True)
    type = models.CharField(max_length=20, blank=True)
    description = models.TextField(blank=True)

    history = _history()

    class Meta:
        ordering = ["number", "id"]


class Attribute(models.Model):
    """A service's classification by a taxonomy term (HSDS `attribute`, linked to a service)."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes"
    )
    link_type = models.CharField(max_length=100, blank=True)
    value = models.TextField(blank=True)

    history = _history()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "taxonomy_term", "link_type"], name="directory_attribute_once"
            )
        ]


class Proposal(OpaqueIdModel):
    """A change to a service proposed by a youth justice service manager for their borough,
    which the directory's curators accept or reject."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="proposals")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("why"))
    # {field: value} as the service's form has them (values.py): the fields the proposal changes,
    # and what they were when it was made.
    changes = models.JSONField(default=dict)
    before = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-id"]
        indexes = [models.Index(fields=["status", "-proposed_at"], name="directory_proposal_idx")]

    def __str__(self) -> str:
        return f"Proposal {self.public_id}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN
