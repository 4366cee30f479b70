"""`make benchmark` runs: on a tiny population, every page answers and the table and the
comparison are made. (Times are never asserted: this only keeps the benchmark from rotting.)"""

import json

import pytest

from resettle.web.demo.scale import generate

from . import bench

pytestmark = pytest.mark.django_db


def test_the_benchmark_times_every_page_against_the_floor(settings, tmp_path):
    settings.ROOT_URLCONF = "tests.benchmarks.urls"
    generate(children=60, services=33, batch_size=60)
    listed = bench.pages()
    assert {
        "caseload, mine",
        "my week, whole service",
        "releases, whole service",
        "plan",
        "partnership overview",
        "guidance",
        "service figures (manager)",
    } <= {page.name for page in listed}
    results = bench.measure(listed, rounds=1, warmup=0)
    for name, row in results["pages"].items():
        assert row["status"] == 200, name
        assert row["queries"] > 0, name
        assert row["ratio"] > 0, name
    assert results["floor"]["median_ms"] > 0
    earlier = json.loads(json.dumps(results))
    text = bench.table(results, earlier)
    assert "x floor" in text
    assert "was x floor" in text
    assert "caseload, whole service" in text


def test_the_explain_script_reads_every_query_the_pages_make():
    """`explain.py` (the EXPLAIN evidence in docs/performance.md) builds each page's queries as the
    pages do: each must still run, here on a tiny population (its plans are only printed)."""
    from . import explain

    generate(children=60, services=33, batch_size=60)
    built = explain.queries()
    assert "my week, not seen, whole service" in built
    assert "establishment, placed here, count" in built
    found = {name: list(queryset) for name, queryset in built.items()}  # each one runs
    assert found["caseload, whole service, page 1"]
    assert found["establishment, placed here, count"]
