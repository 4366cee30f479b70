"""A whole service's caseload is read as parts that never share a child (the service's own, and
those shared with it that it does not own), each in the page's order from its own index, then
joined (access.policy.scope_parts, web/caseload.py). The joined pages must be exactly what one
sorted query of every visible child would give: same children, same order, same count, across
pages and sorts, with restricted children hidden in both parts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from resettle.access.models import Restriction
from resettle.children.forms import CaseloadFilterForm
from resettle.children.models import Child

from ..factories import ChildFactory, share

pytestmark = pytest.mark.django_db

CASELOAD = reverse("children:caseload")


@pytest.fixture
def mixed(camden, hackney, priya, amara):
    """Camden's own children and Hackney's children shared with Camden, with names and birth
    dates that interleave, one of each restricted to someone else, and one shared child that has
    been shared twice (it must still be listed once)."""
    own = [
        ChildFactory(
            owning_service=camden,
            lead_practitioner=amara,
            preferred_name=f"Name {n:02d}",
            date_of_birth=date(2010, 1, 1) + timedelta(days=17 * n),
        )
        for n in range(0, 24, 2)
    ]
    shared = [
        ChildFactory(
            owning_service=hackney,
            preferred_name=f"Name {n:02d}",
            date_of_birth=date(2010, 1, 1) + timedelta(days=17 * n),
        )
        for n in range(1, 24, 2)
    ]
    for child in shared:
        share(child, camden)
    share(shared[0], camden, days=90)  # a second active share of the same child
    for hidden in (own[3], shared[3]):
        Restriction.objects.create(child=hidden, reason="Related to a member of staff")
    return own, shared


def listed(client, **params):
    response = client.get(CASELOAD, {"scope": "service", **params})
    assert response.status_code == 200
    return response, [c.preferred_name for c in response.context["page"].object_list]


@override_settings(CASELOAD_PAGE_SIZE=5)
@pytest.mark.parametrize("sort", list(CaseloadFilterForm.SORTS))
def test_the_parts_page_together_as_one_sorted_list_would(client_for, priya, mixed, sort):
    client = client_for(priya)
    ordering = CaseloadFilterForm.SORTS[sort]
    expected = [c.preferred_name for c in Child.objects.visible_to(priya).order_by(*ordering)]
    assert len(expected) == 22  # 12 own + 12 shared - 2 restricted
    assert "Name 06" not in expected and "Name 07" not in expected
    seen = []
    for number in range(1, 6):
        response, names = listed(client, sort=sort, page=number)
        assert response.context["page"].paginator.count == 22
        seen += names
    assert seen == expected


def test_filters_apply_to_both_parts(client_for, priya, mixed):
    own, shared = mixed
    chosen = [own[0], own[1], shared[0], shared[2], own[3]]  # own[3] is restricted: hidden
    Child.objects.filter(pk__in=[c.pk for c in chosen]).update(care_status="looked_after")
    client = client_for(priya)
    _response, names = listed(client, care_status="looked_after")
    assert names == ["Name 00", "Name 01", "Name 02", "Name 05"]
    _response, names = listed(client, care_status="looked_after", sort="-name")
    assert names == ["Name 05", "Name 02", "Name 01", "Name 00"]
