"""HSDS out and in: every exported service validates against the official schema, the tabular
package validates with Frictionless, export then import into an empty directory gives the same
directory, and a malformed file is rejected row by row and changes nothing."""

from __future__ import annotations

import csv
import io
import json
import random
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from faker import Faker
from frictionless import validate

from resettle.audit.actors import COMMAND, Actor
from resettle.audit.models import AuditEvent
from resettle.directory import importing, schemas, tabular
from resettle.directory.hsds import COLUMNS, PATHS, service_document
from resettle.directory.models import (
    Address,
    Location,
    Organization,
    Service,
    ServiceArea,
    Taxonomy,
    TaxonomyTerm,
)
from resettle.directory.queries import with_everything
from resettle.web.demo.directory import load_directory

pytestmark = pytest.mark.django_db
SYSTEM = Actor.system(via=COMMAND)


@pytest.fixture
def demo_directory(db):
    load_directory(Faker("en_GB"), random.Random(1))
    assert Service.objects.count() > 90


def documents() -> list[dict]:
    return [service_document(s) for s in with_everything(Service.objects.order_by("id"))]


def empty_the_directory() -> None:
    Service.objects.all().delete()
    Address.objects.all().delete()
    Location.objects.all().delete()
    Organization.objects.all().delete()
    TaxonomyTerm.objects.all().delete()
    Taxonomy.objects.all().delete()


def write_json(folder: Path, data) -> Path:
    path = folder / "services.json"
    path.write_text(json.dumps(data))
    return path


def directory_size() -> dict[str, int]:
    return {table: model.objects.count() for table, model in tabular.MODELS.items()}


def test_every_exported_service_validates_against_the_official_schema(demo_directory, hsds_schemas):
    schema = schemas.service_schema(hsds_schemas)
    problems = {d["name"]: schemas.problems(schema, d) for d in documents()}
    assert {name: found for name, found in problems.items() if found} == {}


def test_the_tabular_package_validates_with_frictionless(demo_directory, tmp_path, hsds_schemas):
    tabular.write_folder(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    errors = [e.message for task in report.tasks for e in task.errors]
    assert report.valid, errors[:5]
    # ...and every row validates against its object in the official tabular schema.
    for table, path in PATHS.items():
        schema = schemas.table_schema(hsds_schemas, table)
        types = schemas.table_types(hsds_schemas, table)
        rows = list(csv.DictReader(io.StringIO((tmp_path / path).read_text())))
        assert rows, path
        for row in rows:
            record = {k: importing._cell(v, types[k]) for k, v in row.items() if v}
            assert schemas.problems(schema, record) == [], (path, row)


def test_the_package_s_columns_are_hsds_columns_with_hsds_types(hsds_schemas):
    official = json.loads((hsds_schemas / "tabular.json").read_text())["properties"]
    described = {r["name"]: r for r in tabular.descriptor()["resources"]}
    for table, columns in COLUMNS.items():
        item = official[table]["items"]
        assert described[table]["path"] == item["path"]
        required = set(item.get("required", [])) | set(item.get("tabular_required", []))
        for field in described[table]["schema"]["fields"]:
            spec = item["properties"][field["name"]]
            expected = spec.get("datapackage_type") or spec["type"]
            assert field["type"] == expected, (table, field)
            if field["name"] in required:
                assert field.get("constraints", {}).get("required"), (table, field)
            if "enum" in spec:
                assert field["constraints"]["enum"] == spec["enum"]
        assert [f["name"] for f in described[table]["schema"]["fields"]] == columns


def test_exporting_then_importing_json_into_an_empty_directory_gives_the_same_directory(
    demo_directory, tmp_path, hsds_schemas
):
    before = documents()
    path = write_json(tmp_path, before)
    empty_the_directory()
    assert not Service.objects.exists()
    report = importing.import_directory(SYSTEM, importing.read(path, hsds_schemas))
    assert report.ok, report.problems[:5]
    assert documents() == before
    assert report.counts["service"]["new"] == len(before)


def test_exporting_then_importing_the_tabular_package_gives_the_same_directory(
    demo_directory, tmp_path, hsds_schemas
):
    before = tabular.files()
    archive = tmp_path / "package.zip"
    archive.write_bytes(tabular.zipped())
    empty_the_directory()
    report = importing.import_directory(SYSTEM, importing.read(archive, hsds_schemas))
    assert report.ok, report.problems[:5]
    assert tabular.files() == before
    assert ServiceArea.objects.filter(borough="camden").exists()


def test_importing_the_same_file_again_changes_nothing(camden_service, tmp_path, hsds_schemas):
    path = write_json(tmp_path, documents())
    history = Service.history.count()
    report = importing.import_directory(SYSTEM, importing.read(path, hsds_schemas))
    assert report.ok
    assert all(count["new"] == count["changed"] == 0 for count in report.counts.values())
    assert Service.history.count() == history


def test_a_service_s_own_records_are_the_file_s(camden_service, tmp_path, hsds_schemas):
    [document] = documents()
    document["name"] = "Second Start Motor Skills and Bikes"
    document["service_areas"] = [
        {"id": "6f9c9a3e-2f8b-4f59-9c51-6f3e6a1d1c01", "name": "Islington"}
    ]
    path = write_json(tmp_path, [document])
    assert importing.import_directory(SYSTEM, importing.read(path, hsds_schemas)).ok
    service = Service.objects.get()
    assert service.name == "Second Start Motor Skills and Bikes"
    assert list(service.service_areas.values_list("borough", flat=True)) == ["islington"]
    assert service.history.first().history_change_reason.startswith('{"changes": {}')


def test_a_malformed_json_file_is_rejected_with_reasons_and_changes_nothing(
    camden_service, tmp_path, hsds_schemas
):
    [good] = documents()
    wrong_status = {**good, "id": "5c1c5e4e-8f0e-4c5e-9a1e-0d9a1f2b3c4d", "status": "open"}
    del wrong_status["name"]
    bad_id = {**good, "id": "not-a-uuid", "name": "Renamed"}
    path = write_json(tmp_path, [good | {"name": "Renamed"}, wrong_status, bad_id])
    size, audited = directory_size(), AuditEvent.objects.count()
    report = importing.import_directory(SYSTEM, importing.read(path, hsds_schemas))
    assert not report.ok
    text = "\n".join(report.problems)
    assert "service 2 (5c1c5e4e-8f0e-4c5e-9a1e-0d9a1f2b3c4d): status: 'open' is not one of" in text
    assert "service 2 (5c1c5e4e-8f0e-4c5e-9a1e-0d9a1f2b3c4d): 'name' is a required property" in text
    assert "service 3 (not-a-uuid): id: 'not-a-uuid' is not a 'uuid'" in text
    assert directory_size() == size
    assert Service.objects.get().name == "Second Start Motor Skills"  # not "Renamed"
    assert AuditEvent.objects.count() == audited


def _package_with(tmp_path: Path, change) -> Path:
    files = tabular.files()
    change(files)
    archive = tmp_path / "package.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name, text in files.items():
            out.writestr(name, text)
    return archive


def test_a_malformed_csv_row_is_reported_by_file_and_row(camden_service, tmp_path, hsds_schemas):
    def spoil(files):
        files["services.csv"] = files["services.csv"].replace(",15,18,", ",fifteen,18,")
        files["attributes.csv"] += (
            "0c2b1f0e-1f1e-4f1a-9d3e-2b1c0a9f8e7d,"
            f"{camden_service.id},9d6f1c2e-5b4a-4e3d-8c2b-1a0f9e8d7c6b,pathway,service,\n"
        )

    size = directory_size()
    report = importing.import_directory(
        SYSTEM, importing.read(_package_with(tmp_path, spoil), hsds_schemas)
    )
    assert report.problems == [
        "services.csv row 2: minimum_age: 'fifteen' is not of type 'number'",
    ]
    assert directory_size() == size

    def unknown_term(files):
        files["attributes.csv"] += (
            "0c2b1f0e-1f1e-4f1a-9d3e-2b1c0a9f8e7d,"
            f"{camden_service.id},9d6f1c2e-5b4a-4e3d-8c2b-1a0f9e8d7c6b,pathway,service,\n"
        )

    report = importing.import_directory(
        SYSTEM, importing.read(_package_with(tmp_path, unknown_term), hsds_schemas)
    )
    row = len(tabular.files()["attributes.csv"].splitlines()) + 1
    assert report.problems == [
        f"attributes.csv row {row}: taxonomy_term_id 9d6f1c2e-5b4a-4e3d-8c2b-1a0f9e8d7c6b "
        "is not in the file or the directory"
    ]
    assert directory_size() == size


def test_a_service_needs_an_organisation_that_exists(tmp_path, provider, hsds_schemas):
    service = {
        "id": "3b0c5a1e-4d2f-4e6a-8b9c-0d1e2f3a4b5c",
        "name": "Floating Service",
        "status": "active",
        "organization_id": "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
    }
    report = importing.import_directory(
        SYSTEM, importing.read(write_json(tmp_path, service), hsds_schemas)
    )
    assert report.problems == [
        "service 1 (3b0c5a1e-4d2f-4e6a-8b9c-0d1e2f3a4b5c): organization_id "
        "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d is not in the file or the directory"
    ]
    assert not Service.objects.exists()


def test_a_file_that_is_not_hsds_is_refused(tmp_path, hsds_schemas, db):
    path = tmp_path / "notes.txt"
    path.write_text("Just some notes")
    report = importing.import_directory(SYSTEM, importing.read(path, hsds_schemas))
    assert report.problems[0].startswith("notes.txt: not JSON, nor a tabular data package")


def test_the_commands_export_and_import_and_a_dry_run_changes_nothing(
    camden_service, tmp_path, hsds_schemas, capsys
):
    call_command("export_hsds", str(tmp_path / "out"), "--format", "json")
    path = tmp_path / "out" / "services.json"
    assert json.loads(path.read_text())[0]["name"] == "Second Start Motor Skills"
    document = json.loads(path.read_text())
    document[0]["name"] = "Renamed by a dry run"
    path.write_text(json.dumps(document))
    call_command("import_hsds", str(path), "--dry-run", "--schemas", str(hsds_schemas))
    assert "service: 0 new, 1 changed, 0 unchanged" in capsys.readouterr().out
    assert Service.objects.get().name == "Second Start Motor Skills"
    call_command("import_hsds", str(path), "--schemas", str(hsds_schemas))
    assert Service.objects.get().name == "Renamed by a dry run"
    assert AuditEvent.objects.filter(action="directory.imported").count() == 1


def test_the_import_command_reports_each_rejected_row(tmp_path, hsds_schemas, capsys, db):
    path = write_json(tmp_path, [{"id": "not-a-uuid", "status": "active"}])
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_hsds", str(path), "--schemas", str(hsds_schemas))
    errors = capsys.readouterr().err
    assert "Rejected: service 1 (not-a-uuid): 'name' is a required property" in errors


def test_the_import_command_refuses_without_the_official_schemas(tmp_path, db):
    path = write_json(tmp_path, [])
    with pytest.raises(CommandError, match="The HSDS 3.0 schemas were not found"):
        call_command("import_hsds", str(path), "--schemas", str(tmp_path / "nowhere"))


def test_the_tabular_download_is_a_zip_of_the_package(client_for, amara, camden_service):
    response = client_for(amara).get(reverse("directory:export"))
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert {"datapackage.json", "services.csv", "attributes.csv"} <= set(archive.namelist())
    assert AuditEvent.objects.filter(action="directory.exported", actor=amara).exists()


def test_a_location_that_is_not_there_and_a_term_given_twice_are_rejected(
    camden_service, tmp_path, hsds_schemas
):
    [document] = documents()
    document["service_at_locations"][0].pop("location")
    document["service_at_locations"][0].pop("location_id")
    twice = {**document["attributes"][0], "id": "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b"}
    document["attributes"].append(twice)
    report = importing.import_directory(
        SYSTEM, importing.read(write_json(tmp_path, [document]), hsds_schemas)
    )
    assert report.problems == [
        f"service 1 ({camden_service.id}): a service_at_location needs its location_id"
    ]
    document["service_at_locations"] = []
    report = importing.import_directory(
        SYSTEM, importing.read(write_json(tmp_path, [document]), hsds_schemas)
    )
    assert report.problems == [
        f"service 1 ({camden_service.id}): the service has this taxonomy term twice"
    ]


def test_a_term_may_move_to_a_new_id_and_undated_services_keep_their_date(
    camden_service, tmp_path, hsds_schemas
):
    [document] = documents()
    dated = Service.objects.get().last_modified
    del document["last_modified"]
    for attribute in document["attributes"]:
        attribute["id"] = str(uuid.uuid4())
    path = write_json(tmp_path, [document])
    assert importing.import_directory(SYSTEM, importing.read(path, hsds_schemas)).ok
    service = Service.objects.get()
    assert service.last_modified == dated
    assert service.attributes.count() == len(document["attributes"])
    again = importing.import_directory(SYSTEM, importing.read(path, hsds_schemas))
    assert again.counts["service"] == {"new": 0, "changed": 0, "unchanged": 1}


def test_the_import_command_refuses_without_a_schemas_folder(tmp_path, settings, db):
    settings.HSDS_SCHEMAS = ""
    path = write_json(tmp_path, [])
    with pytest.raises(CommandError, match="No folder of HSDS 3.0 schemas was given"):
        call_command("import_hsds", str(path))


def test_the_import_command_reads_the_schemas_folder_from_the_setting(
    camden_service, tmp_path, hsds_schemas, settings, capsys
):
    settings.HSDS_SCHEMAS = str(hsds_schemas)
    call_command("export_hsds", str(tmp_path / "out"), "--format", "json")
    call_command("import_hsds", str(tmp_path / "out" / "services.json"), "--dry-run")
    assert "Dry run: the file is valid" in capsys.readouterr().out
