"""Importing on a page: a manager uploads the files, sees what will happen with nothing saved,
then confirms; rejected rows download as CSV. And the export of the service's children."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.children.models import Child
from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Pathway, Plan, PlanAction

from ..factories import ChildFactory, UserFactory

pytestmark = pytest.mark.django_db

EXAMPLES = Path(settings.PROJECT_DIR) / "docs" / "import-examples"


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def files(children: bytes | None = None, legal: bytes | None = None) -> dict:
    return {
        "source": "childview",
        "children": SimpleUploadedFile(
            "children.csv", children or (EXAMPLES / "children.csv").read_bytes(), "text/csv"
        ),
        "legal_status": SimpleUploadedFile(
            "legal.csv", legal or (EXAMPLES / "legal_status.csv").read_bytes(), "text/csv"
        ),
    }


def test_a_manager_checks_the_files_then_imports_them(client_for, priya, feltham):
    client = client_for(priya)
    response = client.post(reverse("integrations:import"), files())
    assert response.status_code == 302 and response.url == reverse("integrations:import-check")
    assert not Child.objects.exists()  # nothing saved before the confirmation

    preview = client.get(response.url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Check the import" in html and "Ifeoluwa" not in html and "Ife" in html
    assert preview.context["children"]["counts"]["created"] == 3

    done = client.post(reverse("integrations:import-check"), follow=True)
    assert "The import is complete" in done.content.decode()
    assert Child.objects.count() == 3
    entries = AuditEvent.objects.filter(action="child.created")
    assert entries.count() == 3 and {e.detail["via"] for e in entries} == {"import"}
    assert AuditEvent.objects.filter(action="import.applied", actor=priya).exists()
    # Confirming again does nothing more
    client.post(reverse("integrations:import-check"))
    assert Child.objects.count() == 3


def test_rejected_rows_are_shown_and_downloadable(client_for, priya):
    bad = (
        EXAMPLES / "children.csv"
    ).read_bytes() + b"childview,CV-9,Al,Al X,1890-01-01,camden,neither,boy,not_stated,,\n"
    client = client_for(priya)
    client.post(reverse("integrations:import"), files(children=bad))
    html = client.get(reverse("integrations:import-check")).content.decode()
    assert "Resettle is for people aged up to 25" in html
    download = client.get(reverse("integrations:import-rejected"))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode())))
    assert rows[0] == ["file", "line", "source_id", "reason"]
    assert rows[1][:3] == ["children", "5", "CV-9"]


def test_a_file_that_cannot_be_read_offers_nothing_to_import(client_for, priya):
    client = client_for(priya)
    latin = "source_system,source_id\nchildview,Zoë\n".encode("latin-1")
    client.post(reverse("integrations:import"), files(children=latin))
    response = client.get(reverse("integrations:import-check"))
    html = response.content.decode()
    assert "Nothing can be imported" in html and ">Import<" not in html
    client.post(reverse("integrations:import-check"))
    assert not Child.objects.exists()


def test_a_form_without_files_says_what_is_missing(client_for, priya):
    response = client_for(priya).post(reverse("integrations:import"), {"source": ""})
    html = response.content.decode()
    assert "Enter the name of the case management system" in html
    assert "Select the children file" in html


def test_cancelling_removes_the_uploaded_files(client_for, priya, tmp_path):
    client = client_for(priya)
    client.post(reverse("integrations:import"), files())
    assert any((tmp_path / "imports").iterdir())
    client.post(reverse("integrations:import-cancel"))
    assert not any((tmp_path / "imports").iterdir())
    assert client.get(reverse("integrations:import-check")).status_code == 302


def test_another_persons_upload_cannot_be_seen(client_for, priya, camden):
    other = UserFactory(email="other.manager@camden.test", organisation=camden, role="yjs_manager")
    mine = client_for(priya)
    mine.post(reverse("integrations:import"), files())
    theirs = client_for(other)
    session = theirs.session
    session["resettle_import"] = mine.session["resettle_import"]
    session.save()
    assert theirs.get(reverse("integrations:import-check")).status_code == 302


def test_the_export_holds_the_services_children_and_plans_with_formulas_neutralised(
    client_for, priya, camden, hackney
):
    ensure_defaults()
    jay = ChildFactory(preferred_name="=Jay", owning_service=camden)
    ChildFactory(preferred_name="Kemi", owning_service=hackney)
    plan = Plan.objects.create(child=jay, vision="A mechanic")
    PlanAction.objects.create(
        plan=plan,
        pathway=Pathway.objects.get(slug="ete"),
        kind="structural",
        description="Enrol at college",
        owner_name="Aunt Grace",
        status=ActionStatus.objects.get(slug="not-started"),
    )
    ChildFactory(preferred_name="Ola", owning_service=camden)
    response = client_for(priya).get(reverse("integrations:export"))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["preferred_name"] for r in rows] == ["'=Jay", "Ola"]
    assert (
        rows[0]["action_description"] == "Enrol at college"
        and rows[0]["plan_vision"] == "A mechanic"
    )
    assert rows[1]["action_id"] == ""
    assert AuditEvent.objects.get(action="service.exported").detail == {"children": 2}


def test_only_managers_import_and_export(client_for, amara, chloe):
    for person in (amara, chloe):
        client = client_for(person)
        assert client.get(reverse("integrations:import")).status_code == 403
        assert client.get(reverse("integrations:export")).status_code == 403
