"""The subject access export covers every model that refers to a child, however indirectly."""

import json
from collections import deque
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from resettle.access.models import Restriction, Share, Transfer
from resettle.audit.models import AuditEvent
from resettle.children.models import Child
from resettle.core.dates import today
from resettle.privacy.export import REFERENCE_MODELS, as_json, collect, models_in_a_childs_record

pytestmark = pytest.mark.django_db


def models_that_refer_to_a_child() -> set[str]:
    """Walk the model graph independently of the exporter, through Django's related objects."""
    found = {Child._meta.label_lower, Child.history.model._meta.label_lower}
    queue = deque([Child])
    while queue:
        model = queue.popleft()
        for rel in model._meta.related_objects:
            if not isinstance(rel, models.ManyToOneRel | models.OneToOneRel):
                continue
            related = rel.related_model
            if related._meta.auto_created:
                continue  # many-to-many link tables: the links are exported with their owner
            label = related._meta.label_lower
            if label not in found and label not in REFERENCE_MODELS:
                found.add(label)
                queue.append(related)
    # Historical models keep foreign keys without reverse relations; find those too.
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model._meta.label_lower in found:
                found.add(model._meta.label_lower)
    return found


def test_export_covers_every_model_that_refers_to_a_child():
    exported = {m._meta.label_lower for m in models_in_a_childs_record()}
    missing = models_that_refer_to_a_child() - exported
    assert not missing, f"The subject access export misses: {sorted(missing)}"


@pytest.fixture
def full_record(client_for, amara, priya, feltham, hackney, camden_child):
    camden_child.preferred_name = "Jay"
    camden_child.save()  # a second history row
    Share.objects.create(
        child=camden_child,
        organisation=feltham,
        purpose="Placed at Feltham",
        ends_on=today() + timedelta(days=30),
    )
    restriction = Restriction.objects.create(child=camden_child, reason="Related to staff")
    restriction.allowed_users.set([priya, amara])
    Transfer.objects.create(
        child=camden_child,
        from_service=camden_child.owning_service,
        to_service=hackney,
        reason="Moving to an aunt",
    )
    client_for(amara).get(reverse("children:detail", args=[camden_child.public_id]))
    return camden_child


def test_export_holds_each_part_of_the_record(full_record):
    sections = {s.key: s for s in collect(full_record)}
    assert sections["children.child"].rows[0]["preferred name"] == "Jay"
    assert sections["access.share"].rows[0]["purpose"] == "Placed at Feltham"
    assert sections["access.restriction"].rows[0]["reason"] == "Related to staff"
    assert sections["access.transfer"].rows[0]["reason for the transfer"] == "Moving to an aunt"
    assert len(sections["children.historicalchild"].rows) >= 1
    assert any(r["action"] == "child.viewed" for r in sections["audit.auditevent"].rows)
    # Every model found by walking the graph is present (with rows when the child has some).
    assert set(sections) <= {m._meta.label_lower for m in models_in_a_childs_record()}


def test_export_holds_nothing_about_another_child(full_record, hackney_child):
    Share.objects.create(
        child=hackney_child,
        organisation=full_record.owning_service,
        purpose="Other child's share",
        ends_on=today() + timedelta(days=3),
    )
    text = json.dumps(as_json(full_record))
    assert "Other child's share" not in text
    assert hackney_child.legal_name not in text


def test_priya_exports_as_json_and_it_is_audited(client_for, priya, full_record):
    response = client_for(priya).get(
        reverse("privacy:subject-access-json", args=[full_record.public_id])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'subject-access-{full_record.public_id}.json"')
    assert "no-store" in response["Cache-Control"]
    payload = json.loads(response.content)
    assert payload["child"] == str(full_record.public_id)
    assert "access.share" in payload["sections"]
    assert AuditEvent.objects.filter(
        action="child.exported", child=full_record, detail__format="json"
    ).exists()


def test_readable_export_page_shows_the_record(client_for, priya, full_record):
    response = client_for(priya).get(
        reverse("privacy:subject-access", args=[full_record.public_id])
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Everything Resettle holds about Jay" in body
    assert "Placed at Feltham" in body
    assert AuditEvent.objects.filter(action="child.exported", detail__format="html").exists()


def test_case_worker_cannot_export(client_for, amara, camden_child):
    url = reverse("privacy:subject-access", args=[camden_child.public_id])
    assert client_for(amara).get(url).status_code == 403
