"""The establishment's workspace: children placed here now apart from those shared for another
reason, arrivals and releases with readiness, and our week; lists pinned to a fixed number of
queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.access.models import Share
from resettle.core.dates import today

from ..factories import ChildFactory
from .conftest import place, share_for

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("estate:workspace")
SHARED = reverse("estate:shared")
MOVEMENTS = reverse("estate:movements")
WEEK = reverse("estate:week")


def names_in(html: str, table: str) -> list[str]:
    """The children's names in the first column of the table with this id."""
    body = re.search(rf'<table[^>]*id="{table}".*?</table>', html, flags=re.S)
    assert body, f"no table {table}"
    return re.findall(r'<td class="govuk-table__cell"><a class="govuk-link"[^>]*>([^<]+)<', body[0])


def test_chloe_sees_jay_placed_here_and_kemi_shared_for_another_reason_separately(
    client_for, chloe, jay_at_feltham, kemi_shared_for_planning, never_shared, camden, feltham
):
    # A child with no legal status recorded yet is not placed anywhere: shared for a reason.
    share_for(ChildFactory(preferred_name="Noor", owning_service=camden), feltham, purpose="Visit")
    client = client_for(chloe)
    placed = client.get(WORKSPACE).content.decode()
    assert names_in(placed, "placed") == ["Jay"]
    assert "Kemi" not in placed
    shared = client.get(SHARED).content.decode()
    assert names_in(shared, "shared") == ["Kemi", "Noor"]
    assert "Preparing for a possible remand" in shared
    for html in (placed, shared):
        assert "Zara" not in html  # placed here, but never shared: not Feltham's to see


def test_a_child_who_left_shows_under_shared_with_the_day_they_left(
    client_for, chloe, camden_child, feltham, amara
):
    episode = place(camden_child, feltham, days_ago=100, release_in=None)
    share = share_for(camden_child, feltham, episode=episode)
    place(camden_child, None, days_ago=3, release_in=None, status="released_licence")
    Share.objects.for_child(camden_child).filter(pk=share.pk).update(
        placement_left_on=today() - timedelta(days=3)
    )
    client = client_for(chloe)
    assert "Jay" not in client.get(WORKSPACE).content.decode()
    shared = client.get(SHARED).content.decode()
    assert names_in(shared, "shared") == ["Jay"]
    assert "Left here on" in shared


def test_the_placed_list_filters_by_legal_status(client_for, chloe, jay_at_feltham, feltham):
    remanded = ChildFactory(preferred_name="Remi", owning_service=jay_at_feltham.owning_service)
    share_for(remanded, feltham, episode=place(remanded, feltham, status="remand_yda"))
    client = client_for(chloe)
    assert names_in(client.get(WORKSPACE + "?status=remand").content.decode(), "placed") == ["Remi"]
    assert names_in(client.get(WORKSPACE + "?status=nonsense").content.decode(), "placed") == [
        "Jay",
        "Remi",
    ]
    empty = client.get(WORKSPACE + "?status=recall").content.decode()
    assert "No children placed here now have that legal status" in empty


def test_arrivals_and_releases_with_their_readiness(client_for, chloe, jay_at_feltham, feltham):
    newcomer = ChildFactory(preferred_name="Nia", owning_service=jay_at_feltham.owning_service)
    share_for(newcomer, feltham, episode=place(newcomer, feltham, days_ago=2, release_in=200))
    html = client_for(chloe).get(MOVEMENTS).content.decode()
    assert names_in(html, "arrivals") == ["Nia"]  # Jay came 30 days ago: not an arrival
    releases = re.search(r'<table[^>]*id="releases".*?</table>', html, flags=re.S)[0]
    assert "Jay" in releases and "Nia" not in releases
    assert "Red" in releases or "Amber" in releases  # readiness, in words as well as colour
    assert "Accommodation confirmed" in releases


def test_a_remand_then_a_sentence_here_is_not_a_second_arrival(
    client_for, chloe, camden_child, feltham
):
    place(camden_child, feltham, days_ago=20, release_in=None, status="remand_yda")
    sentence = place(camden_child, feltham, days_ago=5, release_in=100)
    share_for(camden_child, feltham, episode=sentence)
    html = client_for(chloe).get(MOVEMENTS).content.decode()
    assert names_in(html, "arrivals") == ["Jay"]
    assert html.count(f'href="/children/{camden_child.public_id}/"') == 1


def test_our_week_has_the_review_and_the_action_camden_expects_of_feltham(
    client_for, chloe, jay_at_feltham
):
    html = client_for(chloe).get(WEEK).content.decode()
    touchpoints = re.search(r'<table[^>]*id="touchpoints".*?</table>', html, flags=re.S)[0]
    assert "Review meeting" in touchpoints
    for table in ("actions", "expected"):
        rows = re.search(rf'<table[^>]*id="{table}".*?</table>', html, flags=re.S)[0]
        assert "Arrange family visits while in custody" in rows
        assert "Camden Youth Justice Service" in rows  # who asked


def test_the_workspace_is_the_establishments_own(client_for, amara, sam, dev, jay_at_feltham):
    for person in (amara, sam, dev):
        assert client_for(person).get(WORKSPACE).status_code == 403


def test_the_establishment_is_in_the_site_navigation_for_chloe_only(client_for, chloe, amara):
    assert (
        f'href="{WORKSPACE}"' in client_for(chloe).get(reverse("knowledge:index")).content.decode()
    )
    assert (
        f'href="{WORKSPACE}"'
        not in client_for(amara).get(reverse("knowledge:index")).content.decode()
    )


def test_empty_lists_say_what_to_do(client_for, chloe):
    client = client_for(chloe)
    assert (
        "No children shared with you are placed here now" in client.get(WORKSPACE).content.decode()
    )
    assert "No arrivals in these weeks" in client.get(MOVEMENTS).content.decode()
    assert (
        "No open action in the plans names the establishment" in client.get(WEEK).content.decode()
    )


def _more_children(feltham, camden, count):
    for n in range(count):
        child = ChildFactory(preferred_name=f"Extra{n}", owning_service=camden)
        episode = place(child, feltham, days_ago=n + 1, release_in=10 + n)
        share_for(child, feltham, episode=episode)
        share_for(ChildFactory(preferred_name=f"Other{n}", owning_service=camden), feltham)


# Session and user; the list (and its count, for the pagination); the header's organisation.
# Where the list reads the kept current statuses (children/current.py), those due to be worked out
# again first (none here): once for the children placed here, and once more for their releases.
# Arrivals and releases: the arrivals and the statuses before them, the releases and their plans B.
# Our week: touchpoints; the establishment's people, then the first ids of every action expected
# of us from the kept open actions (those due this week come first, so one list serves both), and
# those actions.
QUERIES = {WORKSPACE: 6, SHARED: 6, MOVEMENTS: 9, WEEK: 8}


@pytest.mark.parametrize("url", [WORKSPACE, SHARED, MOVEMENTS, WEEK])
def test_the_workspace_pages_make_a_fixed_number_of_queries(
    url,
    client_for,
    chloe,
    jay_at_feltham,
    kemi_shared_for_planning,
    feltham,
    camden,
    django_assert_num_queries,
):
    client = client_for(chloe)
    client.get(url)
    _more_children(feltham, camden, 6)
    with django_assert_num_queries(QUERIES[url]):
        assert client.get(url).status_code == 200
