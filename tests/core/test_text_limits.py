"""Every free-text field has a maximum length, and a text area states it on the form."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

import resettle
from resettle.core.forms import LONG_TEXT
from resettle.network.models import Person


def _all_forms() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(resettle.__path__, "resettle."):
        last = module.name.rsplit(".", 1)[-1]
        if "forms" in last or last.startswith("views"):
            importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)

    return sorted(
        {c for c in below(forms.BaseForm) if c.__module__.startswith("resettle.")},
        key=lambda c: f"{c.__module__}.{c.__name__}",
    )


def test_the_forms_are_found():
    names = {c.__name__ for c in _all_forms()}
    assert {"ActionForm", "PersonForm", "ChildForm", "SignInForm"} <= names


def test_every_free_text_field_has_a_maximum_length():
    unlimited = []
    for form in _all_forms():
        for name, field in getattr(form, "base_fields", {}).items():
            textual = isinstance(field, forms.CharField) and not isinstance(
                field, forms.UUIDField | forms.ChoiceField
            )
            shown = not isinstance(field.widget, forms.HiddenInput)
            if textual and shown and field.max_length is None:
                unlimited.append(f"{form.__module__}.{form.__name__}.{name}")
    assert not unlimited, "Give these fields a max_length (core.forms): " + ", ".join(unlimited)


@pytest.mark.django_db
def test_a_text_area_states_its_limit_and_too_much_is_refused_with_nothing_saved(
    client_for, amara, camden_child
):
    client = client_for(amara)
    url = reverse("network:person-add", args=[camden_child.public_id])
    page = client.get(url).content.decode()
    assert f"You can enter up to {LONG_TEXT:,} characters" in page
    assert 'data-module="govuk-character-count"' in page

    response = client.post(url, {"name": "Aunt Grace", "notes": "x" * (LONG_TEXT + 1)})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert not Person.objects.for_child(camden_child).filter(name="Aunt Grace").exists()
