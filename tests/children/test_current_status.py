"""Each child's current legal status, kept for lists (children/current.py): worked out again on
every change to their episodes, a status recorded ahead taking over on its day, and gone with the
child. (tests/conftest.py also checks, after every database test, that each kept status equals one
worked out afresh and that every child with a legal status has one.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from resettle.children import current
from resettle.children.models import CurrentStatus, LegalStatusEpisode
from resettle.core.dates import today
from resettle.release.queries import releasing

from ..factories import ChildFactory

pytestmark = pytest.mark.django_db


def kept(child) -> CurrentStatus:
    return CurrentStatus.across_children.get(child_id=child.pk)


def episode(child, status, days_ago, release_in=None, establishment=None):
    return LegalStatusEpisode.objects.create(
        child=child,
        status=status,
        starts_on=today() - timedelta(days=days_ago),
        expected_release_on=today() + timedelta(days=release_in) if release_in else None,
        establishment=establishment,
    )


def test_each_change_to_the_episodes_works_the_status_out_again(camden, feltham):
    child = ChildFactory(owning_service=camden)
    assert not CurrentStatus.across_children.filter(child_id=child.pk).exists()
    remand = episode(child, "remand_yda", 30, establishment=feltham)
    assert (kept(child).status, kept(child).establishment_id) == ("remand_yda", feltham.pk)
    sentence = episode(child, "sentenced_custody", 5, release_in=40, establishment=feltham)
    assert kept(child).episode_id == sentence.pk
    assert kept(child).expected_release_on == today() + timedelta(days=40)
    sentence.expected_release_on = today() + timedelta(days=20)
    sentence.save()
    assert kept(child).expected_release_on == today() + timedelta(days=20)
    sentence.delete()
    assert kept(child).episode_id == remand.pk and kept(child).expected_release_on is None
    remand.delete()
    assert kept(child).status == "" and kept(child).episode_id is None


def test_the_same_start_date_is_settled_by_the_later_record(camden):
    child = ChildFactory(owning_service=camden)
    episode(child, "remand_yda", 3)
    later = episode(child, "community_order", 3)
    assert kept(child).episode_id == later.pk
    assert child.current_legal_status().pk == later.pk  # as the child's own page works it out


def test_a_status_recorded_ahead_takes_over_on_its_day(camden, feltham):
    child = ChildFactory(owning_service=camden)
    episode(child, "sentenced_custody", 100, release_in=3, establishment=feltham)
    ahead = episode(child, "released_licence", -3)  # starts in three days
    assert kept(child).status == "sentenced_custody"
    assert kept(child).changes_on == ahead.starts_on
    assert child.pk in set(releasing(today()).values_list("child_id", flat=True))
    # On its day, the lists work it out again before reading: no longer releasing.
    on = ahead.starts_on
    assert child.pk not in set(releasing(on).values_list("child_id", flat=True))
    assert kept(child).status == "released_licence" and kept(child).worked_out_on == on
    assert kept(child).changes_on is None
    # Read again for today (a day before what was kept): worked out for today again.
    assert child.pk in set(releasing(today()).values_list("child_id", flat=True))
    assert kept(child).status == "sentenced_custody"


def test_nothing_is_worked_out_when_nothing_is_due(camden, django_assert_num_queries):
    child = ChildFactory(owning_service=camden)
    episode(child, "community_order", 10)
    with django_assert_num_queries(1):  # the rows due: none
        current.refresh_due()


def test_a_deleted_child_leaves_nothing(camden, feltham):
    child = ChildFactory(owning_service=camden)
    episode(child, "remand_yda", 3, establishment=feltham)
    child_id = child.pk
    child.delete()
    assert not CurrentStatus.across_children.filter(child_id=child_id).exists()


def test_the_release_list_and_the_establishment_follow_a_change(
    client_for, priya, chloe, camden, feltham
):
    from resettle.access.models import Share

    child = ChildFactory(owning_service=camden, preferred_name="Zed")
    placed = episode(child, "sentenced_custody", 20, release_in=30, establishment=feltham)
    Share.objects.create(
        child=child, organisation=feltham, purpose="Placement", ends_on=today() + timedelta(days=90)
    )
    releases = client_for(priya).get(reverse("release:upcoming"), {"scope": "service"})
    assert "Zed" in [c.preferred_name for c in releases.context["children"]]
    here = client_for(chloe).get(reverse("estate:workspace"))
    assert "Zed" in here.content.decode()
    placed.expected_release_on = today() + timedelta(days=200)  # beyond the 12 weeks
    placed.save()
    releases = client_for(priya).get(reverse("release:upcoming"), {"scope": "service"})
    assert "Zed" not in [c.preferred_name for c in releases.context["children"]]
    episode(child, "released_licence", 0)  # released today: no longer placed there
    assert "Zed" not in client_for(chloe).get(reverse("estate:workspace")).content.decode()
