"""Logs an operator can use: JSON lines, each with its request's id; security events as their own
records; and never a child's name, over a run through the demo's pages."""

from __future__ import annotations

import json
import logging
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from resettle.accounts import services
from resettle.audit.actors import WEB, Actor
from resettle.children.models import Child
from resettle.core.logs import JsonFormatter, RequestIdFilter

from ..accounts.mfa_helpers import give_authenticator
from ..test_access_matrix import MATRIX

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")


class Captured:
    """Log lines written, as JSON, by a handler like the service's own (INFO and above)."""

    def __init__(self) -> None:
        self.stream = StringIO()
        self.handler = logging.StreamHandler(self.stream)
        self.handler.setFormatter(JsonFormatter())
        self.handler.addFilter(RequestIdFilter())
        self.handler.setLevel(logging.INFO)

    @property
    def text(self) -> str:
        return self.stream.getvalue()

    @property
    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.text.splitlines()]

    def events(self) -> list[str]:
        return [line["event"] for line in self.lines if "event" in line]


@pytest.fixture
def logs():
    captured = Captured()
    root = logging.getLogger()
    root.addHandler(captured.handler)
    try:
        yield captured
    finally:
        root.removeHandler(captured.handler)


def test_the_service_logs_json_with_request_ids():
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "json"
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["request_id"]
    assert settings.MIDDLEWARE[0] == "resettle.core.middleware.RequestIdMiddleware"


def test_every_line_a_request_causes_carries_its_id(client_for, amara, logs):
    response = client_for(amara).get(reverse("audit:search"))  # refused: a security event too
    assert response.status_code == 403
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = logs.lines
    assert {line["event"] for line in lines if "event" in line} == {"access.refused"}
    assert len(lines) >= 3  # the refusal, Django's warning, the request line
    assert {line["request_id"] for line in lines} == {request_id}
    request_line = next(line for line in lines if line["logger"] == "resettle.requests")
    assert request_line["path"] == reverse("audit:search")
    assert (request_line["method"], request_line["status"]) == ("GET", 403)
    assert request_line["user_id"] == amara.pk
    assert 0 <= request_line["cpu_ms"] <= request_line["duration_ms"] + 1  # rounded apart


def test_two_requests_have_two_ids_and_lines_outside_requests_have_none(client, logs):
    first = client.get(reverse("core:healthz"))["X-Request-ID"]
    second = client.get(reverse("core:healthz"))["X-Request-ID"]
    assert first != second
    logging.getLogger("resettle.test").warning("outside a request")
    assert [line["request_id"] for line in logs.lines] == [first, second, "-"]


def test_a_request_id_from_the_proxy_is_kept_and_a_strange_one_replaced(client, logs):
    sent = "edge-3f2a9c1e-0001"
    assert client.get(reverse("core:healthz"), HTTP_X_REQUEST_ID=sent)["X-Request-ID"] == sent
    strange = client.get(reverse("core:healthz"), HTTP_X_REQUEST_ID='<script>"')
    assert re.fullmatch(r"[0-9a-f]{32}", strange["X-Request-ID"])
    assert '<script>"' not in logs.text


def test_only_named_fields_reach_the_line(logs):
    logging.getLogger("resettle.test").info(
        "something", extra={"event": "x.y", "child": "Jayden Testperson", "status": 200}
    )
    [line] = logs.lines
    assert line["event"] == "x.y" and line["status"] == 200
    assert "Jayden" not in logs.text


def test_security_events_are_their_own_log_records(client, amara, alex, logs):
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(SIGN_IN, {"username": amara.email, "password": f"wrong {n}"})
    give_authenticator(amara)
    services.reset_two_factor(Actor(alex, via=WEB), amara)
    Client().post(reverse("accounts:password-reset"), {"email": amara.email})
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    other = Client()
    other.get("/" + link.split("://", 1)[1].split("/", 1)[1])
    new = "lantern meadow quartz violin"
    other.post(reverse("accounts:password-choose"), {"new_password1": new, "new_password2": new})
    events = logs.events()
    assert events.count("sign_in.failed") == settings.AXES_FAILURE_LIMIT
    for event in [
        "sign_in.locked_out",
        "user.mfa_changed",
        "user.mfa_reset",
        "password_reset.requested",
        "user.password_reset_requested",
        "password_link.used",
        "user.password_reset",
    ]:
        assert event in events, event
    assert amara.email not in logs.text
    reset = next(line for line in logs.lines if line.get("event") == "user.mfa_reset")
    assert (reset["user_id"], reset["via"]) == (alex.pk, "web")


# ---- A run over the demo's pages -----------------------------------------------------------------


CHILD_PAGES = sorted(name for name, rule in MATRIX.items() if rule.child_url and rule.build is None)


def test_a_run_over_the_demo_pages_logs_no_childs_name(logs):
    call_command("load_demo_data", "--children", "6", stdout=StringIO())
    children = list(Child.objects.all())
    names = {
        part
        for child in children
        for part in [child.preferred_name, *child.legal_name.split()]
        if len(part) > 2
    }
    shown = set()
    for email in ["caseworker@camden.example", "manager@camden.example", "admin@resettle.example"]:
        client = Client(raise_request_exception=False)
        assert (
            client.post(SIGN_IN, {"username": email, "password": "resettle-demo"}).status_code
            == 302
        )
        for child in children:
            client.post(reverse("children:caseload"), {"q": child.preferred_name})
            client.get(reverse("children:caseload"))
            for name in CHILD_PAGES:
                response = client.get(reverse(name, args=[child.public_id]))
                if response.status_code == 200:
                    page = response.content.decode(errors="replace")
                    shown |= {n for n in names if n in page}
        client.get(reverse("audit:search") + f"?email={children[0].legal_name}")
        client.get("/no-such-page/")
    # Failed sign-ins with a child's name typed as the address or password.
    Client().post(SIGN_IN, {"username": f"{children[0].preferred_name}@x.test", "password": "x"})
    Client().post(SIGN_IN, {"username": "a@x.test", "password": children[0].legal_name})

    assert shown, "the pages showed the children's names, so the check means something"
    assert len(logs.lines) > 50
    found = sorted(name for name in names if re.search(rf"\b{re.escape(name)}\b", logs.text))
    assert not found, f"children's names in the logs: {found}"
