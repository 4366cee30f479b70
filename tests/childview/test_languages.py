"""The child's pages are translatable: rendered in the tests' pseudo-language
(scripts/pseudo-locale, docs/childs-plan.md), every word the service wrote comes out accented and
bracketed, so a word left plain was never marked for translation (or the catalogue needs making
again). The compiled .mo says what the committed .po says."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from resettle.childview.queries import my_plan
from resettle.voice.models import Strength

from .reading import parts

pytestmark = pytest.mark.django_db

PSEUDO = "en-xa"
CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en_XA" / "LC_MESSAGES" / "django.po"
# Dates are Django's: its month names have no pseudo-translation.
DATE = re.compile(
    r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
    r"December) \d{4}\b"
)
REMAKE = "Run `.venv/bin/python scripts/pseudo-locale` (or `make messages`) and commit the result."


def unmarked(html: str, data: list[str]) -> list[str]:
    """Pieces of fixed text with plain (unaccented) letters: words never marked for translation.
    `data` is what people or the configuration wrote that the templates do not mark (names)."""
    found = []
    for piece in parts(html)[0]:
        rest = DATE.sub("", piece)
        for value in data:
            rest = rest.replace(value, "")
        if re.search(r"[A-Za-z]", rest):
            found.append(piece)
    return found


def test_the_compiled_catalogue_says_what_the_po_says():
    po = polib.pofile(str(CATALOGUE))
    mo = polib.mofile(str(CATALOGUE.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    written = {
        (e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural)
        for e in po
        if e.translated() and not e.obsolete
    }
    assert compiled == written, REMAKE


def test_every_message_in_the_pseudo_catalogue_is_translated():
    po = polib.pofile(str(CATALOGUE))
    assert len(po) > 500
    assert po.percent_translated() == 100, REMAKE


def test_the_child_mode_pages_have_no_unmarked_words(
    client_for, amara, camden_child, jays_words, jays_plan, jays_dates
):
    client = client_for(amara)
    client.post(reverse("childview:child-mode-start", args=[camden_child.public_id]))
    data = [camden_child.preferred_name, *Strength.objects.values_list("name", flat=True)]
    with translation.override(PSEUDO):
        for name in (
            "childview:child-mode",
            "childview:child-mode-answers",
            "childview:child-mode-leave",
        ):
            html = client.get(reverse(name)).content.decode()
            assert "［" in html, "the pseudo-language is not in use: " + REMAKE
            problems = unmarked(html, data)
            assert not problems, f"{name}: words not marked for translation: {problems}. {REMAKE}"


def test_the_printed_plan_has_no_unmarked_words(
    amara, camden_child, jays_words, jays_plan, jays_dates
):
    with translation.override(PSEUDO):
        html = render_to_string(
            "childview/my_plan_pdf.html",
            {"child": camden_child, "my": my_plan(camden_child, amara)},
        )
    problems = unmarked(html, [camden_child.preferred_name])
    assert not problems, f"Words not marked for translation: {problems}. {REMAKE}"


def test_a_word_left_unmarked_is_caught():
    html = '<p>［Ŵĥó íš ĥéĺƥíñğ］</p><p>Forgot to translate</p><p class="app-my-plan__data">Jay</p>'
    assert unmarked(html, []) == ["Forgot to translate"]
