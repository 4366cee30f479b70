"""Choosing records by id: an impossible id is "not one of the choices", never a server error."""

from __future__ import annotations

import pytest

from resettle.accounts.models import Organisation
from resettle.core.forms import ModelChoiceField, ModelMultipleChoiceField

pytestmark = pytest.mark.django_db

IMPOSSIBLE = ["99999999999999999999", "-1", str(2**63)]


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_one_impossible_id_is_not_a_choice(value, camden):
    field = ModelChoiceField(queryset=Organisation.objects.all())
    with pytest.raises(Exception) as refused:
        field.clean(value)
    assert refused.value.code == "invalid_choice"


@pytest.mark.parametrize("value", IMPOSSIBLE)
def test_an_impossible_id_among_good_ones_is_not_a_choice(value, camden):
    field = ModelMultipleChoiceField(queryset=Organisation.objects.all())
    with pytest.raises(Exception) as refused:
        field.clean([str(camden.pk), value])
    assert refused.value.code == "invalid_choice"


def test_good_ids_are_still_chosen(camden, hackney):
    assert ModelChoiceField(queryset=Organisation.objects.all()).clean(str(camden.pk)) == camden
    chosen = ModelMultipleChoiceField(queryset=Organisation.objects.all()).clean(
        [str(camden.pk), str(hackney.pk)]
    )
    assert set(chosen) == {camden, hackney}
