"""Correcting an entry: same form, earlier version kept in history, audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.voice.models import Conversation, VoiceEntry

pytestmark = pytest.mark.django_db


def edit(entry) -> str:
    return reverse("voice:edit", args=[entry.child.public_id, entry.public_id])


def as_posted(entry, **overrides) -> dict:
    data = {
        "recorded_on_day": str(entry.recorded_on.day),
        "recorded_on_month": str(entry.recorded_on.month),
        "recorded_on_year": str(entry.recorded_on.year),
        "conversation": entry.conversation,
        "who_are_you": entry.who_are_you,
        "who_do_you_want_to_be": entry.who_do_you_want_to_be,
        "strengths_in_own_words": entry.strengths_in_own_words,
        "how_to_get_there": entry.how_to_get_there,
        "strengths": [str(s.pk) for s in entry.strengths.all()],
        "words_are": entry.words_are,
        "share_with_partners": "yes" if entry.share_with_partners else "no",
        "self_rating": "" if entry.self_rating is None else str(entry.self_rating),
    }
    data.update(overrides)
    return data


def test_the_form_opens_with_the_entry_as_recorded(
    client_for, amara, camden_child, make_entry, strengths
):
    entry = make_entry(
        camden_child,
        amara,
        who_are_you="Loyal",
        strengths=[strengths["Sporty"]],
        self_rating=5,
        share_with_partners=False,
    )
    response = client_for(amara).get(edit(entry))
    html = response.content.decode()
    assert ">Loyal</textarea>" in html
    assert f'value="{strengths["Sporty"].pk}" checked' in html
    assert '<option value="5" selected>' in html
    assert 'value="no" checked' in html
    assert (
        f'name="recorded_on_year" type="text" inputmode="numeric" value="{entry.recorded_on.year}"'
        in html
    )
    event = AuditEvent.objects.get(action="child.viewed")
    assert event.detail == {"section": "voice-edit"}


def test_amara_corrects_her_entry_and_the_earlier_words_stay_in_history(
    client_for, amara, camden_child, make_entry, strengths
):
    entry = make_entry(camden_child, amara, who_are_you="A good big bruther", self_rating=4)
    data = as_posted(
        entry, who_are_you="A good big brother", strengths=[str(strengths["Funny"].pk)]
    )
    response = client_for(amara).post(edit(entry), data, follow=True)

    assert "The conversation has been corrected" in response.content.decode()
    entry.refresh_from_db()
    assert entry.who_are_you == "A good big brother"
    assert list(entry.strengths.all()) == [strengths["Funny"]]
    assert entry.changed_by == amara
    assert entry.recorded_by == amara  # correcting does not change who recorded it
    versions = list(entry.history.order_by("history_date"))
    assert versions[0].who_are_you == "A good big bruther"
    assert versions[-1].who_are_you == "A good big brother"
    assert versions[-1].history_user == amara
    event = AuditEvent.objects.get(action="voice.changed")
    assert event.detail == {"entry": str(entry.public_id), "fields": ["strengths", "who_are_you"]}


def test_saving_without_changes_changes_nothing(client_for, amara, camden_child, make_entry):
    entry = make_entry(camden_child, amara)
    response = client_for(amara).post(edit(entry), as_posted(entry), follow=True)
    assert "Nothing was changed" in response.content.decode()
    assert entry.history.count() == 1
    assert not AuditEvent.objects.filter(action="voice.changed").exists()


def test_a_correction_that_removes_every_answer_is_refused(
    client_for, priya, amara, camden_child, make_entry
):
    entry = make_entry(camden_child, amara)
    response = client_for(priya).post(edit(entry), as_posted(entry, who_are_you=""))
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "who_are_you": ["Answer at least one of the four questions"]
    }
    entry.refresh_from_db()
    assert entry.who_are_you


def test_a_manager_corrects_and_the_audit_names_the_manager(
    client_for, priya, amara, camden_child, make_entry
):
    entry = make_entry(camden_child, amara, share_with_partners=False)
    client_for(priya).post(edit(entry), as_posted(entry, share_with_partners="yes"))
    entry.refresh_from_db()
    assert entry.share_with_partners is True
    event = AuditEvent.objects.get(action="voice.changed")
    assert event.actor == priya
    assert event.detail["fields"] == ["share_with_partners"]


def test_an_entry_typed_in_child_mode_keeps_its_conversation_when_corrected(
    client_for, amara, camden_child, make_entry
):
    entry = make_entry(
        camden_child, amara, conversation=Conversation.CHILD_MODE, entered_by_child=True
    )
    response = client_for(amara).post(edit(entry), as_posted(entry, self_rating="6"))
    assert response.status_code == 302
    entry = VoiceEntry.across_children.get(pk=entry.pk)
    assert entry.conversation == Conversation.CHILD_MODE
    assert entry.entered_by_child is True
    assert entry.self_rating == 6


def test_a_retired_strength_stays_ticked_on_an_entry_that_chose_it(
    client_for, amara, camden_child, make_entry, strengths
):
    entry = make_entry(camden_child, amara, strengths=[strengths["Music"]])
    strengths["Music"].is_active = False
    strengths["Music"].save()
    html = client_for(amara).get(edit(entry)).content.decode()
    assert f'value="{strengths["Music"].pk}" checked' in html
