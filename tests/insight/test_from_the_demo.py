"""From the demo data: the figures vary (some services strong, some weak, remand worse), and no
page or download the partnership lead can reach names a child or gives their id."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from resettle.accounts.models import User
from resettle.children.models import Child
from resettle.insight import figures
from resettle.insight.measures import MEASURES, REMANDED, SENTENCED
from resettle.insight.periods import financial_year_of
from resettle.web.demo import load_demo

pytestmark = pytest.mark.django_db

QUERIES = ["", "period=year", "legal=remanded", "gender=girl", "stage=custody&age_band=16"]


@pytest.fixture
def demo():
    load_demo(children=120, seed=11)
    client = Client()
    client.force_login(User.objects.get(email="lead@partnership.example"))
    return client


def _pages() -> list[str]:
    urls = [reverse("core:home"), reverse("insight:definitions")]
    for query in QUERIES:
        suffix = f"?{query}" if query else ""
        urls += [reverse("insight:overview") + suffix, reverse("insight:services") + suffix]
        urls += [reverse("insight:measure", args=[slug]) + suffix for slug in MEASURES]
        for fmt in ("csv", "ods"):
            for table in ("overview", "services"):
                urls.append(reverse("insight:download", args=[table, fmt]) + suffix)
            for slug in MEASURES:
                joiner = "&" if query else "?"
                urls.append(
                    reverse("insight:download", args=["measure", fmt])
                    + f"{suffix}{joiner}measure={slug}"
                )
    return urls


def _text(response) -> str:
    if response["Content-Type"].startswith("application/vnd.oasis"):
        with zipfile.ZipFile(io.BytesIO(response.content)) as ods:
            return ods.read("content.xml").decode()
    return response.content.decode("utf-8-sig")


def test_no_page_or_download_the_lead_reaches_names_a_child(demo):
    children = list(Child.objects.values_list("preferred_name", "legal_name", "public_id",
                                              "local_reference"))  # fmt: skip
    assert len(children) == 120
    checked = 0
    for url in _pages():
        response = demo.get(url, follow=True)
        assert response.status_code == 200, url
        text = _text(response)
        for preferred, legal, public_id, reference in children:
            assert legal not in text, (url, "a legal name")
            assert str(public_id) not in text, (url, "a child's id")
            if reference:
                assert reference not in text, (url, "a local reference")
            assert not re.search(rf"\b{re.escape(preferred)}\b", text), (url, preferred)
        checked += 1
    assert checked > 100


def test_the_demo_figures_vary(demo):
    period = financial_year_of(figures.today())
    before = period.before()
    two_years = figures.Period(before.start, period.end)
    _chosen, rows, london = figures.services_table(two_years)
    # Every practice measure has children counted for London over the last two years.
    for measure, cell in zip(_chosen, london.cells, strict=True):
        if measure.theme == "practice" and measure.is_rate:
            assert cell.denominator > 0, measure.slug
    # Camden (strong) does better than Hackney (weak) on the four key questions, over two years.
    four = MEASURES["four-questions"]
    by_service = figures.tallies(four, two_years, by="service")
    camden = figures._sum(by_service, by=rows[[r.label for r in rows].index(
        "Camden Youth Justice Service")].key.pk)  # fmt: skip
    hackney = figures._sum(by_service, by=rows[[r.label for r in rows].index(
        "Hackney Youth Justice Service")].key.pk)  # fmt: skip
    assert camden.met / camden.units > hackney.met / hackney.units
    # Remanded children get less.
    split = figures.tallies(four, two_years)
    remanded = figures._sum(split, group=REMANDED)
    sentenced = figures._sum(split, group=SENTENCED)
    assert remanded.met / remanded.units < sentenced.met / sentenced.units
