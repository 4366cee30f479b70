"""factory_boy factories. Names are invented; nothing here is a real child."""

from datetime import date, timedelta

import factory
from factory.django import DjangoModelFactory

from resettle.access.models import Share
from resettle.accounts.models import Organisation, Role, User
from resettle.children.models import CareStatus, Child, Ethnicity, Gender
from resettle.core.dates import today


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Test Youth Justice Service {n}")
    slug = factory.Sequence(lambda n: f"test-yjs-{n}")
    kind = Organisation.Kind.YOUTH_JUSTICE_SERVICE


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@test.example")
    full_name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.CASE_WORKER
    password = factory.django.Password("correct horse battery staple")


class ChildFactory(DjangoModelFactory):
    class Meta:
        model = Child

    preferred_name = factory.Faker("first_name", locale="en_GB")
    legal_name = factory.LazyAttribute(lambda c: f"{c.preferred_name} Testperson")
    date_of_birth = date(2010, 5, 17)
    gender = Gender.BOY
    ethnicity = Ethnicity.NOT_STATED
    first_language = "English"
    care_status = CareStatus.NEITHER
    owning_service = factory.SubFactory(OrganisationFactory)
    lead_practitioner = None
    local_reference = factory.Sequence(lambda n: f"REF-{n:05d}")


def share(child, organisation, by=None, days: int = 60) -> Share:
    """Share `child` with `organisation` for resettlement planning, for `days` from today."""
    return Share.objects.create(
        child=child,
        organisation=organisation,
        purpose="Resettlement planning",
        ends_on=today() + timedelta(days=days),
        created_by=by,
    )
