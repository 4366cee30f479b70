"""Child mode: the session locked to one child's plan and four questions, left with a password."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from resettle.access.models import Share
from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.voice.models import Conversation, VoiceEntry, WordsAre

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
CHILD_MODE = reverse("childview:child-mode")
ANSWERS = reverse("childview:child-mode-answers")
LEAVE = reverse("childview:child-mode-leave")


def start_url(child) -> str:
    return reverse("childview:child-mode-start", args=[child.public_id])


@pytest.fixture
def in_child_mode(client_for, amara, camden_child):
    """Amara's signed-in browser, handed to Jay in child mode."""
    client = client_for(amara)
    response = client.post(start_url(camden_child))
    assert response.status_code == 302
    assert response.url == CHILD_MODE
    return client


def test_starting_child_mode_shows_jays_plan_and_is_audited(in_child_mode, camden_child, amara):
    response = in_child_mode.get(CHILD_MODE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Jay's plan" in html
    assert "Answer the four questions" in html
    started = AuditEvent.objects.get(action="childmode.started")
    assert (started.child, started.actor) == (camden_child, amara)


def test_child_mode_shows_no_staff_details_or_navigation(in_child_mode, camden_child):
    html = in_child_mode.get(CHILD_MODE).content.decode()
    for staff_only in (
        camden_child.legal_name,
        camden_child.local_reference,
        "Signed in as",
        "Sign out",
        reverse("children:caseload"),
        reverse("accounts:account"),
        "Change history",
        "moj-sub-navigation",
    ):
        assert staff_only not in html, staff_only


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/children/",
        "/admin/",
        "/account/",
        "/no-such-page/",
        "/accessibility/",
    ],
)
def test_child_mode_refuses_every_other_page(in_child_mode, path):
    response = in_child_mode.get(path)
    assert response.status_code == 403
    html = response.content.decode()
    assert "You cannot go to that page in child mode" in html
    assert f'href="{CHILD_MODE}"' in html


def test_child_mode_refuses_the_childs_staff_pages_and_signing_out(in_child_mode, camden_child):
    for name in ("children:detail", "voice:overview", "plans:plan", "childview:my-plan"):
        assert in_child_mode.get(reverse(name, args=[camden_child.public_id])).status_code == 403
    assert in_child_mode.post(reverse("accounts:sign-out")).status_code == 403
    assert in_child_mode.get(CHILD_MODE).status_code == 200  # still signed in, still locked


def test_starting_child_mode_needs_a_post(client_for, amara, camden_child):
    assert client_for(amara).get(start_url(camden_child)).status_code == 405


def test_someone_who_only_reads_the_record_cannot_start_child_mode(
    client_for, ben, camden_child, hackney
):
    Share.objects.create(
        child=camden_child, organisation=hackney, purpose="Handover", ends_on=today() + timedelta(1)
    )
    client = client_for(ben)
    assert client.post(start_url(camden_child)).status_code == 403
    assert client.get(CHILD_MODE).status_code == 302  # not in child mode


def test_hackney_worker_cannot_start_child_mode_for_jay(client_for, ben, camden_child):
    assert client_for(ben).post(start_url(camden_child)).status_code == 404


def test_the_secure_estate_may_start_child_mode_for_a_child_shared_with_them(
    client_for, chloe, shared_jay
):
    client = client_for(chloe)
    assert client.post(start_url(shared_jay)).status_code == 302
    assert client.get(CHILD_MODE).status_code == 200


def test_jays_answers_are_saved_as_his_own_words(in_child_mode, camden_child, amara, strengths):
    response = in_child_mode.post(
        ANSWERS,
        {
            "who_are_you": "  I'm Jay.\r\nI like engines.  ",
            "who_do_you_want_to_be": "A mechanic",
            "strengths": [strengths["Funny"].pk, strengths["Sporty"].pk],
            "strengths_in_own_words": "I never give up",
            "how_to_get_there": "College",
            "self_rating": "7",
            "share_with_partners": "yes",
        },
    )
    assert response.status_code == 302
    assert response.url == CHILD_MODE
    entry = VoiceEntry.across_children.get(child=camden_child)
    assert entry.entered_by_child is True
    assert entry.conversation == Conversation.CHILD_MODE
    assert entry.words_are == WordsAre.VERBATIM
    assert entry.recorded_by == amara
    assert entry.recorded_on == today()
    assert entry.who_are_you == "I'm Jay.\r\nI like engines."
    assert entry.self_rating == 7
    assert entry.share_with_partners is True
    assert {s.name for s in entry.strengths.all()} == {"Funny", "Sporty"}
    saved = AuditEvent.objects.get(action="childmode.answers_saved")
    assert saved.detail == {"entry": str(entry.public_id)}
    assert AuditEvent.objects.filter(action="voice.recorded", child=camden_child).exists()
    # Back on their plan, Jay reads what they typed, and a thank you.
    html = in_child_mode.get(CHILD_MODE).content.decode()
    assert "I like engines." in html
    assert "Thank you. Your answers are saved." in html
    assert "I typed this myself on" in html


def test_answers_not_shared_unless_the_child_says_yes(in_child_mode, camden_child):
    in_child_mode.post(ANSWERS, {"who_are_you": "Jay"})
    assert VoiceEntry.across_children.get(child=camden_child).share_with_partners is False


def test_answering_nothing_asks_kindly_for_one_answer_and_saves_nothing(in_child_mode):
    response = in_child_mode.post(ANSWERS, {"who_are_you": "   "})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Answer at least one question, or tap a strength." in html
    assert 'href="#id_who_are_you"' in html  # the error summary links to the field
    assert not VoiceEntry.across_children.exists()


def test_a_too_long_answer_keeps_what_the_child_typed(in_child_mode):
    words = "engines " * 700
    response = in_child_mode.post(ANSWERS, {"who_are_you": words, "how_to_get_there": "Bus"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your answer is too long" in html
    assert ">Bus</textarea>" in html
    assert not VoiceEntry.across_children.exists()


def test_leaving_with_a_wrong_password_keeps_child_mode_on(in_child_mode):
    response = in_child_mode.post(LEAVE, {"password": "let me out"})
    assert response.status_code == 200
    assert "The password is not correct" in response.content.decode()
    assert in_child_mode.get(reverse("children:caseload")).status_code == 403
    assert not AuditEvent.objects.filter(action="childmode.ended").exists()


def test_leaving_with_no_password_says_what_to_do(in_child_mode):
    response = in_child_mode.post(LEAVE, {"password": ""})
    assert "Enter the worker&#x27;s password" in response.content.decode()


def test_leaving_with_the_workers_password_ends_child_mode(in_child_mode, camden_child, amara):
    response = in_child_mode.post(LEAVE, {"password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("childview:my-plan", args=[camden_child.public_id])
    assert in_child_mode.get(reverse("children:caseload")).status_code == 200
    assert in_child_mode.get(CHILD_MODE).status_code == 302  # child mode is off
    ended = AuditEvent.objects.get(action="childmode.ended")
    assert (ended.child, ended.actor) == (camden_child, amara)


def test_guessing_the_password_to_leave_counts_towards_a_lockout(in_child_mode):
    statuses = [
        in_child_mode.post(LEAVE, {"password": f"guess {n}"}).status_code
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    assert in_child_mode.post(LEAVE, {"password": PASSWORD}).status_code == 429
    assert in_child_mode.get(reverse("children:caseload")).status_code == 403  # still locked


def test_child_mode_pages_send_someone_not_in_child_mode_home(client_for, amara):
    client = client_for(amara)
    for path in (CHILD_MODE, ANSWERS, LEAVE):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url == reverse("core:home")
