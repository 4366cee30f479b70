"""The load test's summary of processor time by page (tests/load/by_page.py), from request lines
as the service writes them (core/middleware.py)."""

from __future__ import annotations

import json

from tests.load.by_page import pages, table

CHILD = "6f1c2d3e-0000-4000-8000-00000000000{}"


def line(method, path, cpu, duration, logger="resettle.requests"):
    return json.dumps(
        {
            "logger": logger,
            "message": "request",
            "method": method,
            "path": path,
            "status": 200,
            "duration_ms": duration,
            "cpu_ms": cpu,
        }
    )


def test_pages_are_summed_with_each_childs_id_read_as_one_page():
    lines = [
        line("GET", f"/children/{CHILD.format(1)}/plan/", 40, 100),
        line("GET", f"/children/{CHILD.format(2)}/plan/", 50, 120),
        line("GET", f"/children/{CHILD.format(1)}/plan/actions/{CHILD.format(3)}/", 20, 30),
        line("GET", "/children/", 10, 20),
        line("POST", f"/children/{CHILD.format(2)}/notes/", 5, 9),
        line("GET", "/children/", 99, 99, logger="resettle.audit"),  # not a request line
        "gunicorn: Booting worker",  # the server's own lines are skipped
        '{"logger": "resettle.requests", "path": "/old/"}',  # a line from before cpu_ms
    ]
    found = pages(lines)
    assert found == {
        ("GET", "/children/<child>/plan/"): [(40, 100), (50, 120)],
        ("GET", "/children/<child>/plan/actions/<id>/"): [(20, 30)],
        ("GET", "/children/"): [(10, 20)],
        ("POST", "/children/<child>/notes/"): [(5, 9)],
    }
    shown = table(found).splitlines()
    assert shown[0] == "Processor time by page: 5 requests, 25.0 ms each on average"
    # The largest share first: the plan, 90 of 125 ms.
    assert shown[2].split() == ["GET", "/children/<child>/plan/", "2", "45", "45.0", "110", "72.0%"]
    assert shown[-1].split()[:2] == ["POST", "/children/<child>/notes/"]


def test_a_log_without_request_lines_says_so():
    assert table(pages(["nothing here"])) == "No request lines with cpu_ms found."
