"""The list of strengths: loaded with child-friendly defaults, kept by administrators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.voice.models import Strength

pytestmark = pytest.mark.django_db


def test_default_strengths_are_loaded_in_plain_words():
    names = list(Strength.objects.filter(is_active=True).values_list("name", flat=True))
    assert 15 <= len(names) <= 20
    assert {"Good with my hands", "Kind to others", "Funny", "Brave"} <= set(names)
    assert names[0] == "Good with my hands"  # in the order of the list


def test_alex_retires_and_reorders_strengths_in_the_admin(client_for, alex, strengths):
    funny = strengths["Funny"]
    client = client_for(alex)
    assert client.get(reverse("admin:voice_strength_changelist")).status_code == 200
    url = reverse("admin:voice_strength_change", args=[funny.pk])
    response = client.post(url, {"name": "Funny", "order": "1", "is_active": ""})
    assert response.status_code == 302
    funny.refresh_from_db()
    assert (funny.is_active, funny.order) == (False, 1)


def test_a_strength_a_child_has_chosen_cannot_be_deleted(
    client_for, alex, amara, camden_child, make_entry, strengths
):
    make_entry(camden_child, amara, strengths=[strengths["Music"]])
    client = client_for(alex)
    url = reverse("admin:voice_strength_delete", args=[strengths["Music"].pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Strength.objects.filter(pk=strengths["Music"].pk).exists()
    unused = reverse("admin:voice_strength_delete", args=[strengths["Sporty"].pk])
    assert client.post(unused, {"post": "yes"}).status_code == 302
