"""Training: practitioners record completions; managers see their team; the partnership counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.knowledge import training
from resettle.knowledge.models import TrainingCompletion, TrainingModule
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RECORD = reverse("knowledge:training-record")


def completed(user, module, days_ago):
    on = today() - timedelta(days=days_ago)
    return TrainingCompletion.objects.create(
        user=user,
        module=module,
        completed_on=on,
        expires_on=training.add_months(on, module.valid_for_months)
        if module.valid_for_months
        else None,
    )


def test_a_case_worker_records_training_and_sees_when_to_renew(client_for, amara, module):
    client = client_for(amara)
    response = client.post(
        RECORD,
        {
            "module": str(module.public_id),
            "completed_on_day": "31",
            "completed_on_month": "1",
            "completed_on_year": str(today().year - 1),
            "evidence": "Certificate in my file",
        },
    )
    assert response.status_code == 302
    completion = TrainingCompletion.objects.get()
    assert completion.user == amara and completion.evidence == "Certificate in my file"
    assert completion.completed_on == date(today().year - 1, 1, 31)
    assert completion.expires_on == date(today().year, 1, 31)  # valid for 12 months
    assert AuditEvent.objects.filter(action="training.completion_recorded").exists()
    html = client.get(reverse("knowledge:training")).content.decode()
    assert module.name in html and "Certificate in my file" in html


def test_add_months_keeps_the_day_or_the_end_of_a_shorter_month():
    assert training.add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert training.add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert training.add_months(date(2025, 11, 15), 3) == date(2026, 2, 15)


def test_a_future_date_or_no_module_is_refused_and_kept(client_for, amara, module):
    tomorrow = today() + timedelta(days=1)
    response = client_for(amara).post(
        RECORD,
        {
            "completed_on_day": str(tomorrow.day),
            "completed_on_month": str(tomorrow.month),
            "completed_on_year": str(tomorrow.year),
            "evidence": "kept words",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Select the training you completed" in html
    assert "kept words" in html
    response = client_for(amara).post(
        RECORD,
        {
            "module": str(module.public_id),
            "completed_on_day": str(tomorrow.day),
            "completed_on_month": str(tomorrow.month),
            "completed_on_year": str(tomorrow.year),
        },
    )
    assert "must be today or in the past" in response.content.decode()
    response = client_for(amara).post(RECORD, {"module": "not-a-module"})
    assert response.status_code == 200
    assert not TrainingCompletion.objects.exists()


def test_the_status_of_training_over_time(module, amara):
    assert training.status_of(None) == training.NOT_DONE
    assert training.status_of(completed(amara, module, 30)) == training.CURRENT
    assert training.status_of(completed(amara, module, 340)) == training.RENEW
    assert training.status_of(completed(amara, module, 400)) == training.EXPIRED


def test_a_manager_sees_their_teams_training_and_who_must_renew(
    client_for, priya, amara, ben, module
):
    completed(amara, module, 340)  # due to renew within 60 days
    completed(ben, module, 10)  # another service: never shown to Priya
    response = client_for(priya).get(reverse("knowledge:training-team"))
    html = response.content.decode()
    names = [person.full_name for person, _row in response.context["rows"]]
    assert "Amara Okafor" in names and "Ben Carter" not in names
    assert [(p.full_name, s.status) for p, s in response.context["due"]] == [
        ("Amara Okafor", training.RENEW)
    ]
    assert "Due to renew" in html and "Not done" in html


def test_the_partnership_sees_coverage_by_service_with_small_counts_suppressed(
    client_for, dev, camden, hackney, module
):
    camden_staff = [UserFactory(organisation=camden, role="case_worker") for _ in range(6)]
    hackney_staff = [UserFactory(organisation=hackney, role="case_worker") for _ in range(2)]
    for person in camden_staff:
        completed(person, module, 10)
    completed(hackney_staff[0], module, 10)
    completed(hackney_staff[1], module, 500)  # expired: not counted
    response = client_for(dev).get(reverse("knowledge:training-services"))
    rows = {row.organisation.slug: row for row in response.context["rows"]}
    assert rows["camden"].trained == ["6"] and rows["camden"].staff == "6"
    assert rows["hackney"].trained == ["fewer than 5"] and rows["hackney"].staff == "fewer than 5"
    html = response.content.decode()
    assert "fewer than 5" in html
    for person in camden_staff:
        assert person.full_name not in html  # counts, never names


def test_a_count_of_nought_is_shown_as_nought():
    assert training.suppressed(0) == "0"
    assert training.suppressed(4) == "fewer than 5"
    assert training.suppressed(5) == "5"


def test_authors_add_and_retire_modules(client_for, alex, amara):
    client = client_for(alex)
    response = client.post(
        reverse("knowledge:training-module-new"),
        {
            "name": "Trauma-informed practice",
            "provider": "A provider",
            "covers": "Trauma",
            "valid_for_months": "24",
            "is_active": "yes",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("knowledge:training-module-new"),
        {
            "name": "trauma-informed practice",
            "provider": "x",
            "covers": "x",
            "valid_for_months": "0",
            "is_active": "yes",
        },
    )
    html = response.content.decode()
    assert "Enter a number of months from 1 to 120" in html
    module = TrainingModule.objects.get()
    client.post(
        reverse("knowledge:training-module-edit", args=[module.public_id]),
        {"name": module.name, "provider": "A provider", "covers": "Trauma", "is_active": "no"},
    )
    module.refresh_from_db()
    assert not module.is_active and module.valid_for_months is None
    assert client_for(amara).get(RECORD).context["form"].fields["module"].queryset.count() == 0
