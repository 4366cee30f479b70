"""Real-browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every page a test loads must be checked with axe-core: call `browsing.check(page)` after each
navigation (or use `browsing.goto`, which checks for you). A page that loads without a check fails
the test, so no page slips through unchecked. See browsing.py.

Set RESETTLE_SCREENSHOT_DIR to save a full-page screenshot of every checked page there.
Set RESETTLE_CHROMIUM to use a Chromium other than Debian's.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .browsing import Browsing

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable
# from the test body and fixtures.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HERE = Path(__file__).resolve().parent

_passed = pytest.StashKey[bool]()


def chromium_executable() -> str:
    return os.environ.get("RESETTLE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[_passed] = report.passed
    return report


@pytest.fixture(scope="session")
def chromium() -> Browser:
    executable = chromium_executable()
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        pytest.fail(
            f"Chromium was not found at {executable}. The browser tests need Debian's chromium "
            "package (`apt-get install chromium`, or `make chromium`), or RESETTLE_CHROMIUM set "
            "to a Chromium executable. Playwright's own browser download is not used.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _browsing(request, browser: Browser, base_url: str):
    session = Browsing(browser, base_url, request.node.name)
    yield session
    try:
        unchecked = session.unchecked()
    finally:
        session.close()
    if request.node.stash.get(_passed, False) and unchecked:
        pytest.fail(
            "These pages loaded without an accessibility check (call browsing.check(page)): "
            + ", ".join(unchecked),
            pytrace=False,
        )


@pytest.fixture
def browsing(request, chromium, live_server):
    """Pages on the live server (so a transactional database), each load checked by axe."""
    yield from _browsing(request, chromium, live_server.url)


@pytest.fixture
def offline_browsing(request, chromium):
    """Pages with no server and no database: the test serves every request with page.route.

    The base address is a closed local port, so nothing unrouted leaves the machine.
    """
    yield from _browsing(request, chromium, "http://127.0.0.1:9")


@pytest.fixture
def page(browsing) -> Page:
    """A page with JavaScript on."""
    return browsing.new_page()


@pytest.fixture
def page_without_javascript(browsing) -> Page:
    return browsing.new_page(javascript=False)
