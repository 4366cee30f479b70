"""The figures pages: who sees what, the period picker and filters, bad parameters, downloads."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from resettle.audit.models import AuditEvent
from resettle.core.dates import today
from resettle.insight.measures import MEASURES
from tests.factories import ChildFactory

from .helpers import status, touchpoint, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def some_figures(camden, hackney, amara, ben, feltham):
    now = today()
    made = []
    for i in range(7):
        service, worker = (camden, amara) if i % 2 == 0 else (hackney, ben)
        child = ChildFactory(
            owning_service=service, lead_practitioner=worker, preferred_name=f"Zorblax{i}"
        )
        status(child, "remand_yda" if i < 4 else "sentenced_custody", now - timedelta(days=40),
               establishment=feltham, expected_release_on=now + timedelta(days=30))  # fmt: skip
        if i % 3:
            words(child, now - timedelta(days=38), worker)
        touchpoint(child, now - timedelta(days=5))
        made.append(child)
    return made


PAGES = [
    ("insight:overview", {}),
    ("insight:services", {}),
    *[("insight:measure", {"slug": slug}) for slug in MEASURES],
    ("insight:definitions", {}),
]


def test_the_lead_sees_every_page(some_figures, dev, client_for):
    client = client_for(dev)
    for name, kwargs in PAGES:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name


def test_the_leads_home_is_the_london_overview(dev, client_for):
    response = client_for(dev).get(reverse("core:home"))
    assert response.status_code == 302 and response.url == reverse("insight:overview")


@pytest.mark.parametrize(
    "query",
    [
        "period=fortnight",
        "period=quarter&quarter=1999-04-01",
        "period=year&year=abc",
        "period=custom",
        "period=custom&start_day=31&start_month=2&start_year=2025&end_day=1&end_month=3&end_year=2025",
        "period=custom&start_day=1&start_month=5&start_year=2025&end_day=1&end_month=4&end_year=2025",
        "period=custom&start_day=1&start_month=1&start_year=2020&end_day=1&end_month=1&end_year=2025",
        "gender=robot",
        "age_band=%00",
        "ethnicity=" + "x" * 5000,
    ],
)
def test_bad_parameters_get_a_clear_message(query, dev, client_for):
    client = client_for(dev)
    for name in ("insight:overview", "insight:services"):
        response = client.get(reverse(name) + "?" + query)
        assert response.status_code == 400
        assert "govuk-error-summary" in response.content.decode()
    download = client.get(reverse("insight:download", args=["services", "csv"]) + "?" + query)
    assert download.status_code == 400


def test_an_unknown_measure_or_download_is_not_found(dev, client_for):
    client = client_for(dev)
    assert client.get(reverse("insight:measure", args=["nope"])).status_code == 404
    assert client.get(reverse("insight:download", args=["nope", "csv"])).status_code == 404
    assert client.get(reverse("insight:download", args=["services", "xls"])).status_code == 404


def test_every_period_and_filter_works(some_figures, dev, client_for):
    client = client_for(dev)
    queries = [
        "period=year",
        "period=custom&start_day=1&start_month=1&start_year=2025&end_day=31&end_month=3&end_year=2025",
        "legal=remanded",
        "stage=remand&care_status=looked_after&age_band=16&gender=girl&ethnicity=black",
        "ethnicity=not_stated",
    ]
    for query in queries:
        for name in ("insight:overview", "insight:services"):
            assert client.get(reverse(name) + "?" + query).status_code == 200, query


def test_filters_change_the_figures(some_figures, dev, client_for):
    client = client_for(dev)
    url = reverse("insight:measure", args=["in-custody"])
    everyone = client.get(url).context["summary"].this.total.denominator
    remanded = client.get(url + "?legal=remanded").context["summary"].this.total.denominator
    girls = client.get(url + "?gender=girl").context["summary"].this.total.denominator
    assert (everyone, remanded, girls) == (7, 4, 0)


def test_the_services_table_downloads_as_csv_with_suppression(some_figures, dev, client_for):
    client = client_for(dev)
    response = client.get(reverse("insight:download", args=["services", "csv"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = next(r for r in rows if r and r[0] == "Service")
    london = next(r for r in rows if r and r[0].startswith("London"))
    camden = next(r for r in rows if r and r[0] == "Camden Youth Justice Service")
    column = header.index(str(MEASURES["in-custody"].title))
    assert london[column] == "7"
    assert camden[column] == "fewer than 5"  # 4 of Camden's, 3 of Hackney's
    event = AuditEvent.objects.filter(action="insight.downloaded").latest("id")
    assert event.detail["table"] == "services" and event.actor == dev
    # The page's table says the same (its cells made in Python: figures_table.py).
    html = client.get(reverse("insight:services")).content.decode()
    assert (
        '<td class="govuk-table__cell govuk-table__cell--numeric govuk-!-font-weight-bold">7</td>'
    ) in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">fewer than 5</td>' in html


def test_every_table_downloads_in_both_formats(some_figures, dev, priya, client_for):
    for person, tables in ((dev, ["overview", "services", "measure"]),
                           (priya, ["service", "workers"])):  # fmt: skip
        client = client_for(person)
        for table in tables:
            for fmt in ("csv", "ods"):
                url = reverse("insight:download", args=[table, fmt]) + "?measure=touchpoints"
                response = client.get(url)
                assert response.status_code == 200, (table, fmt)
                assert response.content
    assert AuditEvent.objects.filter(action="insight.downloaded").count() == 10


def test_the_lead_may_not_download_a_services_workers(dev, client_for):
    response = client_for(dev).get(reverse("insight:download", args=["workers", "csv"]))
    assert response.status_code == 403


def test_the_manager_sees_their_service_by_worker_and_the_children_behind(
    some_figures, priya, amara, client_for
):
    client = client_for(priya)
    page = client.get(reverse("insight:service"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Amara" in html
    url = reverse("insight:children") + f"?measure=overdue-touchpoints&worker={amara.public_id}"
    # Each cell links to the children behind it, and says what it counts for a screen reader
    # (the table's cells are made in Python: insight/templatetags/figures_table.py).
    title = MEASURES["overdue-touchpoints"].title
    assert (
        f'<a class="govuk-link" href="{escape(url)}">4<span class="govuk-visually-hidden">: '
        f"{escape(title)}, Amara Okafor</span></a>"
    ) in html
    assert "&amp;worker=none" in html  # the children not allocated to anyone
    listed = client.get(url)
    names = {c.preferred_name for c in listed.context["found"]}
    assert names == {"Zorblax0", "Zorblax2", "Zorblax4", "Zorblax6"}  # Camden's only


def test_a_worker_from_another_service_is_not_found(some_figures, priya, ben, client_for):
    client = client_for(priya)
    url = reverse("insight:children") + f"?worker={ben.public_id}"
    assert client.get(url).status_code == 404
    assert client.get(reverse("insight:children") + "?worker=not-an-id").status_code == 404
    assert client.get(reverse("insight:children") + "?measure=nope").status_code == 404


def test_the_establishment_sees_its_own_figures(some_figures, chloe, client_for):
    response = client_for(chloe).get(reverse("insight:establishment"))
    assert response.status_code == 200
    assert response.context["counts"][0].total.denominator == 7


def test_the_manager_sees_the_5cs_of_their_open_cases(some_figures, priya, amara, client_for):
    client = client_for(priya)
    page = client.get(reverse("insight:service"))
    five = dict(page.context["five_cs"])
    assert five["All five"].units == 4  # Camden's four open cases
    url = reverse("insight:children") + f"?measure=five-cs&worker={amara.public_id}"
    listed = client.get(url)
    assert listed.status_code == 200
    assert {c.preferred_name for c in listed.context["found"]} <= {
        "Zorblax0",
        "Zorblax2",
        "Zorblax4",
        "Zorblax6",
    }
    assert len(listed.context["found"]) == 4 - five["All five"].met


def test_figures_are_kept_and_counted_again_by_the_refresh(some_figures, dev, client_for):
    from django.core.cache import cache
    from django.core.management import call_command

    from resettle.children.models import Child
    from resettle.insight.models import StoredFigures

    client = client_for(dev)
    url = reverse("insight:measure", args=["in-custody"])
    assert client.get(url).context["summary"].this.total.denominator == 7
    assert StoredFigures.objects.exists()
    Child.objects.filter(preferred_name="Zorblax0").delete()
    cache.clear()  # another process: reads what was kept
    assert client.get(url).context["summary"].this.total.denominator == 7
    call_command("refresh_figures", stdout=io.StringIO())
    cache.clear()
    assert client.get(url).context["summary"].this.total.denominator == 6


@pytest.mark.django_db(transaction=True)
def test_the_scheduled_refresh_is_queued_and_a_worker_counts(settings):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    from resettle.insight.models import StoredFigures

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = io.StringIO()
    call_command("refresh_figures", stdout=out)
    assert "Queued for the workers" in out.getvalue()
    assert not StoredFigures.objects.exists()
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", stdout=out)
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    assert StoredFigures.objects.exists()
