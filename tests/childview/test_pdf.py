"""The printable My plan: a PDF with the child's words and the plan's actions, audited."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from resettle.audit.models import AuditEvent
from resettle.childview.pdf import LocalOnlyFetcher, render_pdf
from resettle.core.dates import today

pytestmark = pytest.mark.django_db

A4_POINTS = (595, 842)


def pdf_url(child) -> str:
    return reverse("childview:my-plan-pdf", args=[child.public_id])


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_the_printed_plan_holds_jays_words_and_the_plans_actions(
    client_for, amara, camden_child, jays_words, jays_plan, jays_dates
):
    response = client_for(amara).get(pdf_url(camden_child))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for words in (
        "Jay's plan",
        "I'm a good big brother",
        "Work in a garage",  # who Jay wants to be, once: the plan's words
        "I can fix bikes",
        "Go to college and keep my head down",
        "Somewhere to live",
        "Find a room at Hope House supported lodgings",
        "Enrol on motor vehicle level 1",
        "Visits with Aunt Grace every Sunday",
        "Stay with Aunt Grace for two weeks",
        "Amara drives you home",
    ):
        assert words in text, words
    assert "Jayden" not in text  # the legal name is not on the child's plan
    assert "CAM-00001" not in text


def test_the_printed_plan_is_a4(client_for, amara, camden_child, jays_plan):
    reader = PdfReader(io.BytesIO(client_for(amara).get(pdf_url(camden_child)).content))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_POINTS


def test_printing_is_in_the_audit_log(client_for, amara, camden_child):
    client_for(amara).get(pdf_url(camden_child))
    event = AuditEvent.objects.get(action="child.printed")
    assert event.child == camden_child
    assert event.actor == amara
    assert event.detail == {"section": "my-plan"}


def test_the_file_is_named_by_the_childs_first_name_and_the_day_printed(
    client_for, amara, camden_child
):
    response = client_for(amara).get(pdf_url(camden_child))
    assert response["Content-Disposition"] == (
        f'attachment; filename="Jay-plan-{today():%Y-%m-%d}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]


def test_hackney_worker_cannot_print_jays_plan(client_for, ben, camden_child):
    assert client_for(ben).get(pdf_url(camden_child)).status_code == 404
    assert not AuditEvent.objects.filter(action="child.printed").exists()


@pytest.mark.parametrize(
    "url",
    ["http://example.invalid/font.woff", "https://example.invalid/x.css", "file:///etc/passwd"],
)
def test_making_the_pdf_fetches_nothing_from_outside(url):
    with pytest.raises(ValueError, match="fetches nothing"):
        LocalOnlyFetcher().fetch(url)
    # A page naming such an address still prints, without it.
    pdf = render_pdf(f'<p>Hello</p><img src="{url}" alt="">')
    assert "Hello" in pdf_text(pdf)
