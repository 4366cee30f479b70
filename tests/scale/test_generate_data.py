"""The national-scale generator: a realistic synthetic population in batches, resumable, with an
audit trail that verifies."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resettle.access.models import Share
from resettle.accounts.models import Organisation, Role, User
from resettle.audit.models import AuditEvent
from resettle.audit.verification import verify_chain
from resettle.children.models import Child, LegalStatusEpisode
from resettle.journey.models import Touchpoint
from resettle.notes.models import CaseNote
from resettle.plans.models import Plan, PlanAction
from resettle.voice.models import VoiceEntry
from resettle.web.demo import scale

pytestmark = pytest.mark.django_db


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_data", *args, stdout=out)
    return out.getvalue()


def test_refused_outside_demo_settings(settings):
    settings.DEMO = False
    with pytest.raises(CommandError, match="demo mode"):
        generate("--children", "10", "--services", "2")
    assert not Child.objects.exists()


@pytest.mark.parametrize("args", [["--children", "-1"], ["--services", "0"], ["--batch-size", "0"]])
def test_bad_arguments_are_refused_clearly(args):
    with pytest.raises(CommandError, match="must be"):
        generate(*args)


def test_a_population_with_every_part_of_the_record():
    out = generate("--children", "300", "--services", "34", "--batch-size", "100")
    assert "300/300 children" in out
    assert "Made 300 synthetic children" in out
    assert Child.objects.count() == 300
    services = Organisation.objects.filter(kind=Organisation.Kind.YOUTH_JUSTICE_SERVICE)
    assert services.count() >= 34  # the 32 London services and invented ones
    sizes = Counter(Child.objects.values_list("owning_service__slug", flat=True))
    assert sizes.most_common(1)[0][0] == "camden"  # the demo sign-ins see the largest service
    # Caseloads of 5 to 50 (a small service may have a single smaller caseload).
    led = Child.objects.exclude(lead_practitioner=None)
    caseloads = Counter(led.values_list("lead_practitioner", flat=True))
    workers_in = Counter(dict(led.values_list("lead_practitioner", "owning_service")).values())
    assert max(caseloads.values()) <= 50
    for worker, service in led.values_list("lead_practitioner", "owning_service").distinct():
        assert caseloads[worker] >= 5 or workers_in[service] == 1
    assert Child.objects.filter(lead_practitioner=None).exists()
    amara = User.objects.get(email="caseworker@camden.example")
    assert Child.objects.filter(lead_practitioner=amara).count() >= 5
    # Every stage, and the record around the child.
    statuses = set(LegalStatusEpisode.across_children.values_list("status", flat=True))
    assert {"sentenced_custody", "released_licence", "community_order", "order_ended"} <= statuses
    assert Child.objects.exclude(order_ended_on=None).exists()
    for model in (Touchpoint, Plan, PlanAction, VoiceEntry, CaseNote, Share):
        assert model.across_children.exists(), model
    assert User.objects.filter(role=Role.YJS_MANAGER, email__startswith="manager@").exists()
    # The audit trail: entries for the work, chained as record() chains them.
    assert AuditEvent.objects.filter(action="child.created").count() == 300
    assert (
        AuditEvent.objects.filter(action="note.added").count() == CaseNote.across_children.count()
    )
    result = verify_chain()
    assert result.intact, result.broken
    assert result.unkeyed == 0
    out = StringIO()
    call_command("verify_audit", stdout=out)
    assert "intact" in out.getvalue()


def test_a_run_that_stops_is_continued_and_makes_the_same_population(monkeypatch):
    real = scale.make_batch
    calls = []

    def failing(batch, *args, **kwargs):
        calls.append(batch)
        if batch == 2:
            raise RuntimeError("the machine went away")
        return real(batch, *args, **kwargs)

    monkeypatch.setattr(scale, "make_batch", failing)
    with pytest.raises(CommandError):
        generate("--children", "200", "--services", "33", "--batch-size", "50")
    assert Child.objects.count() == 100  # batches 0 and 1; batch 2 was rolled back whole
    assert scale.batches_done() == {0, 1}
    monkeypatch.setattr(scale, "make_batch", real)
    out = generate("--children", "200", "--services", "33", "--batch-size", "50")
    assert "Made 100 synthetic children" in out
    assert "2 batches were already made" in out
    assert Child.objects.count() == 200
    assert verify_chain().intact
    # Again: nothing left to make.
    assert "Made 0 synthetic children" in generate(
        "--children", "200", "--services", "33", "--batch-size", "50"
    )
    assert Child.objects.count() == 200
    first = sorted(Child.objects.values_list("local_reference", "legal_name", "date_of_birth"))
    assert len({reference for reference, _n, _d in first}) == 200


def test_each_batch_is_the_same_whatever_run_made_it():
    generate("--children", "60", "--services", "33", "--batch-size", "30")
    made = sorted(Child.objects.values_list("local_reference", "legal_name", "date_of_birth"))
    Child.objects.all().delete()
    generate("--children", "60", "--services", "33", "--batch-size", "30")
    again = sorted(Child.objects.values_list("local_reference", "legal_name", "date_of_birth"))
    assert made == again
