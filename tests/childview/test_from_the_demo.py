"""The child's pages of demo children: the fixed text reads at 9 to 11 (Flesch-Kincaid grade 6 or
below), and a full plan prints on at most three A4 pages with no page under a third full but the
last, in the screen's sans-serif type, named by the child's first name and the day.

How the reading age is measured is in docs/childs-plan.md: the text people wrote (the child's own
words, actions, names) is marked in the templates and left out; the rest is the fixed text.
"""

from __future__ import annotations

import io

import pytest
import textstat
from django.db.models import Count
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from resettle.accounts.models import User
from resettle.children.models import Child
from resettle.childview.queries import my_plan
from resettle.core.dates import today
from resettle.web.demo import load_demo

from .reading import fixed_text

pytestmark = pytest.mark.django_db

GRADE = 6  # Flesch-Kincaid grade 6: a reading age of about 11 (docs/domain.md, section 7)
MAX_PAGES = 3
MIN_FILL = 1 / 3
CHILD_MODE_PAGES = [
    "childview:child-mode",
    "childview:child-mode-answers",
    "childview:child-mode-leave",
]


@pytest.fixture
def demo():
    load_demo(children=24, seed=7)
    return User.objects.get(email="caseworker@camden.example")


def full_plans(limit: int) -> list[Child]:
    """The Camden demo children with the fullest plans (the most actions), agreed."""
    return list(
        Child.objects.filter(owning_service__slug="camden", plan__agreements__isnull=False)
        .annotate(actions=Count("plan__actions", distinct=True))
        .order_by("-actions", "id")
        .select_related("lead_practitioner__organisation", "owning_service")[:limit]
    )


def childs_part(html: str) -> str:
    """My plan as the child reads it: the page from the plan itself on (not the staff header)."""
    return html[html.index('<div class="app-my-plan">') :]


def test_the_fixed_text_on_the_childs_pages_reads_at_grade_6_or_below(demo):
    children = full_plans(3)
    assert children, "the demo has agreed plans"
    client = Client()
    client.force_login(demo)
    measured = {}
    for child in children:
        html = client.get(reverse("childview:my-plan", args=[child.public_id])).content.decode()
        measured[f"My plan ({child.preferred_name})"] = fixed_text(childs_part(html))
        pdf = render_to_string(
            "childview/my_plan_pdf.html", {"child": child, "my": my_plan(child, demo)}
        )
        measured[f"printout ({child.preferred_name})"] = fixed_text(pdf)
    client.post(reverse("childview:child-mode-start", args=[children[0].public_id]))
    for name in CHILD_MODE_PAGES:
        measured[name] = fixed_text(client.get(reverse(name)).content.decode())
    grades = {page: textstat.flesch_kincaid_grade(text) for page, text in measured.items()}
    assert all(len(text.split()) > 20 for text in measured.values()), "nothing to measure"
    too_hard = {page: grade for page, grade in grades.items() if grade > GRADE}
    assert not too_hard, f"Fixed text above grade {GRADE}: {too_hard}"


def _fill(page) -> float:
    """How far down the page its text goes, as a share of the page (the footer left out)."""
    height = float(page.mediabox.height)
    lowest = []

    def visit(text, cm, tm, font, size):
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        if text.strip() and y > 45:  # above the page number in the bottom margin
            lowest.append(y)

    page.extract_text(visitor_text=visit)
    return (height - min(lowest)) / height if lowest else 0.0


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]))
    return names


def test_a_full_demo_plan_prints_on_three_well_filled_a4_pages_named_for_the_child(demo):
    child = full_plans(1)[0]
    client = Client()
    client.force_login(demo)
    response = client.get(reverse("childview:my-plan-pdf", args=[child.public_id]))
    assert response.status_code == 200
    first = child.preferred_name.split()[0]
    assert response["Content-Disposition"] == (
        f'attachment; filename="{first}-plan-{today():%Y-%m-%d}.pdf"'
    )
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) <= MAX_PAGES
    fills = [_fill(page) for page in reader.pages]
    assert all(fill >= MIN_FILL for fill in fills[:-1]), fills
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in ("Who is helping", "Saying yes to my plan", "I said yes to this plan on"):
        assert words in " ".join(text.split()), words
    # The screen's sans-serif type (Arial, Liberation Sans on Linux), never a serif.
    fonts = _fonts(reader)
    assert fonts and not any("Serif" in name for name in fonts), fonts


def test_large_print_is_larger(demo):
    child = full_plans(1)[0]
    client = Client()
    client.force_login(demo)
    url = reverse("childview:my-plan-pdf", args=[child.public_id])
    normal = PdfReader(io.BytesIO(client.get(url).content))
    large = PdfReader(io.BytesIO(client.get(url + "?print=large").content))
    assert len(large.pages) > len(normal.pages)
