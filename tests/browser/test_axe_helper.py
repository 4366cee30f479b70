"""The accessibility check itself: it finds real problems, with or without JavaScript, and
notices a page that was loaded but never checked. No server or database: pages are routed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route

BASE = "http://127.0.0.1:9"

BROKEN = """<!DOCTYPE html>
<html lang="en"><head><title>Broken</title></head>
<body><main><h1>Broken</h1><form><input type="text" name="unlabelled"></form></main></body>
</html>"""


def _fine(title: str, link_to: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><title>{title}</title></head>
<body><main><h1>{title}</h1><p><a href="{link_to}">Next page</a></p></main></body>
</html>"""


PAGES = {
    "/broken/": BROKEN,
    "/one/": _fine("One", "/two/"),
    "/two/": _fine("Two", "/three/"),
    "/three/": _fine("Three", "/one/"),
}


def serve(page: Page) -> None:
    def handle(route: Route) -> None:
        path = route.request.url.removeprefix(BASE)
        if path in PAGES:
            route.fulfill(content_type="text/html; charset=utf-8", body=PAGES[path])
        else:
            route.fulfill(status=404, body="")

    page.route("**/*", handle)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without"])
def test_accessibility_check_reports_an_unlabelled_field(offline_browsing, javascript):
    page = offline_browsing.new_page(javascript=javascript)
    serve(page)
    page.goto("/broken/")
    with pytest.raises(AssertionError) as failure:
        offline_browsing.check(page)
    message = str(failure.value)
    assert "axe-core found accessibility problems on /broken/ (Broken)" in message
    assert "- label (critical): Form elements must have labels" in message
    assert "at input\n" in message
    assert "Element does not have an explicit <label>" in message


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without"])
def test_accessibility_check_passes_a_good_page(offline_browsing, javascript):
    page = offline_browsing.new_page(javascript=javascript)
    serve(page)
    offline_browsing.goto(page, "/one/")
    assert offline_browsing.unchecked() == []


def test_accessibility_check_notices_a_page_loaded_without_a_check(offline_browsing):
    page = offline_browsing.new_page()
    serve(page)
    offline_browsing.goto(page, "/one/")
    page.get_by_role("link", name="Next page").click()
    page.wait_for_load_state("load")
    assert offline_browsing.unchecked() == ["/two/"]
    page.get_by_role("link", name="Next page").click()
    with pytest.raises(AssertionError, match="loaded without an accessibility check: .*/two/"):
        offline_browsing.check(page)
    assert offline_browsing.unchecked() == []
