"""Import from a case management system: the documented example files round trip; the same files
twice change nothing; a changed row changes the child and is in their history; bad rows are
rejected with their line and reason; a file that cannot be read imports nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from resettle.api.importing import engine
from resettle.api.models import ImportedRecord
from resettle.audit.actors import Actor
from resettle.audit.models import AuditEvent
from resettle.children.models import Child, LegalStatusEpisode

pytestmark = pytest.mark.django_db

EXAMPLES = Path(settings.PROJECT_DIR) / "docs" / "import-examples"
HEADER = (
    "source_system,source_id,preferred_name,legal_name,date_of_birth,service_code,care_status,"
    "gender,ethnicity,first_language,local_reference\n"
)
LEGAL_HEADER = (
    "source_system,source_id,status_code,start_date,end_date,establishment_code,"
    "expected_release_date\n"
)


def child_row(source_id="CV-1", name="Jay", dob="2009-05-17", service="camden", **more):
    values = {
        "care_status": "neither",
        "gender": "boy",
        "ethnicity": "not_stated",
        "language": "English",
        "reference": "",
        **more,
    }
    return (
        f"childview,{source_id},{name},{name} Exampleton,{dob},{service},{values['care_status']},"
        f"{values['gender']},{values['ethnicity']},{values['language']},{values['reference']}\n"
    )


def run(manager, children: bytes | str, legal: bytes | str | None = None, *, apply=True):
    as_bytes = lambda text: text if isinstance(text, bytes) else text.encode()  # noqa: E731
    rejected = io.StringIO()
    result = engine.run(
        Actor(manager, via="command"),
        manager.organisation,
        "childview",
        io.BytesIO(as_bytes(children)),
        io.BytesIO(as_bytes(legal)) if legal is not None else None,
        apply=apply,
        rejected=rejected,
    )
    result.rejected_csv = rejected.getvalue()
    return result


def counts(result, name="children"):
    return result.files[name].counts


def reasons(result, name="children"):
    return sorted((r["line"], r["reason"]) for r in result.files[name].samples["rejected"])


def import_examples(priya, *extra):
    out = io.StringIO()
    call_command(
        "import_children",
        str(EXAMPLES / "children.csv"),
        str(EXAMPLES / "legal_status.csv"),
        "--source=childview",
        f"--user={priya.email}",
        *extra,
        stdout=out,
        stderr=io.StringIO(),
    )
    return out.getvalue()


def test_the_documented_example_files_import_and_a_second_time_change_nothing(priya, feltham):
    output = import_examples(priya)
    assert "Imported children: 3 created, 0 changed, 0 unchanged, 0 rejected" in output
    assert "Imported legal_status: 4 created, 0 changed, 0 unchanged, 0 rejected" in output
    jay = Child.objects.get(local_reference="CAM-1001")
    assert (jay.preferred_name, jay.owning_service.slug, jay.care_status) == (
        "Jay",
        "camden",
        "looked_after",
    )
    current = jay.current_legal_status()
    assert (current.status, current.sentence_type, current.establishment) == (
        "sentenced_custody",
        "dto",
        feltham,
    )
    ife = Child.objects.get(local_reference="CAM-1002")
    assert str(ife.date_of_birth) == "2010-11-12"  # 12/11/2010, day first
    assert ife.current_legal_status().status == "community_order"  # a referral order
    assert ImportedRecord.across_children.count() == 3
    entries = AuditEvent.objects.filter(action="child.created")
    assert entries.count() == 3 and all(e.detail["via"] == "command" for e in entries)

    before = (
        AuditEvent.objects.exclude(action__startswith="import").count(),
        LegalStatusEpisode.across_children.count(),
    )
    again = import_examples(priya)
    assert "Imported children: 0 created, 0 changed, 3 unchanged, 0 rejected" in again
    assert "Imported legal_status: 0 created, 0 changed, 4 unchanged, 0 rejected" in again
    after = (
        AuditEvent.objects.exclude(action__startswith="import").count(),
        LegalStatusEpisode.across_children.count(),
    )
    assert after == before
    assert Child.objects.count() == 3


def test_a_dry_run_says_what_would_happen_and_saves_nothing(priya, feltham):
    output = import_examples(priya, "--dry-run")
    assert "Checked (nothing saved) children: 3 created" in output
    assert "Checked (nothing saved) legal_status: 4 created" in output
    assert not Child.objects.exists() and not ImportedRecord.across_children.exists()
    assert AuditEvent.objects.filter(action="import.previewed").count() == 1


def test_a_changed_row_changes_the_child_and_is_in_their_history(priya):
    run(priya, HEADER + child_row(care_status="neither"))
    result = run(priya, HEADER + child_row(care_status="care_leaver", language="Somali"))
    assert counts(result) == {"created": 0, "changed": 1, "unchanged": 0, "rejected": 0}
    assert result.files["children"].samples["changed"][0]["fields"] == [
        "care_status",
        "first_language",
    ]
    child = Child.objects.get()
    assert child.care_status == "care_leaver"
    assert child.history.count() == 2 and child.history.first().history_user == priya
    assert AuditEvent.objects.filter(action="child.changed", child=child).exists()


def test_bad_rows_are_rejected_with_their_line_and_reason_and_the_rest_imported(priya, hackney):
    result = run(
        priya,
        HEADER
        + child_row("CV-1")
        + child_row("CV-2", dob="31/02/2010")
        + child_row("CV-3", service="nowhere")
        + child_row("CV-4", service="hackney")
        + child_row("CV-1", name="Again")
        + child_row("CV-5", ethnicity="martian")
        + child_row("CV-6", dob="2024-01-01")
        + "childview,CV-7,Short\n"
        + child_row("CV-8", name="=HYPERLINK(1)"),
    )
    assert reasons(result) == [
        (3, "date_of_birth '31/02/2010' is not a date: write it as 2026-03-04 or 04/03/2026"),
        (4, "service_code 'nowhere' is not a youth justice service in Resettle"),
        (5, "service_code 'hackney' is not your service: you can import only camden"),
        (6, "The source_id is also on line 2"),
        (7, "ethnicity 'martian' is not one of the codes in docs/import.md"),
        (8, "The child must be at least 10 years old: check the date of birth"),
        (9, "This row has 3 values but the first line names 11"),
    ]
    assert counts(result)["created"] == 2
    assert sorted(Child.objects.values_list("preferred_name", flat=True)) == [
        "=HYPERLINK(1)",
        "Jay",
    ]
    assert "childview" not in result.rejected_csv.splitlines()[0]
    assert "children,4,CV-3,service_code 'nowhere'" in result.rejected_csv


def test_a_file_in_another_encoding_imports_nothing(priya):
    text = HEADER + child_row("CV-1") + child_row("CV-2", name="Zoë")
    result = run(priya, text.encode("latin-1"))
    assert result.problem.line == 3 and "not UTF-8" in result.problem.message
    assert not Child.objects.exists()
    assert AuditEvent.objects.filter(action="import.applied").count() == 0


def test_a_truncated_file_imports_nothing(priya):
    text = HEADER + child_row("CV-1") + child_row("CV-2")
    result = run(priya, text[:-30])
    assert result.problem.line == 3 and "cut short" in result.problem.message
    assert not Child.objects.exists()


def test_a_file_cut_inside_a_quoted_value_imports_nothing(priya):
    result = run(priya, HEADER + child_row("CV-1") + 'childview,CV-2,"Jay')
    assert result.problem is not None and "not a CSV file" in result.problem.message
    assert not Child.objects.exists()


def test_a_file_that_is_not_csv_or_lacks_columns_imports_nothing(priya):
    assert "Missing: source_system, source_id," in run(priya, "name,age\nJay,16\n").problem.message
    assert run(priya, b"PK\x03\x04\x14\x00\x06\x00\xff\xfe").problem is not None
    assert run(priya, b"").problem.message == "The file is empty."
    assert not Child.objects.exists()


def test_a_legal_status_file_that_cannot_be_read_undoes_the_children_too(priya):
    legal = LEGAL_HEADER + "childview,CV-1,YRO,2026-01-01,,,\n"
    result = run(priya, HEADER + child_row("CV-1"), legal.encode("utf-16"))
    assert result.problem.label == "legal_status"
    assert not Child.objects.exists() and not LegalStatusEpisode.across_children.exists()


def test_legal_status_rows_are_checked_with_the_pages_rules(priya, feltham):
    legal = (
        LEGAL_HEADER
        + "childview,CV-1,DTO,2026-01-01,,feltham,\n"  # no expected release date
        + "childview,CV-1,REMAND_YDA,2026-01-01,,atlantis,\n"
        + "childview,CV-1,BORSTAL,2026-01-01,,,\n"
        + "childview,CV-9,YRO,2026-01-01,,,\n"
        + "childview,CV-1,YRO,2026-02-01,2026-01-01,,\n"
        + "childview,CV-1,YRO,2026-03-01,,,\n"
        + "childview,CV-1,YRO,2026-03-01,,,\n"
    )
    result = run(priya, HEADER + child_row("CV-1"), legal)
    assert reasons(result, "legal_status") == [
        (2, "Enter the expected release date"),
        (3, "establishment_code 'atlantis' is not a secure establishment in Resettle"),
        (4, "status_code 'BORSTAL' is not one of the codes in docs/import.md"),
        (
            5,
            "No child with this source_id is in the children file or an earlier import "
            "(or the child's row was rejected)",
        ),
        (6, "end_date must not be before start_date"),
        (8, "The same status and start date are on line 7"),
    ]
    assert LegalStatusEpisode.across_children.get().status == "community_order"


def test_a_changed_legal_status_is_recorded_again_and_becomes_the_current_one(priya, feltham):
    dto = LEGAL_HEADER + "childview,CV-1,DTO,2026-01-01,,feltham,2026-07-01\n"
    run(priya, HEADER + child_row("CV-1"), dto)
    later = dto.replace("2026-07-01", "2026-09-01")
    result = run(priya, HEADER + child_row("CV-1"), later)
    assert counts(result, "legal_status") == {
        "created": 0,
        "changed": 1,
        "unchanged": 0,
        "rejected": 0,
    }
    child = Child.objects.get()
    assert str(child.current_legal_status().expected_release_on) == "2026-09-01"
    assert counts(run(priya, HEADER + child_row("CV-1"), later), "legal_status")["unchanged"] == 1


def test_only_a_yjs_manager_imports(amara):
    with pytest.raises(Exception, match="Only a manager"):
        run(amara, HEADER + child_row())


def test_the_command_says_why_nothing_was_imported(priya, tmp_path):
    broken = tmp_path / "children.csv"
    broken.write_bytes(
        (HEADER + child_row("CV-1") + child_row("CV-2", name="Zoë")).encode("cp1252")
    )
    with pytest.raises(CommandError, match="Nothing was imported.*line 3"):
        call_command(
            "import_children",
            str(broken),
            "--source=childview",
            f"--user={priya.email}",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
