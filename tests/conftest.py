"""Shared fixtures: the organisations from the data migration and a cast of named people.

Amara is a Camden case worker, Priya her manager, Ben a Hackney case worker, Chloe a resettlement
practitioner at HMYOI Feltham, Sam a partner social worker, Dev the partnership lead and Alex an
administrator.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from resettle.accounts.models import Organisation, Role

from .factories import ChildFactory, UserFactory, share

PASSWORD = "correct horse battery staple"


def pytest_collection_modifyitems(config, items):
    # Browser tests use a transactional database that is emptied afterwards; run them last.
    items.sort(key=lambda item: "browser" in item.keywords)


def _org(slug: str, name: str, kind: str, subtype: str = "") -> Organisation:
    # The data migration loads these; get_or_create keeps the fixture safe after a flush.
    org, _ = Organisation.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": kind, "subtype": subtype}
    )
    return org


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: what one test left there (the newest "what's new"
    note, kept figures) must not change another's answers or its pinned query counts."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def kept_ratings_stay_true(request):
    """After every test that used the database (in a transaction): each 5Cs rating kept for a list
    (quality/kept.py) equals one worked out afresh. So any way of changing a child's record that
    does not mark the kept rating out of date fails whichever test takes it."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    uses_db = (
        not transactional
        and (marker is not None or "db" in request.fixturenames)
        and "transactional_db" not in request.fixturenames
        and "live_server" not in request.fixturenames
    )
    if uses_db:
        request.getfixturevalue("db")  # so this check runs before the test's rollback
    yield
    if not uses_db:
        return
    from django.db import DatabaseError, transaction

    from resettle.children.models import Child
    from resettle.core.dates import today
    from resettle.quality.kept import encode, encode_findings
    from resettle.quality.models import KeptRating
    from resettle.quality.queries import five_cs_for

    def statuses_stay_true() -> None:
        """Each child's current legal status kept for lists (children/current.py) equals one
        worked out afresh, and every child with a legal status has one."""
        from django.db.models import Q

        from resettle.children.current import FIELDS, work_out
        from resettle.children.models import CurrentStatus, LegalStatusEpisode

        on = today()
        with transaction.atomic():
            holding = {
                row.child_id: row
                for row in CurrentStatus.across_children.filter(worked_out_on__lte=on).filter(
                    Q(changes_on__isnull=True) | Q(changes_on__gt=on)
                )
            }
            fresh = work_out(holding, on)
            with_status = set(LegalStatusEpisode.across_children.values_list("child_id", flat=True))
            kept_for = set(CurrentStatus.across_children.values_list("child_id", flat=True))

        def facts(row):
            return [
                getattr(row, f"{name}_id" if name in ("episode", "establishment") else name)
                for name in FIELDS
            ] + [row.changes_on]

        wrong = {
            i: (facts(holding[i]), facts(fresh[i]))
            for i in holding
            if facts(holding[i]) != facts(fresh[i])
        }
        assert not wrong, f"Kept current statuses out of date (child id: (kept, fresh)): {wrong}"
        missing = with_status - kept_for
        assert not missing, f"Children with a legal status but none kept: {sorted(missing)[:20]}"

    def open_actions_stay_true() -> None:
        """The open actions and touchpoints kept for lists (plans/open_actions.py,
        journey/open_touchpoints.py) are exactly those worked out afresh: a row for each open one,
        with its child, service, due date (and an action's owners)."""
        from resettle.plans.models import OpenAction, PlanAction
        from resettle.plans.open_actions import FIELDS, work_out

        with transaction.atomic():
            fresh = work_out(PlanAction.across_children.all())
            kept = {row.action_id: row for row in OpenAction.across_children.all()}

        def facts(row):
            if row is None:
                return None
            return [getattr(row, name if name == "due_on" else f"{name}_id") for name in FIELDS]

        wrong = {
            i: (facts(kept.get(i)), facts(fresh.get(i)))
            for i in kept.keys() | fresh.keys()
            if facts(kept.get(i)) != facts(fresh.get(i))
        }
        assert not wrong, f"Kept open actions out of date (action id: (kept, fresh)): {wrong}"
        from resettle.journey.models import OpenTouchpoint, Touchpoint
        from resettle.journey.open_touchpoints import FIELDS as TOUCHPOINT_FIELDS
        from resettle.journey.open_touchpoints import work_out as work_out_touchpoints

        with transaction.atomic():
            fresh = work_out_touchpoints(Touchpoint.across_children.all())
            kept = {row.touchpoint_id: row for row in OpenTouchpoint.across_children.all()}

        def touchpoint_facts(row):
            if row is None:
                return None
            return [
                getattr(row, name if name == "due_on" else f"{name}_id")
                for name in TOUCHPOINT_FIELDS
            ]

        wrong = {
            i: (touchpoint_facts(kept.get(i)), touchpoint_facts(fresh.get(i)))
            for i in kept.keys() | fresh.keys()
            if touchpoint_facts(kept.get(i)) != touchpoint_facts(fresh.get(i))
        }
        assert not wrong, f"Kept open touchpoints out of date (id: (kept, fresh)): {wrong}"

    try:
        with transaction.atomic():
            kept = dict(
                KeptRating.across_children.filter(rated_on=today())
                .exclude(statuses="")
                .values_list("child_id", "statuses")
            )
            children = list(Child.objects.filter(id__in=kept).for_caseload())
            fresh = five_cs_for(children, None, light=True)
            # The plan page's summaries kept beside them, against the full check.
            summaries = dict(
                KeptRating.across_children.filter(rated_on=today(), findings__isnull=False)
                .exclude(statuses="")
                .values_list("child_id", "findings")
            )
            full = five_cs_for([c for c in children if c.id in summaries], None)
    except DatabaseError:  # the test left its transaction broken on purpose: nothing to read
        return
    wrong = {i: (kept[i], encode(fresh[i])) for i in fresh if kept[i] != encode(fresh[i])}
    assert not wrong, f"Kept 5Cs ratings out of date (child id: (kept, fresh)): {wrong}"
    statuses_stay_true()
    open_actions_stay_true()
    wrong = {
        i: (summaries[i], encode_findings(full[i]))
        for i in full
        if summaries[i] != encode_findings(full[i])
    }
    assert not wrong, f"Kept 5Cs summaries out of date (child id: (kept, fresh)): {wrong}"


@pytest.fixture
def camden(db) -> Organisation:
    return _org("camden", "Camden Youth Justice Service", "yjs")


@pytest.fixture
def hackney(db) -> Organisation:
    return _org("hackney", "Hackney Youth Justice Service", "yjs")


@pytest.fixture
def feltham(db) -> Organisation:
    return _org("feltham", "HMYOI Feltham", "secure", "yoi")


@pytest.fixture
def partnership(db) -> Organisation:
    return _org("london-resettlement-partnership", "London Resettlement Partnership", "partnership")


@pytest.fixture
def camden_social_care(db) -> Organisation:
    return _org(
        "camden-childrens-social-care", "Camden Children's Social Care", "partner", "social_care"
    )


@pytest.fixture
def amara(camden):
    return UserFactory(
        email="amara@camden.test",
        full_name="Amara Okafor",
        organisation=camden,
        role=Role.CASE_WORKER,
    )


@pytest.fixture
def priya(camden):
    return UserFactory(
        email="priya@camden.test",
        full_name="Priya Shah",
        organisation=camden,
        role=Role.YJS_MANAGER,
    )


@pytest.fixture
def ben(hackney):
    return UserFactory(
        email="ben@hackney.test",
        full_name="Ben Carter",
        organisation=hackney,
        role=Role.CASE_WORKER,
    )


@pytest.fixture
def chloe(feltham):
    return UserFactory(
        email="chloe@feltham.test",
        full_name="Chloe Williams",
        organisation=feltham,
        role=Role.SECURE_PRACTITIONER,
    )


@pytest.fixture
def sam(camden_social_care):
    return UserFactory(
        email="sam@socialcare.test",
        full_name="Sam Mensah",
        organisation=camden_social_care,
        role=Role.PARTNER_PRACTITIONER,
    )


@pytest.fixture
def dev(partnership):
    return UserFactory(
        email="dev@partnership.test",
        full_name="Dev Patel",
        organisation=partnership,
        role=Role.PARTNERSHIP_LEAD,
    )


@pytest.fixture
def alex(partnership):
    return UserFactory(
        email="alex@resettle.test",
        full_name="Alex Morgan",
        organisation=partnership,
        role=Role.ADMINISTRATOR,
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def camden_child(camden, amara):
    return ChildFactory(
        preferred_name="Jay",
        legal_name="Jayden Testperson",
        owning_service=camden,
        lead_practitioner=amara,
        local_reference="CAM-00001",
    )


@pytest.fixture
def hackney_child(hackney, ben):
    return ChildFactory(
        preferred_name="Kemi",
        legal_name="Oluwakemi Testperson",
        owning_service=hackney,
        lead_practitioner=ben,
        local_reference="HAC-00001",
    )


@pytest.fixture
def shared_jay(camden_child, feltham, camden_social_care, amara):
    """Jay (Camden), shared with HMYOI Feltham and with Camden children's social care."""
    share(camden_child, feltham, amara)
    share(camden_child, camden_social_care, amara)
    return camden_child


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():
    return signed_in
