"""Pathways and action statuses: configuration loaded by a data migration, editable by an
administrator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.plans.defaults import ensure_defaults
from resettle.plans.models import ActionStatus, Pathway

pytestmark = pytest.mark.django_db


def test_the_seven_default_pathways_are_loaded_in_order_with_child_friendly_names():
    pathways = list(Pathway.objects.filter(is_active=True).values_list("child_friendly_name"))
    assert [p[0] for p in pathways] == [
        "Somewhere to live",
        "School, training and work",
        "Health and feeling well",
        "Drugs and alcohol",
        "Family and people who matter",
        "Money",
        "Moving on and getting support",
    ]
    assert Pathway.objects.get(slug="health").name.startswith("Health (physical, mental")


def test_default_statuses_say_which_need_a_reason_and_which_are_closed():
    statuses = {s.slug: (s.needs_reason, s.is_closed) for s in ActionStatus.objects.all()}
    assert statuses == {
        "not-started": (False, False),
        "in-progress": (False, False),
        "done": (False, True),
        "blocked": (True, False),
        "dropped": (True, True),
    }


def test_putting_defaults_back_keeps_what_an_administrator_changed():
    Pathway.objects.filter(slug="finance").update(child_friendly_name="Money and paying for things")
    ensure_defaults()
    assert Pathway.objects.get(slug="finance").child_friendly_name == "Money and paying for things"
    assert Pathway.objects.count() == 7


def test_an_administrator_can_rename_a_pathway_in_the_admin(client_for, alex):
    pathway = Pathway.objects.get(slug="finance")
    client = client_for(alex)
    assert client.get(reverse("admin:plans_pathway_changelist")).status_code == 200
    response = client.post(
        reverse("admin:plans_pathway_change", args=[pathway.id]),
        {
            "name": pathway.name,
            "child_friendly_name": "Money and paying for things",
            "slug": pathway.slug,
            "order": pathway.order,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    pathway.refresh_from_db()
    assert pathway.child_friendly_name == "Money and paying for things"


def test_pathways_in_use_cannot_be_deleted_in_the_admin_only_made_inactive(client_for, alex):
    pathway = Pathway.objects.get(slug="finance")
    client = client_for(alex)
    response = client.get(reverse("admin:plans_pathway_delete", args=[pathway.id]))
    assert response.status_code == 403
