"""Recording a conversation: the form's messages, kept values, words stored as typed, and audit."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from resettle.audit.actors import WEB, Actor
from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.core.errors import DomainError
from resettle.voice.models import Conversation, VoiceEntry, WordsAre
from resettle.voice.services import record_voice

pytestmark = pytest.mark.django_db


def add_url(child) -> str:
    return reverse("voice:add", args=[child.public_id])


def form_data(on: date | None = None, **overrides) -> dict:
    on = on or today()
    data = {
        "recorded_on_day": str(on.day),
        "recorded_on_month": str(on.month),
        "recorded_on_year": str(on.year),
        "conversation": "custody_visit",
        "who_are_you": "I'm a good big brother.",
        "who_do_you_want_to_be": "",
        "strengths_in_own_words": "",
        "how_to_get_there": "",
        "words_are": "verbatim",
        "share_with_partners": "no",
        "self_rating": "",
    }
    data.update(overrides)
    return data


def errors(response) -> dict[str, list[str]]:
    return {
        field: [str(e) for e in errs] for field, errs in response.context["form"].errors.items()
    }


def test_amara_records_what_jay_said_and_sees_it_on_the_voice_page(
    client_for, amara, camden_child, strengths
):
    client = client_for(amara)
    data = form_data(
        who_do_you_want_to_be="A mechanic like my uncle",
        strengths=[str(strengths["Funny"].pk), str(strengths["Music"].pk)],
        self_rating="6",
        share_with_partners="yes",
    )
    response = client.post(add_url(camden_child), data, follow=True)

    assert response.redirect_chain == [
        (reverse("voice:overview", args=[camden_child.public_id]), 302)
    ]
    assert "What Jay said has been recorded" in response.content.decode()
    entry = VoiceEntry.across_children.get(child=camden_child)
    assert entry.recorded_by == amara
    assert entry.created_by == amara
    assert entry.conversation == Conversation.CUSTODY_VISIT
    assert entry.who_are_you == "I'm a good big brother."
    assert entry.who_do_you_want_to_be == "A mechanic like my uncle"
    assert {s.name for s in entry.strengths.all()} == {"Funny", "Music"}
    assert entry.self_rating == 6
    assert entry.share_with_partners is True
    assert entry.entered_by_child is False


def test_words_are_stored_exactly_as_typed_apart_from_outer_spaces(client_for, amara, camden_child):
    typed = "  i dunno  innit…\r\n\r\nmaybe   a  chef?? 🙂  \n"
    client_for(amara).post(add_url(camden_child), form_data(who_are_you=typed))
    entry = VoiceEntry.across_children.get(child=camden_child)
    assert entry.who_are_you == "i dunno  innit…\r\n\r\nmaybe   a  chef?? 🙂"


def test_no_answers_is_refused_with_a_message_and_typed_values_are_kept(
    client_for, amara, camden_child, strengths
):
    data = form_data(
        who_are_you="   ",
        conversation="call",
        words_are="summarised",
        share_with_partners="yes",
        self_rating="4",
    )
    response = client_for(amara).post(add_url(camden_child), data)
    html = response.content.decode()

    assert response.status_code == 200
    assert errors(response) == {"who_are_you": ["Answer at least one of the four questions"]}
    assert '<a href="#id_who_are_you">Answer at least one of the four questions</a>' in html
    assert 'value="call" checked' in html
    assert 'value="summarised" checked' in html
    assert 'value="yes" checked' in html
    assert '<option value="4" selected>' in html
    assert f'value="{today().day}"' in html
    assert not VoiceEntry.across_children.exists()


def test_picking_strengths_answers_a_question(client_for, amara, camden_child, strengths):
    data = form_data(who_are_you="", strengths=[str(strengths["Sporty"].pk)])
    response = client_for(amara).post(add_url(camden_child), data)
    assert response.status_code == 302
    assert VoiceEntry.across_children.get().strengths.get() == strengths["Sporty"]


def test_typed_answers_and_ticked_strengths_are_kept_when_another_field_is_wrong(
    client_for, amara, camden_child, strengths
):
    data = form_data(
        who_are_you="Someone who's loyal",
        how_to_get_there="Keep going to the gym",
        strengths=[str(strengths["Kind to others"].pk)],
        share_with_partners="",
        conversation="",
    )
    response = client_for(amara).post(add_url(camden_child), data)
    html = response.content.decode()
    assert errors(response) == {
        "conversation": ["Select the kind of conversation"],
        "share_with_partners": [
            "Select yes if the child agreed their words can be shared with partners"
        ],
    }
    assert "Someone who&#x27;s loyal</textarea>" in html
    assert "Keep going to the gym</textarea>" in html
    assert f'value="{strengths["Kind to others"].pk}" checked' in html


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date of the conversation"),
        ("31", "2", "2025", "The date of the conversation must be a real date"),
        ("3", "", "2025", "The date of the conversation must include a month"),
    ],
)
def test_date_of_the_conversation_messages(
    client_for, amara, camden_child, day, month, year, message
):
    data = form_data(recorded_on_day=day, recorded_on_month=month, recorded_on_year=year)
    response = client_for(amara).post(add_url(camden_child), data)
    assert errors(response) == {"recorded_on": [message]}


def test_conversation_cannot_be_in_the_future(client_for, amara, camden_child):
    response = client_for(amara).post(
        add_url(camden_child), form_data(on=today() + timedelta(days=1))
    )
    assert errors(response) == {
        "recorded_on": ["The date of the conversation must be today or in the past"]
    }


def test_conversation_cannot_be_before_the_child_was_ten(client_for, amara, camden_child):
    # Jay was born on 17 May 2010.
    response = client_for(amara).post(add_url(camden_child), form_data(on=date(2020, 5, 16)))
    assert errors(response) == {
        "recorded_on": [
            "The date of the conversation must be on or after Jay's 10th birthday, 17 May 2020"
        ]
    }
    assert (
        client_for(amara).post(add_url(camden_child), form_data(on=date(2020, 5, 17))).status_code
        == 302
    )


def test_an_answer_that_is_too_long_has_its_own_message(client_for, amara, camden_child):
    response = client_for(amara).post(
        add_url(camden_child), form_data(who_are_you="", how_to_get_there="x" * 5001)
    )
    assert errors(response) == {"how_to_get_there": ["An answer must be 5000 characters or fewer"]}


def test_an_unknown_self_rating_is_refused(client_for, amara, camden_child):
    response = client_for(amara).post(add_url(camden_child), form_data(self_rating="11"))
    assert errors(response) == {"self_rating": ["Choose a number from 1 to 10"]}


def test_strengths_are_checkboxes_so_a_child_can_pick_several(
    client_for, amara, camden_child, strengths
):
    html = client_for(amara).get(add_url(camden_child)).content.decode()
    funny = strengths["Funny"].pk
    assert re.search(rf'class="govuk-checkboxes__input"[^>]*type="checkbox" value="{funny}"', html)
    assert 'data-module="govuk-checkboxes"' in html


def test_retired_strengths_are_not_offered(client_for, amara, camden_child, strengths):
    strengths["Music"].is_active = False
    strengths["Music"].save()
    html = client_for(amara).get(add_url(camden_child)).content.decode()
    assert "Funny" in html
    assert ">Music</label>" not in html


def test_child_mode_is_not_offered_to_practitioners(client_for, amara, camden_child):
    html = client_for(amara).get(add_url(camden_child)).content.decode()
    assert 'value="child_mode"' not in html
    response = client_for(amara).post(add_url(camden_child), form_data(conversation="child_mode"))
    assert "conversation" in errors(response)


def test_recording_is_audited_without_the_childs_words(client_for, amara, camden_child):
    client_for(amara).post(add_url(camden_child), form_data())
    entry = VoiceEntry.across_children.get()
    event = AuditEvent.objects.get(action="voice.recorded")
    assert event.actor == amara
    assert event.child_id == camden_child.pk
    assert event.detail == {
        "entry": str(entry.public_id),
        "conversation": "custody_visit",
        "entered_by_child": False,
    }
    assert "brother" not in str(event.detail)
    assert event.action_display == "Recorded what the child said"


def test_recording_keeps_history_of_who_recorded_it(client_for, amara, camden_child):
    client_for(amara).post(add_url(camden_child), form_data())
    first = VoiceEntry.history.earliest("history_date")
    assert first.history_type == "+"
    assert first.history_user == amara
    assert first.who_are_you == "I'm a good big brother."


# The service that child mode calls


def test_record_voice_marks_an_entry_typed_by_the_child(amara, camden_child):
    entry = record_voice(
        Actor(amara, via=WEB),
        camden_child,
        entered_by_child=True,
        who_are_you="  me. just me  ",
        how_to_get_there="college",
    )
    entry.refresh_from_db()
    assert entry.entered_by_child is True
    assert entry.conversation == Conversation.CHILD_MODE
    assert entry.words_are == WordsAre.VERBATIM
    assert entry.who_are_you == "me. just me"
    assert entry.recorded_on == today()
    assert entry.recorded_by == amara
    assert entry.share_with_partners is False  # only when the child agrees
    event = AuditEvent.objects.get(action="voice.recorded")
    assert event.detail["entered_by_child"] is True


def test_record_voice_is_made_for_the_person_acting(amara, camden_child, strengths):
    entry = record_voice(
        Actor(amara, via=WEB), camden_child, entered_by_child=True, strengths=[strengths["Funny"]]
    )
    assert list(entry.strengths.all()) == [strengths["Funny"]]
    assert AuditEvent.objects.get(action="voice.recorded").actor == amara
    # Saving the entry and then its strengths each leave a version, both by Amara.
    versions = entry.history.order_by("history_date")
    assert [v.history_user for v in versions] == [amara, amara]
    assert [s.strength for s in versions.last().strengths.all()] == [strengths["Funny"]]


def test_record_voice_refuses_an_empty_entry(amara, camden_child):
    with pytest.raises(DomainError) as caught:
        record_voice(Actor(amara, via=WEB), camden_child, entered_by_child=True, who_are_you="   ")
    assert caught.value.message_dict == {
        "who_are_you": ["Answer at least one of the four questions"]
    }
    assert not VoiceEntry.across_children.exists()


def test_record_voice_refuses_someone_who_cannot_contribute(dev, camden_child):
    with pytest.raises(PermissionDenied):
        record_voice(Actor(dev, via=WEB), camden_child, entered_by_child=True, who_are_you="Hello")


def test_record_voice_refuses_unknown_answers(amara, camden_child):
    with pytest.raises(TypeError):
        record_voice(Actor(amara, via=WEB), camden_child, who_are_you="Hi", favourite_colour="blue")


def test_a_self_rating_outside_1_to_10_cannot_be_stored(amara, camden_child):
    with pytest.raises(DomainError) as caught:
        record_voice(
            Actor(amara, via=WEB),
            camden_child,
            entered_by_child=True,
            who_are_you="Hi",
            self_rating=0,
        )
    assert "self_rating" in caught.value.message_dict
