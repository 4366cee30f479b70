"""Lists show the light 5Cs rating: the same statuses as the full check, without the reasons and
links only the child's 5Cs page shows (issue 16: the caseload spent most of its time on them)."""

import pytest
from django.core.management import call_command

from resettle.accounts.models import User
from resettle.children.models import Child
from resettle.quality.kept import attach_five_cs
from resettle.quality.queries import five_cs_for

pytestmark = pytest.mark.django_db


def test_the_light_rating_matches_the_full_check_for_every_demo_child():
    call_command("load_demo_data", "--children", "60", verbosity=0)
    amara = User.objects.get(email="caseworker@camden.example")
    children = list(Child.objects.visible_to(amara).for_caseload())
    assert len(children) > 10
    full = five_cs_for(children, amara)
    light = five_cs_for(children, amara, light=True)
    for child in children:
        assert light[child.id].met_count == full[child.id].met_count
        assert [c.name for c in light[child.id].not_met] == [c.name for c in full[child.id].not_met]
        for a, b in zip(light[child.id].cs, full[child.id].cs, strict=True):
            assert a.status == b.status
            assert [i.status for i in a.indicators] == [i.status for i in b.indicators]
            assert all(i.reason == "" and i.fix_url is None for i in a.indicators)
    # Some children are not met on something, so the comparison is not of empty checks.
    assert any(full[c.id].not_met for c in children)
    assert any(i.fix_url for c in children for x in full[c.id].cs for i in x.indicators)
    listed = attach_five_cs(children[:5], amara)
    assert all(child.five_cs.met_count == full[child.id].met_count for child in listed)
