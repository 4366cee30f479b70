"""Pages for one test, with every page they load checked by axe-core.

Pages in a context without JavaScript can't run axe themselves, so their rendered HTML is checked
in a twin page that has JavaScript on but blocks the service's own scripts: the same markup, the
same CSS, the same layout.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from .axe import describe, run_axe

VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000
PASSWORD = "correct horse battery staple"  # what tests.factories.UserFactory sets


@dataclass
class _Tracked:
    javascript: bool
    loads: list[str] = field(default_factory=list)
    checked: int = 0


class Browsing:
    """New pages for one test, with every loaded page checked by axe-core."""

    def __init__(self, browser: Browser, base_url: str, name: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
        self.contexts: list[BrowserContext] = []
        self.tracked: dict[Page, _Tracked] = {}
        self._twin: Page | None = None
        self._shots = 0
        screenshots = os.environ.get("RESETTLE_SCREENSHOT_DIR")
        self.screenshot_dir = Path(screenshots) if screenshots else None

    def _context(self, *, javascript: bool) -> BrowserContext:
        context = self.browser.new_context(
            base_url=self.base_url,
            java_script_enabled=javascript,
            bypass_csp=True,  # lets axe-core run despite the service's strict CSP
            viewport=VIEWPORT,
            locale="en-GB",
        )
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        return context

    def new_page(self, *, javascript: bool = True) -> Page:
        page = self._context(javascript=javascript).new_page()
        tracked = _Tracked(javascript=javascript)
        page.on("load", lambda p: tracked.loads.append(p.url))
        self.tracked[page] = tracked
        return page

    def goto(self, page: Page, path: str, *, status: int = 200):
        """Load `path`, expect the status, and check the page."""
        response = page.goto(path)
        assert response is not None, f"no response for {path}"
        assert response.status == status, f"{path}: expected {status}, got {response.status}"
        self.check(page)
        return response

    def check(self, page: Page) -> None:
        """Run axe-core on the page as it is now; fail with a readable list of violations."""
        page.wait_for_load_state("load")
        tracked = self.tracked[page]
        new_loads = tracked.loads[tracked.checked :]
        tracked.checked = len(tracked.loads)
        assert len(new_loads) <= 1, (
            "These pages loaded without an accessibility check: " + ", ".join(new_loads[:-1])
        )
        self._screenshot(page)
        violations = run_axe(page if tracked.javascript else self._twin_of(page))
        assert not violations, (
            f"axe-core found accessibility problems on {self._path(page.url)} "
            f"({page.title()}):\n{describe(violations)}"
        )

    def unchecked(self) -> list[str]:
        for page in self.tracked:
            if not page.is_closed():
                page.title()  # a round trip, so any pending load events arrive
        return [
            self._path(url)
            for tracked in self.tracked.values()
            for url in tracked.loads[tracked.checked :]
        ]

    def sign_in(self, page: Page, user, password: str = PASSWORD) -> None:
        """Sign in through the sign-in page, checking it on the way."""
        self.goto(page, "/sign-in/")
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        self.check(page)
        expect(page.get_by_text("Signed in as")).to_be_visible()

    def close(self) -> None:
        for context in self.contexts:
            context.close()

    def _twin_of(self, page: Page) -> Page:
        """A page with JavaScript on, showing `page`'s HTML without the service's scripts."""
        if self._twin is None:
            self._twin = self._context(javascript=True).new_page()
        twin = self._twin
        html = page.content()

        def serve(route: Route) -> None:
            request = route.request
            if request.is_navigation_request() and request.frame == twin.main_frame:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
            elif request.resource_type == "script":
                route.abort()
            else:
                route.continue_()

        twin.route("**/*", serve)
        try:
            twin.goto(page.url)
            twin.wait_for_load_state("load")
        finally:
            twin.unroute("**/*", serve)
        return twin

    def _screenshot(self, page: Page) -> None:
        if self.screenshot_dir is None:
            return
        self.screenshot_dir.mkdir(parents=True, exist_ok=True)
        self._shots += 1
        page.screenshot(
            path=self.screenshot_dir / f"{self.name}-{self._shots:02d}.png", full_page=True
        )

    def _path(self, url: str) -> str:
        return url.removeprefix(self.base_url) or "/"
