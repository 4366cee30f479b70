"""The demo data command: synthetic sign-ins and children, only ever in demo mode."""

from __future__ import annotations

from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from resettle.accounts.models import Organisation, User
from resettle.children.models import Child
from resettle.web.demo import DEMO_SIGN_INS

pytestmark = pytest.mark.django_db

NAMED_SIGN_INS = {
    "caseworker@camden.example",
    "manager@camden.example",
    "caseworker@hackney.example",
    "practitioner@feltham.example",
    "partner@camden-social-care.example",
    "lead@partnership.example",
    "admin@resettle.example",
}


def load(*args: str) -> str:
    out = StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_loaded():
    return load("--children", "40")


def test_demo_sign_ins_cover_one_person_per_role():
    assert {s.email for s in DEMO_SIGN_INS} >= NAMED_SIGN_INS
    assert len({s.role for s in DEMO_SIGN_INS}) == 6


def test_demo_data_creates_the_sign_ins_and_forty_children(demo_loaded):
    assert "Created 40 synthetic children." in demo_loaded
    assert f"password: {django_settings.DEMO_PASSWORD}" in demo_loaded
    for sign_in in DEMO_SIGN_INS:
        assert sign_in.email in demo_loaded
        user = User.objects.get(email=sign_in.email)
        assert user.role == sign_in.role
        assert user.organisation.slug == sign_in.organisation_slug
        assert user.check_password(django_settings.DEMO_PASSWORD)
    assert Child.objects.count() == 40
    assert Child.history.count() == 40


def test_every_demo_sign_in_works_with_the_demo_password(demo_loaded):
    assert django_settings.DEMO_PASSWORD == "resettle-demo"
    for n, sign_in in enumerate(DEMO_SIGN_INS):
        response = Client().post(
            reverse("accounts:sign-in"),
            {"username": sign_in.email, "password": "resettle-demo"},
            REMOTE_ADDR=f"192.0.2.{n + 1}",
        )
        assert response.status_code == 302, sign_in.email
        assert response.wsgi_request.user.email == sign_in.email


def test_demo_children_are_spread_across_services_and_amara_has_some(demo_loaded):
    services = set(Child.objects.values_list("owning_service__slug", flat=True))
    assert {"camden", "hackney"} <= services
    assert len(services) > 3
    amara = User.objects.get(email="caseworker@camden.example")
    assert Child.objects.filter(lead_practitioner=amara, owning_service__slug="camden").exists()
    # Every child is led by someone in their own service, or by nobody yet.
    for child in Child.objects.select_related("lead_practitioner"):
        if child.lead_practitioner:
            assert child.lead_practitioner.organisation_id == child.owning_service_id


def test_demo_children_are_within_the_age_window(demo_loaded):
    ages = [child.age for child in Child.objects.all()]
    assert min(ages) >= 10
    assert max(ages) <= 25


def test_colleagues_invented_for_the_demo_cannot_sign_in(demo_loaded):
    named = {s.email for s in DEMO_SIGN_INS}
    colleagues = User.objects.exclude(email__in=named)
    assert colleagues.exists()
    assert not any(user.has_usable_password() for user in colleagues)
    assert all(user.email.endswith(".example") for user in colleagues)


def test_a_second_run_creates_no_more_children_and_says_so(demo_loaded):
    users = User.objects.count()
    ids = set(Child.objects.values_list("public_id", flat=True))
    output = load("--children", "40")
    assert "Demo children already loaded (40); use --reset to reload." in output
    assert set(Child.objects.values_list("public_id", flat=True)) == ids
    assert User.objects.count() == users


def test_reset_reloads_the_children(demo_loaded):
    before = set(Child.objects.values_list("public_id", flat=True))
    output = load("--children", "12", "--reset")
    assert "Created 12 synthetic children." in output
    assert Child.objects.count() == 12
    assert not set(Child.objects.values_list("public_id", flat=True)) & before
    assert Child.history.count() == 12


def test_negative_children_is_refused():
    with pytest.raises(CommandError, match="--children must be 0 or more"):
        load("--children", "-1")


def test_demo_data_is_refused_outside_demo_mode(settings):
    settings.DEMO = False
    users, children, organisations = (
        User.objects.count(),
        Child.objects.count(),
        Organisation.objects.count(),
    )
    with pytest.raises(CommandError, match="only loaded in demo mode"):
        load("--children", "40")
    assert User.objects.count() == users
    assert Child.objects.count() == children
    assert Organisation.objects.count() == organisations
