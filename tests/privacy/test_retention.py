"""Retention: records past their service's period are listed by a dry run, then anonymised or
deleted."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from resettle.audit.models import AuditEvent
from resettle.children.models import Child
from resettle.core.dates import today, years_ago
from resettle.privacy.models import RetentionPolicy

from ..factories import ChildFactory

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_camden_child(camden):
    return ChildFactory(
        owning_service=camden,
        preferred_name="Old",
        legal_name="Old Record",
        order_ended_on=years_ago(7) - timedelta(days=1),
    )


@pytest.fixture
def recent_camden_child(camden):
    return ChildFactory(
        owning_service=camden, preferred_name="Recent", order_ended_on=today() - timedelta(days=30)
    )


def test_dry_run_lists_what_would_go_and_changes_nothing(
    old_camden_child, recent_camden_child, camden_child
):
    out = run("--dry-run")
    assert f"would anonymise child {old_camden_child.public_id}" in out
    assert str(recent_camden_child.public_id) not in out
    assert str(camden_child.public_id) not in out  # order not ended
    old_camden_child.refresh_from_db()
    assert old_camden_child.preferred_name == "Old"
    assert "Nothing was" in out


def test_default_policy_anonymises_after_six_years(old_camden_child):
    run()
    old_camden_child.refresh_from_db()
    assert old_camden_child.preferred_name == "Anonymised"
    assert old_camden_child.legal_name == "Anonymised"
    assert old_camden_child.local_reference == ""
    assert (old_camden_child.date_of_birth.month, old_camden_child.date_of_birth.day) == (1, 1)
    assert not old_camden_child.history.filter(preferred_name="Old").exists()
    assert AuditEvent.objects.filter(action="child.anonymised", child=old_camden_child).exists()
    assert "No records are past" in run("--dry-run")  # anonymised records are not listed again


def test_service_policy_can_delete_and_use_its_own_period(camden, hackney, old_camden_child):
    RetentionPolicy.objects.create(
        organisation=camden, years_after_order_ends=10, action=RetentionPolicy.Action.DELETE
    )
    assert "No records are past" in run("--dry-run")  # 7 years < 10
    hackney_old = ChildFactory(
        owning_service=hackney, order_ended_on=years_ago(3) - timedelta(days=1)
    )
    RetentionPolicy.objects.create(
        organisation=hackney, years_after_order_ends=3, action=RetentionPolicy.Action.DELETE
    )
    run()
    assert not Child.objects.filter(pk=hackney_old.pk).exists()
    assert Child.objects.filter(pk=old_camden_child.pk).exists()
    assert AuditEvent.objects.filter(action="child.deleted", child_id=hackney_old.pk).exists()


def test_anonymising_leaves_no_identifying_text_anywhere_in_the_record(old_camden_child, feltham):
    from resettle.access.models import Share
    from resettle.children.models import LegalStatusEpisode
    from resettle.privacy.export import as_json

    Share.objects.create(
        child=old_camden_child,
        organisation=feltham,
        purpose="SENTINEL purpose",
        starts_on=years_ago(8),
        ends_on=years_ago(7),
    )
    LegalStatusEpisode.objects.create(
        child=old_camden_child, status="order_ended", starts_on=years_ago(7), notes="SENTINEL note"
    )
    run()
    exported = str(as_json(Child.objects.get(pk=old_camden_child.pk)))
    assert "SENTINEL" not in exported
    assert "Old Record" not in exported
    # Counted facts stay: the legal status episode is kept, blanked.
    assert LegalStatusEpisode.across_children.filter(child=old_camden_child, notes="").count() == 1


def test_deleting_leaves_no_history_behind(hackney, feltham):
    from resettle.access.models import Share

    gone = ChildFactory(
        owning_service=hackney,
        preferred_name="Gone",
        order_ended_on=years_ago(7) - timedelta(days=1),
    )
    Share.objects.create(
        child=gone, organisation=feltham, purpose="x", starts_on=years_ago(8), ends_on=years_ago(7)
    )
    RetentionPolicy.objects.create(
        organisation=hackney, years_after_order_ends=6, action=RetentionPolicy.Action.DELETE
    )
    run()
    assert not Child.history.filter(id=gone.pk).exists()
    assert not Share.history.filter(child_id=gone.pk).exists()
