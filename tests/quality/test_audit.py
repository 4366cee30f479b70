"""A manager's own 5Cs audit of a plan: recorded with a rating and comments for each C, kept over
time, shown on the child's 5Cs page, and audited. Only managers of the owning service record one.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.quality import services
from resettle.quality.models import C_KEYS, PlanAudit
from tests.factories import share

pytestmark = pytest.mark.django_db


def add_url(child):
    return reverse("quality:audit-add", args=[child.public_id])


def page_url(child):
    return reverse("quality:child", args=[child.public_id])


def answers(**overrides):
    on = today() - timedelta(days=1)
    data = {
        "audited_on_day": str(on.day),
        "audited_on_month": str(on.month),
        "audited_on_year": str(on.year),
        "constructive_rating": "met",
        "constructive_comment": "Goals are his own words",
        "co_created_rating": "partly",
        "co_created_comment": "Mum not yet at a meeting",
        "customised_rating": "met",
        "consistent_rating": "not_yet",
        "consistent_comment": "Third worker this year",
        "coordinated_rating": "partly",
        "overall_comment": "Good start; get Mum to the next review.",
    }
    data.update(overrides)
    return data


def test_a_manager_records_a_5cs_audit_and_sees_it_on_the_childs_5cs_page(
    client_for, priya, camden_child
):
    client = client_for(priya)
    form = client.get(add_url(camden_child))
    assert form.status_code == 200
    assert "Record a 5Cs audit" in form.content.decode()
    assert "What Resettle's check shows" in form.content.decode()

    response = client.post(add_url(camden_child), answers())
    assert response.status_code == 302
    assert response.url == page_url(camden_child)

    audit = PlanAudit.across_children.get(child=camden_child)
    assert audit.audited_by == priya
    assert audit.audited_on == today() - timedelta(days=1)
    assert [r["rating"] for r in audit.ratings] == ["met", "partly", "met", "not_yet", "partly"]
    assert audit.consistent_comment == "Third worker this year"
    assert audit.customised_comment == ""

    page = client.get(page_url(camden_child)).content.decode()
    assert "Your 5Cs audit has been saved" in page
    yesterday = today() - timedelta(days=1)
    assert f"Audit on {yesterday.day} {yesterday:%B %Y} by Priya Shah" in page
    assert "Third worker this year" in page
    assert "Good start; get Mum to the next review." in page


def test_recording_an_audit_is_in_the_audit_trail_with_the_ratings(client_for, priya, camden_child):
    client_for(priya).post(add_url(camden_child), answers())
    event = AuditEvent.objects.get(action="quality.audit_recorded")
    assert event.child_id == camden_child.id
    assert event.actor_id == priya.id
    assert event.detail["ratings"] == {
        "constructive": "met",
        "co_created": "partly",
        "customised": "met",
        "consistent": "not_yet",
        "coordinated": "partly",
    }


def test_viewing_the_5cs_page_and_the_audit_form_is_audited(client_for, priya, camden_child):
    client = client_for(priya)
    client.get(page_url(camden_child))
    client.get(add_url(camden_child))
    sections = list(
        AuditEvent.objects.filter(action="child.viewed", child=camden_child)
        .order_by("id")
        .values_list("detail__section", flat=True)
    )
    assert sections == ["5cs", "5cs-audit"]


def test_audits_are_kept_over_time_newest_first(client_for, priya, camden_child):
    client = client_for(priya)
    for days, comment in ((60, "First look"), (1, "Second look")):
        on = today() - timedelta(days=days)
        data = answers(
            audited_on_day=str(on.day),
            audited_on_month=str(on.month),
            audited_on_year=str(on.year),
            overall_comment=comment,
        )
        assert client.post(add_url(camden_child), data).status_code == 302
    assert PlanAudit.across_children.filter(child=camden_child).count() == 2
    page = client.get(page_url(camden_child)).content.decode()
    assert page.index("Second look") < page.index("First look")


def test_missing_ratings_are_errors_linked_to_each_c_and_what_was_typed_is_kept(
    client_for, priya, camden_child
):
    data = answers(constructive_rating="", coordinated_rating="", overall_comment="Keep this")
    response = client_for(priya).post(add_url(camden_child), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_constructive_rating"' in page
    assert "Choose met, partly or not yet for Constructive" in page
    assert "Choose met, partly or not yet for Coordinated" in page
    assert "Keep this" in page
    assert "Mum not yet at a meeting" in page
    assert not PlanAudit.across_children.exists()


def test_an_audit_dated_in_the_future_is_refused(client_for, priya, camden_child):
    tomorrow = today() + timedelta(days=1)
    data = answers(
        audited_on_day=str(tomorrow.day),
        audited_on_month=str(tomorrow.month),
        audited_on_year=str(tomorrow.year),
    )
    response = client_for(priya).post(add_url(camden_child), data)
    assert response.status_code == 200
    assert "The date of the audit must be today or in the past" in response.content.decode()
    assert not PlanAudit.across_children.exists()


def test_a_made_up_rating_is_refused(client_for, priya, camden_child):
    response = client_for(priya).post(add_url(camden_child), answers(customised_rating="great"))
    assert response.status_code == 200
    assert not PlanAudit.across_children.exists()


def test_the_case_worker_sees_the_audits_but_cannot_record_one(client_for, amara, camden_child):
    client = client_for(amara)
    page = client.get(page_url(camden_child))
    assert page.status_code == 200
    assert "Record a 5Cs audit" not in page.content.decode()
    assert client.get(add_url(camden_child)).status_code == 403
    assert client.post(add_url(camden_child), answers()).status_code == 403
    assert not PlanAudit.across_children.exists()


def test_the_manager_sees_the_button_to_record_an_audit(client_for, priya, camden_child):
    page = client_for(priya).get(page_url(camden_child)).content.decode()
    assert add_url(camden_child) in page


def test_a_hackney_worker_cannot_see_a_camden_childs_5cs(client_for, ben, camden_child):
    client = client_for(ben)
    assert client.get(page_url(camden_child)).status_code == 404
    assert client.post(add_url(camden_child), answers()).status_code == 404


def test_the_secure_estate_sees_a_shared_childs_5cs_but_does_not_audit(
    client_for, chloe, camden_child, feltham, amara
):
    share(camden_child, feltham, amara)
    client = client_for(chloe)
    assert client.get(page_url(camden_child)).status_code == 200
    assert client.post(add_url(camden_child), answers()).status_code == 403


def test_a_manager_of_a_service_the_child_is_handed_over_to_does_not_audit(
    client_for, camden_child, hackney, amara
):
    from resettle.accounts.models import Role

    from ..factories import UserFactory

    hana = UserFactory(organisation=hackney, role=Role.YJS_MANAGER, full_name="Hana Ali")
    share(camden_child, hackney, amara)
    client = client_for(hana)
    assert client.get(page_url(camden_child)).status_code == 200
    assert client.get(add_url(camden_child)).status_code == 403


def request_by(user):
    return Actor(user, via=WEB)


def test_the_service_refuses_anyone_but_a_manager_of_the_owning_service(amara, camden_child):
    with pytest.raises(PermissionDenied):
        services.record_audit(
            request_by(amara),
            camden_child,
            audited_on=today(),
            **{f"{c}_rating": "met" for c in C_KEYS},
        )


def test_the_service_refuses_a_missing_rating_and_a_future_date(priya, camden_child):
    ratings = {f"{c}_rating": "met" for c in C_KEYS}
    with pytest.raises(DomainError):
        services.record_audit(
            request_by(priya),
            camden_child,
            audited_on=today(),
            **{**ratings, "customised_rating": ""},
        )
    with pytest.raises(DomainError):
        services.record_audit(
            request_by(priya), camden_child, audited_on=today() + timedelta(days=1), **ratings
        )
    assert not PlanAudit.across_children.exists()
