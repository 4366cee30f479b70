"""The load test (`make load`, docs/performance.md): practitioners of several services sign in
once and browse their caseload, their children's pages and My week with think time; some add case
notes and plan actions.

Run against a server on this machine only (loopback), on a database made by `generate_data`, whose
case workers sign in with the demo password. The sign-ins are listed (comma-separated email
addresses, LOAD_SIGN_INS); `make load` picks case workers of the largest services.
"""

from __future__ import annotations

import itertools
import os
import random
import re
from urllib.parse import urlparse

from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("RESETTLE_DEMO_PASSWORD", "resettle-demo")
SIGN_INS = [e for e in os.environ.get("LOAD_SIGN_INS", "caseworker@camden.example").split(",") if e]
# Several servers sharing one database (LOAD_HOSTS): every user's requests go to each in turn, so
# a session begun on one is carried on by another (the servers hold no state of their own).
HOSTS = [h for h in os.environ.get("LOAD_HOSTS", "").split(",") if h]
_next_sign_in = itertools.count()

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
CHILD_LINK = re.compile(r'href="/children/([0-9a-f-]{36})/"')
FIRST_VALUE = r'name="{}"[^>]*value="([^"]+)"'
FIRST_OPTION = r'<select[^>]*name="{}"[^>]*>.*?<option value="([^"]+)"'


@events.test_start.add_listener
def _loopback_only(environment, **kwargs):
    for url in [environment.host or "", *HOSTS]:
        host = urlparse(url).hostname
        if host not in {"127.0.0.1", "localhost", "::1"}:
            raise SystemExit(f"The load test runs against this machine only, not {host!r}")


# Every page's response time but signing in's (the target leaves signing in out: it hashes a
# password on purpose), for the summary printed at the end.
_page_times: list[float] = []


@events.request.add_listener
def _note_page_time(name, response_time, **kwargs):
    if not name.startswith("sign in"):
        _page_times.append(response_time)


@events.quitting.add_listener
def _pages_summary(environment, **kwargs):
    if not _page_times:
        return
    ordered = sorted(_page_times)

    def at(share: float) -> int:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))])

    print(
        f"Pages, signing in left out: {len(ordered)} requests, p50 {at(0.5)} ms, "
        f"p95 {at(0.95)} ms, p99 {at(0.99)} ms (target: p95 500 ms)"
    )


def _hidden(html: str) -> dict[str, str]:
    return dict(HIDDEN.findall(html))


class Practitioner(HttpUser):
    """A case worker: signs in once, then works through the day."""

    wait_time = between(1, 5)

    def _next_server(self) -> None:
        if HOSTS:
            self._server = (getattr(self, "_server", -1) + 1) % len(HOSTS)
            self.client.base_url = HOSTS[self._server]

    def get(self, url: str, **kwargs):
        """A page, from the next server; being sent to sign in again is a failure."""
        self._next_server()
        with self.client.get(url, catch_response=True, **kwargs) as response:
            if "/sign-in/" in response.url:
                response.failure("signed out: the session was not found")
            elif response.status_code != 200:
                response.failure(f"status {response.status_code}")
        return response

    def on_start(self) -> None:
        self.email = SIGN_INS[next(_next_sign_in) % len(SIGN_INS)]
        self._next_server()
        page = self.client.get("/sign-in/", name="sign in (form)")
        data = _hidden(page.text) | {"username": self.email, "password": PASSWORD}
        with self.client.post(
            "/sign-in/", data=data, name="sign in", catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in refused for {self.email} ({response.status_code})")
        self.children: list[str] = []
        self.caseload()

    @task(6)
    def caseload(self) -> None:
        response = self.get("/children/?scope=mine", name="caseload, mine")
        found = CHILD_LINK.findall(response.text)
        if found:
            self.children = found

    @task(2)
    def caseload_service(self) -> None:
        page = random.randint(1, 5)
        self.get(f"/children/?scope=service&page={page}", name="caseload, whole service")

    @task(3)
    def my_week(self) -> None:
        self.get("/my-week/?scope=mine", name="my week")

    @task(1)
    def releases(self) -> None:
        self.get("/releases/?scope=service", name="releases")

    @task(10)
    def child_pages(self) -> None:
        if not self.children:
            return
        child = random.choice(self.children)
        for section, name in (
            ("", "child summary"),
            ("plan/", "plan"),
            (random.choice(["voice/", "network/", "notes/", "release/", "5cs/"]), "child page"),
        ):
            self.get(f"/children/{child}/{section}", name=name)

    @task(2)
    def add_note(self) -> None:
        if not self.children:
            return
        url = f"/children/{random.choice(self.children)}/notes/"
        form = self.get(url, name="notes")
        data = _hidden(form.text) | {"text": "Phoned to check in (load test, synthetic)."}
        with self.client.post(
            url, data=data, name="add a note", catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 302:
                response.failure(f"note not saved ({response.status_code})")

    @task(1)
    def add_action(self) -> None:
        if not self.children:
            return
        url = f"/children/{random.choice(self.children)}/plan/actions/add/"
        form = self.get(url, name="add an action (form)")
        if form.status_code != 200:
            return
        html = form.text
        data = _hidden(html) | {
            "description": "Go to the taster day at college (load test, synthetic)",
        }
        kind = re.search(FIRST_VALUE.format("kind"), html)
        if kind:
            data["kind"] = kind.group(1)
        for field in ("pathway", "status", "owner_person"):  # the first real choice of each
            found = re.search(FIRST_OPTION.format(field), html, re.S)
            if found:
                data[field] = found.group(1)
        with self.client.post(
            url, data=data, name="add an action", catch_response=True, allow_redirects=False
        ) as response:
            if response.status_code != 302:
                response.failure(f"action not saved ({response.status_code})")
