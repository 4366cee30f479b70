"""Who may read, record and correct what a child said."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.access.models import Share
from resettle.core.dates import today
from resettle.voice.models import VoiceEntry

pytestmark = pytest.mark.django_db


def overview(child) -> str:
    return reverse("voice:overview", args=[child.public_id])


def add(child) -> str:
    return reverse("voice:add", args=[child.public_id])


def edit(entry) -> str:
    return reverse("voice:edit", args=[entry.child.public_id, entry.public_id])


def shown_entries(response) -> list[VoiceEntry]:
    return list(response.context["columns"])


def test_amara_sees_and_records_her_childs_voice(client_for, amara, camden_child):
    client = client_for(amara)
    assert client.get(overview(camden_child)).status_code == 200
    assert client.get(add(camden_child)).status_code == 200


def test_chloe_sees_and_records_the_voice_of_a_child_shared_with_feltham(
    client_for, chloe, shared_jay, amara, make_entry
):
    private = make_entry(shared_jay, amara, share_with_partners=False)
    client = client_for(chloe)
    response = client.get(overview(shared_jay))
    assert response.status_code == 200
    assert shown_entries(response) == [private]  # the secure estate sees every entry
    assert client.get(add(shared_jay)).status_code == 200
    data = {
        "recorded_on_day": "1",
        "recorded_on_month": "3",
        "recorded_on_year": "2025",
        "conversation": "custody_visit",
        "who_are_you": "Someone who wants to get out and stay out",
        "words_are": "verbatim",
        "share_with_partners": "yes",
    }
    assert client.post(add(shared_jay), data).status_code == 302
    assert VoiceEntry.across_children.filter(recorded_by=chloe, child=shared_jay).exists()


def test_chloe_cannot_see_a_child_not_shared_with_feltham(client_for, chloe, camden_child):
    client = client_for(chloe)
    assert client.get(overview(camden_child)).status_code == 404
    assert client.get(add(camden_child)).status_code == 404


def test_sam_sees_only_what_jay_agreed_to_share_with_partners(
    client_for, sam, shared_jay, amara, make_entry
):
    shared = make_entry(shared_jay, amara, days_ago=3, share_with_partners=True)
    private = make_entry(
        shared_jay, amara, days_ago=1, share_with_partners=False, who_are_you="Private words"
    )
    response = client_for(sam).get(overview(shared_jay))
    assert response.status_code == 200
    assert shown_entries(response) == [shared]
    assert response.context["latest"] == shared
    assert "Private words" not in response.content.decode()
    assert client_for(sam).get(edit(private)).status_code == 404


def test_sam_is_told_nothing_has_been_shared_when_jay_has_not_agreed(
    client_for, sam, shared_jay, amara, make_entry
):
    make_entry(shared_jay, amara, share_with_partners=False, self_rating=3)
    response = client_for(sam).get(overview(shared_jay))
    html = response.content.decode()
    assert "Nothing Jay has said has been shared with partners yet." in html
    assert response.context["chart"] is None


def test_sam_records_for_a_shared_child_and_sees_his_own_entry(
    client_for, sam, shared_jay, make_entry
):
    own = make_entry(shared_jay, sam, share_with_partners=False)
    client = client_for(sam)
    assert client.get(add(shared_jay)).status_code == 200
    assert shown_entries(client.get(overview(shared_jay))) == [own]
    assert client.get(edit(own)).status_code == 200


def test_ben_and_dev_cannot_see_jays_voice(client_for, ben, dev, camden_child, amara, make_entry):
    entry = make_entry(camden_child, amara)
    for person in (ben, dev):
        client = client_for(person)
        assert client.get(overview(camden_child)).status_code == 404, person.full_name
        assert client.get(add(camden_child)).status_code == 404, person.full_name
        assert client.get(edit(entry)).status_code == 404, person.full_name
        assert client.post(add(camden_child), {}).status_code == 404, person.full_name


def test_signed_out_visitors_are_sent_to_sign_in(client, camden_child):
    response = client.get(overview(camden_child))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response.url


def test_only_the_recorder_or_a_manager_corrects_an_entry(
    client_for, amara, priya, camden, camden_child, make_entry
):
    from ..factories import UserFactory

    colleague = UserFactory(organisation=camden, email="kofi@camden.test")
    entry = make_entry(camden_child, amara)
    assert client_for(amara).get(edit(entry)).status_code == 200
    assert client_for(priya).get(edit(entry)).status_code == 200
    assert client_for(colleague).get(edit(entry)).status_code == 403
    assert client_for(colleague).post(edit(entry), {}).status_code == 403


def test_a_manager_corrects_an_entry_recorded_by_feltham(
    client_for, priya, chloe, shared_jay, make_entry
):
    entry = make_entry(shared_jay, chloe)
    assert client_for(priya).get(edit(entry)).status_code == 200
    assert client_for(chloe).get(edit(entry)).status_code == 200


def test_an_entry_is_found_only_under_its_own_child(
    client_for, priya, camden, camden_child, amara, make_entry
):
    from ..factories import ChildFactory

    entry = make_entry(camden_child, amara)
    sibling = ChildFactory(owning_service=camden)
    url = reverse("voice:edit", args=[sibling.public_id, entry.public_id])
    assert client_for(priya).get(url).status_code == 404


def test_a_service_that_reads_through_a_share_sees_the_voice_but_cannot_record(
    client_for, amara, ben, hackney, camden_child, make_entry
):
    """After a handover the receiving service reads the record; it adds to it once it owns it."""
    Share.objects.create(
        child=camden_child,
        organisation=hackney,
        purpose="Handover",
        ends_on=today() + timedelta(days=14),
    )
    make_entry(camden_child, amara)
    client = client_for(ben)
    response = client.get(overview(camden_child))
    assert response.status_code == 200
    assert reverse("voice:add", args=[camden_child.public_id]) not in response.content.decode()
    assert client.get(add(camden_child)).status_code == 403
    assert client.post(add(camden_child), {}).status_code == 403
    assert reverse("voice:add", args=[camden_child.public_id]) in (
        client_for(amara).get(overview(camden_child)).content.decode()
    )
