"""The voice page: the latest answers first, the answers side by side over time, and the chart."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from resettle.audit.models import AuditEvent
from resettle.voice.models import Conversation, WordsAre

pytestmark = pytest.mark.django_db


def overview(child, **query) -> str:
    url = reverse("voice:overview", args=[child.public_id])
    return f"{url}?all=1" if query.get("all") else url


def table_rows(html: str, table_id: str) -> list[list[str]]:
    """The text of each body row of a table, cell by cell (header cells included)."""
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', html, re.S).group(0)
    body = re.search(r"<tbody.*?</tbody>", table, re.S).group(0)
    rows = []
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append([" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells])
    return rows


def test_empty_state_says_what_to_do_next(client_for, amara, camden_child):
    response = client_for(amara).get(overview(camden_child))
    html = response.content.decode()
    assert "No conversations with Jay about the four key questions have been recorded yet." in html
    assert "Who do you want to be?" in html
    assert reverse("voice:add", args=[camden_child.public_id]) in html
    assert 'id="voice-history"' not in html


def test_viewing_the_voice_page_is_audited(client_for, amara, camden_child):
    client_for(amara).get(overview(camden_child))
    event = AuditEvent.objects.get(action="child.viewed")
    assert event.actor == amara
    assert event.child_id == camden_child.pk
    assert event.detail == {"section": "voice"}


def test_the_voice_section_is_in_the_childs_navigation_after_summary(
    client_for, amara, camden_child
):
    html = client_for(amara).get(overview(camden_child)).content.decode()
    nav = re.search(r'<nav class="moj-sub-navigation".*?</nav>', html, re.S).group(0)
    labels = re.findall(r'moj-sub-navigation__link"[^>]*>([^<]+)<', nav)
    assert labels[:2] == ["Summary", "Voice"]
    assert f'href="{overview(camden_child)}" aria-current="page"' in nav


def test_latest_answers_are_shown_prominently_with_who_when_and_how(
    client_for, amara, camden_child, make_entry, strengths
):
    make_entry(camden_child, amara, days_ago=40, who_are_you="Older words")
    latest = make_entry(
        camden_child,
        amara,
        days_ago=2,
        conversation=Conversation.CUSTODY_VISIT,
        who_are_you="I'm a good big brother.\nMy sister looks up to me.",
        who_do_you_want_to_be="A mechanic like my uncle",
        strengths=[strengths["Funny"]],
        strengths_in_own_words="I can fix bikes",
        self_rating=7,
    )
    response = client_for(amara).get(overview(camden_child))
    html = response.content.decode()
    assert response.context["latest"] == latest
    when = date_format(latest.recorded_on, "j F Y")
    assert f"Recorded by {amara.full_name} on {when}, in a visit in custody." in html
    answers = re.search(r'<dl class="govuk-summary-list app-voice-answers">.*?</dl>', html, re.S)
    block = answers.group(0)
    # The words as typed, line break and all (the page keeps it with white-space: pre-wrap).
    assert (
        '<span class="app-voice-words">I&#x27;m a good big brother.\nMy sister looks up to me.'
        "</span>" in block
    )
    assert "A mechanic like my uncle" in block
    assert "Picked: Funny" in block
    assert "I can fix bikes" in block
    assert "7 out of 10" in block
    assert "How are you going to get there?" in block and "Not answered" in block
    assert "Older words" not in block
    assert "Summarised" not in block


def test_a_summarised_entry_is_tagged(client_for, amara, camden_child, make_entry):
    make_entry(camden_child, amara, words_are=WordsAre.SUMMARISED)
    html = client_for(amara).get(overview(camden_child)).content.decode()
    latest = re.search(r'<p class="govuk-body" id="latest-entry">.*?</p>', html, re.S).group(0)
    assert '<strong class="govuk-tag govuk-tag--grey">Summarised</strong>' in latest


def test_an_entry_typed_by_the_child_says_so(client_for, amara, camden_child, make_entry):
    entry = make_entry(
        camden_child, amara, conversation=Conversation.CHILD_MODE, entered_by_child=True
    )
    html = client_for(amara).get(overview(camden_child)).content.decode()
    when = date_format(entry.recorded_on, "j F Y")
    assert f"Jay typed this in child mode on {when}." in html


def test_history_puts_answers_side_by_side_newest_first(
    client_for, amara, camden_child, make_entry
):
    for days in (90, 5, 30):
        make_entry(camden_child, amara, days_ago=days, who_are_you=f"Me, {days} days ago")
    html = client_for(amara).get(overview(camden_child)).content.decode()
    rows = table_rows(html, "voice-history")
    assert [row[0] for row in rows] == [
        "Who are you?",
        "Who do you want to be?",
        "What are your strengths?",
        "How are you going to get there?",
        "How sure do you feel you'll get there?",
    ]
    assert rows[0][1:] == ["Me, 5 days ago", "Me, 30 days ago", "Me, 90 days ago"]
    assert rows[1][1:] == ["Not answered"] * 3


def test_two_conversations_on_one_day_show_the_later_recorded_first(
    client_for, amara, camden_child, make_entry
):
    make_entry(camden_child, amara, days_ago=1, who_are_you="Morning")
    make_entry(camden_child, amara, days_ago=1, who_are_you="Afternoon")
    rows = table_rows(
        client_for(amara).get(overview(camden_child)).content.decode(), "voice-history"
    )
    assert rows[0][1:] == ["Afternoon", "Morning"]


def test_history_shows_the_latest_six_until_asked_for_all(
    client_for, amara, camden_child, make_entry
):
    for days in range(8):
        make_entry(camden_child, amara, days_ago=days * 10, who_are_you=f"Answer {days}")
    client = client_for(amara)
    html = client.get(overview(camden_child)).content.decode()
    rows = table_rows(html, "voice-history")
    assert rows[0][1:] == [f"Answer {n}" for n in range(6)]
    assert "Show all 8 conversations" in html
    assert f'href="{overview(camden_child)}?all=1#history-heading"' in html

    html = client.get(overview(camden_child, all=True)).content.decode()
    rows = table_rows(html, "voice-history")
    assert rows[0][1:] == [f"Answer {n}" for n in range(8)]
    assert "Show only the latest 6 conversations" in html


def test_chart_data_table_matches_the_rated_entries_oldest_first(
    client_for, amara, camden_child, make_entry
):
    rated = [(120, 3), (60, 5), (45, None), (20, 4), (3, 8)]
    entries = {
        days: make_entry(camden_child, amara, days_ago=days, self_rating=rating)
        for days, rating in rated
    }
    html = client_for(amara).get(overview(camden_child)).content.decode()
    rows = table_rows(html, "rating-table")
    expected = [
        [date_format(entries[days].recorded_on, "j F Y"), "A planning or review meeting", str(r)]
        for days, r in rated
        if r is not None
    ]
    assert rows == expected
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    assert len(re.findall(r"<circle ", svg)) == 4
    assert re.findall(r'class="app-chart__value"[^>]*>(\d+)<', svg) == ["3", "5", "4", "8"]
    assert 'role="img"' in svg and "style=" not in svg
    summary = (
        "Jay has been asked 4 times how sure they feel they'll get there. The latest answer, on "
        f"{date_format(entries[3].recorded_on, 'j F Y')}, was 8 out of 10: up from 3 on "
        f"{date_format(entries[120].recorded_on, 'j F Y')}. The highest was 8 and the lowest 3."
    )
    assert summary in unescape(html)


def test_without_ratings_the_page_says_to_ask_next_time(
    client_for, amara, camden_child, make_entry
):
    make_entry(camden_child, amara)
    html = client_for(amara).get(overview(camden_child)).content.decode()
    assert "<svg" not in html
    assert "Jay has not been asked yet how sure they feel they'll get there." in html


def test_correct_links_show_only_where_the_viewer_may_correct(
    client_for, camden, camden_child, amara, make_entry
):
    from ..factories import UserFactory

    entry = make_entry(camden_child, amara)
    edit = reverse("voice:edit", args=[camden_child.public_id, entry.public_id])
    assert edit in client_for(amara).get(overview(camden_child)).content.decode()
    colleague = UserFactory(organisation=camden, email="kofi@camden.test")
    assert edit not in client_for(colleague).get(overview(camden_child)).content.decode()
