"""The network page: people by influence with tags in words, roles in the plan, audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.network.models import Person

from .conftest import make_action

pytestmark = pytest.mark.django_db


def network_url(child):
    return reverse("network:network", args=[child.public_id])


def test_people_are_grouped_by_influence_with_positive_role_models_first(
    client_for, amara, camden_child, nan, tyler
):
    Person.objects.create(
        child=camden_child, name="Mum", relationship="parent", influence="supportive"
    )
    response = client_for(amara).get(network_url(camden_child))
    groups = response.context["page"].groups
    assert [g.label for g in groups] == ["Positive role model", "Supportive", "Undermining"]
    assert [p.name for p in groups[-1].people] == ["Tyler"]
    text = response.text
    assert 'govuk-tag--green">Positive role model</strong>' in text
    assert 'govuk-tag--red">Undermining</strong>' in text
    assert text.index("Nan") < text.index("Tyler")
    assert "flagged as undermining" in text


def test_each_person_shows_their_role_in_the_plan_and_the_actions_naming_them(
    client_for, amara, camden_child, nan, jays_plan
):
    make_action(jays_plan, "Release day: Nan meets him at the gate")
    make_action(jays_plan, "Enrol at college")
    response = client_for(amara).get(network_url(camden_child))
    assert "Meets me at the gate" in response.text
    assert "Release day: Nan meets him at the gate" in response.text
    assert "Enrol at college" not in response.text


def test_empty_network_says_what_to_do_next(client_for, amara, camden_child):
    response = client_for(amara).get(network_url(camden_child))
    assert "No people recorded yet" in response.text
    assert "Add a person" in response.text


def test_read_only_viewer_gets_no_change_links(client_for, ben, camden_child, nan):
    from tests.factories import share

    share(camden_child, ben.organisation)
    response = client_for(ben).get(network_url(camden_child))
    assert response.status_code == 200
    assert "Add a person" not in response.text
    assert reverse("network:person-edit", args=[camden_child.public_id, nan.public_id]) not in (
        response.text
    )


def test_the_network_appears_in_the_childs_sections(client_for, amara, camden_child):
    response = client_for(amara).get(reverse("children:detail", args=[camden_child.public_id]))
    assert network_url(camden_child) in response.text


def test_viewing_the_network_is_audited(client_for, amara, camden_child):
    client_for(amara).get(network_url(camden_child))
    event = AuditEvent.objects.filter(child=camden_child, action="child.viewed").latest("id")
    assert event.actor == amara
    assert event.detail["section"] == "network"


def test_adding_and_changing_are_audited_without_what_was_written(
    client_for, amara, camden_child, nan
):
    client = client_for(amara)
    client.post(
        reverse("network:person-add", args=[camden_child.public_id]),
        {"name": "Tyler", "relationship": "friend", "influence": "undermining"},
    )
    client.post(
        reverse("network:person-edit", args=[camden_child.public_id, nan.public_id]),
        {
            "name": "Nan",
            "relationship": "other_family",
            "influence": "positive",
            "role_in_plan": "Meets me at the gate",
            "contact_details": "07700 900999",
        },
    )
    added, changed = AuditEvent.objects.filter(action="network.changed").order_by("id")
    assert added.actor == amara and added.child == camden_child
    assert added.detail["entry"] == "person" and added.detail["change"] == "added"
    assert changed.detail["change"] == "changed"
    assert changed.detail["fields"] == ["contact_details"]
    assert "07700 900999" not in str(changed.detail)
    assert changed.action_display == "Changed the child's network"


def test_saving_without_changes_writes_no_audit_entry(client_for, amara, camden_child, nan):
    client_for(amara).post(
        reverse("network:person-edit", args=[camden_child.public_id, nan.public_id]),
        {
            "name": "Nan",
            "relationship": "other_family",
            "influence": "positive",
            "role_in_plan": "Meets me at the gate",
            "contact_details": "07700 900123",
        },
    )
    assert not AuditEvent.objects.filter(action="network.changed").exists()
