"""Adding and changing a child through the form: messages, kept values, audit and history."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.children.models import Child
from resettle.core.dates import today, years_ago

ADD = reverse("children:add")

pytestmark = pytest.mark.django_db


def valid_data(**overrides) -> dict[str, str]:
    data = {
        "preferred_name": "Tayo",
        "legal_name": "Temitayo Testperson",
        "date_of_birth_day": "17",
        "date_of_birth_month": "5",
        "date_of_birth_year": "2010",
        "gender": "boy",
        "ethnicity": "black_african",
        "first_language": "Yoruba",
        "care_status": "looked_after",
        "communication_needs": "Prefers short meetings.",
        "lead_practitioner": "",
        "local_reference": "CAM-12345",
    }
    data.update(overrides)
    return data


def dob(day, month, year) -> dict[str, str]:
    return {
        "date_of_birth_day": str(day),
        "date_of_birth_month": str(month),
        "date_of_birth_year": str(year),
    }


def errors_for(response, field: str) -> list[str]:
    return [str(e) for e in response.context["form"].errors.get(field, [])]


# Adding


def test_camden_worker_adds_a_child_owned_by_camden(client_for, amara, camden):
    data = valid_data(lead_practitioner=str(amara.pk))
    response = client_for(amara).post(ADD, data)
    child = Child.objects.get(legal_name="Temitayo Testperson")
    assert response.status_code == 302
    assert response.url == reverse("children:detail", args=[child.public_id])
    assert child.owning_service == camden
    assert child.lead_practitioner == amara
    assert child.date_of_birth == date(2010, 5, 17)
    assert child.created_by == amara
    assert child.changed_by == amara
    assert child.care_status == "looked_after"


def test_adding_a_child_is_audited(client_for, amara):
    client_for(amara).post(ADD, valid_data())
    child = Child.objects.get()
    event = AuditEvent.objects.get(action="child.created")
    assert event.child_id == child.pk
    assert event.actor == amara
    assert event.organisation_id == amara.organisation_id


def test_added_child_page_confirms_with_a_success_banner(client_for, amara):
    response = client_for(amara).post(ADD, valid_data(), follow=True)
    content = response.content.decode()
    assert "Tayo has been added" in content
    assert "17 May 2010" in content


def test_names_are_tidied_of_extra_spaces(client_for, amara):
    client_for(amara).post(
        ADD, valid_data(preferred_name="  Tayo  ", legal_name="Temitayo   Testperson ")
    )
    child = Child.objects.get()
    assert child.preferred_name == "Tayo"
    assert child.legal_name == "Temitayo Testperson"


def test_hackney_worker_cannot_make_a_camden_worker_the_lead(client_for, ben, amara):
    response = client_for(ben).post(ADD, valid_data(lead_practitioner=str(amara.pk)))
    assert response.status_code == 200
    assert errors_for(response, "lead_practitioner")
    assert not Child.objects.exists()


@pytest.mark.parametrize("person", ["chloe", "sam", "dev", "alex"])
def test_people_outside_a_youth_justice_service_cannot_add_children(request, client_for, person):
    user = request.getfixturevalue(person)
    client = client_for(user)
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, valid_data()).status_code == 403
    assert not Child.objects.exists()


# Names


@pytest.mark.parametrize("blank", ["", "   ", "\t"])
def test_preferred_and_legal_names_are_required(client_for, amara, blank):
    response = client_for(amara).post(ADD, valid_data(preferred_name=blank, legal_name=blank))
    assert response.status_code == 200
    assert errors_for(response, "preferred_name") == ["Enter the child's preferred name"]
    assert errors_for(response, "legal_name") == ["Enter the child's legal name"]
    assert not Child.objects.exists()


# Date of birth


def test_missing_date_of_birth(client_for, amara):
    response = client_for(amara).post(ADD, valid_data(**dob("", "", "")))
    assert errors_for(response, "date_of_birth") == ["Enter date of birth"]


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "5", "2010"), "Date of birth must include a day"),
        (("17", "", "2010"), "Date of birth must include a month"),
        (("17", "5", ""), "Date of birth must include a year"),
        (("", "", "2010"), "Date of birth must include a day and a month"),
        (("17", "", ""), "Date of birth must include a month and a year"),
    ],
)
def test_date_of_birth_missing_a_part_says_which(client_for, amara, parts, message):
    response = client_for(amara).post(ADD, valid_data(**dob(*parts)))
    assert errors_for(response, "date_of_birth") == [message]


@pytest.mark.parametrize(
    "parts",
    [
        ("31", "2", "2010"),
        ("29", "2", "2011"),
        ("0", "5", "2010"),
        ("17", "13", "2010"),
        ("-1", "5", "2010"),
        ("seventeen", "5", "2010"),
        ("17", "May", "2010"),
        ("17", "5", "twenty ten"),
        ("1.5", "5", "2010"),
        ("17", "5", "99999"),
        ("99999999999999999999999", "5", "2010"),
    ],
)
def test_impossible_or_non_numeric_date_must_be_a_real_date(client_for, amara, parts):
    response = client_for(amara).post(ADD, valid_data(**dob(*parts)))
    assert response.status_code == 200
    assert errors_for(response, "date_of_birth") == ["Date of birth must be a real date"]


@pytest.mark.parametrize("year", ["10", "09", "210"])
def test_short_year_must_include_four_numbers(client_for, amara, year):
    response = client_for(amara).post(ADD, valid_data(**dob(17, 5, year)))
    assert errors_for(response, "date_of_birth") == ["Year must include 4 numbers"]


def test_date_of_birth_with_spaces_and_leading_zeros_is_accepted(client_for, amara):
    client_for(amara).post(ADD, valid_data(**dob(" 07 ", "05 ", " 2010")))
    assert Child.objects.get().date_of_birth == date(2010, 5, 7)


def test_date_of_birth_in_the_future(client_for, amara):
    tomorrow = today() + timedelta(days=1)
    response = client_for(amara).post(
        ADD, valid_data(**dob(tomorrow.day, tomorrow.month, tomorrow.year))
    )
    assert errors_for(response, "date_of_birth") == ["Date of birth must be in the past"]


def test_child_younger_than_ten(client_for, amara):
    nine = years_ago(10) + timedelta(days=1)
    response = client_for(amara).post(ADD, valid_data(**dob(nine.day, nine.month, nine.year)))
    assert errors_for(response, "date_of_birth") == [
        "The child must be at least 10 years old: check the date of birth"
    ]


def test_tenth_birthday_today_is_old_enough(client_for, amara):
    ten = years_ago(10)
    response = client_for(amara).post(ADD, valid_data(**dob(ten.day, ten.month, ten.year)))
    assert response.status_code == 302


def test_person_older_than_twenty_five(client_for, amara):
    twenty_six = years_ago(26)
    response = client_for(amara).post(
        ADD, valid_data(**dob(twenty_six.day, twenty_six.month, twenty_six.year))
    )
    assert errors_for(response, "date_of_birth") == [
        "Resettle is for people aged up to 25: check the date of birth"
    ]


def test_day_before_twenty_sixth_birthday_is_still_allowed(client_for, amara):
    last_day = years_ago(26) + timedelta(days=1)
    response = client_for(amara).post(
        ADD, valid_data(**dob(last_day.day, last_day.month, last_day.year))
    )
    assert response.status_code == 302


# What the page shows on error


def test_on_error_every_typed_value_is_shown_again(client_for, amara):
    data = valid_data(
        preferred_name="",
        legal_name="Temitayo Testperson",
        gender="non_binary",
        care_status="care_leaver",
        ethnicity="white_roma",
        first_language="Romani",
        communication_needs="Needs an interpreter",
        local_reference="CAM-77",
        lead_practitioner=str(amara.pk),
        **dob("31", "2", "2010"),
    )
    response = client_for(amara).post(ADD, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="legal_name" type="text" value="Temitayo Testperson"' in content
    assert 'name="date_of_birth_day" type="text" inputmode="numeric" value="31"' in content
    assert 'name="date_of_birth_month" type="text" inputmode="numeric" value="2"' in content
    assert 'name="date_of_birth_year" type="text" inputmode="numeric" value="2010"' in content
    assert 'name="gender" type="radio" value="non_binary" checked' in content
    assert 'name="gender" type="radio" value="boy" checked' not in content
    assert 'name="care_status" type="radio" value="care_leaver" checked' in content
    assert '<option value="white_roma" selected>' in content
    assert f'<option value="{amara.pk}" selected>' in content
    assert 'value="Romani"' in content
    assert "Needs an interpreter</textarea>" in content
    assert 'value="CAM-77"' in content


def test_typed_values_that_are_not_numbers_are_kept_in_the_date_boxes(client_for, amara):
    response = client_for(amara).post(ADD, valid_data(**dob("3rd", "March", "2010")))
    content = response.content.decode()
    assert 'id="date_of_birth_day" name="date_of_birth_day" type="text"' in content
    assert 'value="3rd"' in content
    assert 'value="March"' in content


def test_error_summary_links_to_each_field_with_a_problem(client_for, amara):
    data = valid_data(preferred_name="", legal_name="", gender="", care_status="", ethnicity="")
    data.update(dob("", "", ""))
    response = client_for(amara).post(ADD, data)
    content = response.content.decode()
    assert "There is a problem" in content
    assert "<title>Error: Add a child - Resettle</title>" in content
    for href, text in [
        ("#id_preferred_name", "Enter the child&#x27;s preferred name"),
        ("#id_legal_name", "Enter the child&#x27;s legal name"),
        ("#date_of_birth_day", "Enter date of birth"),
        ("#id_gender", "Select the child&#x27;s gender, or &#x27;Not known&#x27;"),
        ("#id_ethnicity", "Select the child&#x27;s ethnicity, or &#x27;Not stated&#x27;"),
        ("#id_care_status", "Select the child&#x27;s care status"),
    ]:
        assert f'<a href="{href}">{text}</a>' in content
    # Each link leads somewhere on the page.
    for target in ["id_preferred_name", "id_legal_name", "date_of_birth_day", "id_gender"]:
        assert f'id="{target}"' in content


def test_error_message_sits_beside_the_date_field(client_for, amara):
    response = client_for(amara).post(ADD, valid_data(**dob("31", "2", "2010")))
    content = response.content.decode()
    assert 'id="id_date_of_birth-error" class="govuk-error-message"' in content
    assert "govuk-form-group--error" in content
    assert "govuk-input--error" in content


# Changing


def edit_data(child, **overrides) -> dict[str, str]:
    data = valid_data(
        preferred_name=child.preferred_name,
        legal_name=child.legal_name,
        gender=child.gender,
        ethnicity=child.ethnicity,
        first_language=child.first_language,
        care_status=child.care_status,
        communication_needs=child.communication_needs,
        lead_practitioner=str(child.lead_practitioner_id or ""),
        local_reference=child.local_reference,
        **dob(child.date_of_birth.day, child.date_of_birth.month, child.date_of_birth.year),
    )
    data.update(overrides)
    return data


def test_edit_form_shows_the_child_as_they_are(client_for, amara, camden_child):
    response = client_for(amara).get(reverse("children:edit", args=[camden_child.public_id]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Change details for Jay" in content
    assert 'value="Jayden Testperson"' in content
    assert 'name="date_of_birth_day" type="text" inputmode="numeric" value="17"' in content
    assert 'name="date_of_birth_month" type="text" inputmode="numeric" value="5"' in content
    assert 'name="date_of_birth_year" type="text" inputmode="numeric" value="2010"' in content
    assert 'name="care_status" type="radio" value="neither" checked' in content


def test_opening_the_edit_form_is_audited_as_a_view(client_for, amara, camden_child):
    client_for(amara).get(reverse("children:edit", args=[camden_child.public_id]))
    event = AuditEvent.objects.get(action="child.viewed")
    assert event.child_id == camden_child.pk
    assert event.detail == {"section": "edit"}


def test_editing_a_child_saves_audits_the_changed_fields_and_records_history(
    client_for, amara, camden_child
):
    client = client_for(amara)
    url = reverse("children:edit", args=[camden_child.public_id])
    response = client.post(
        url, edit_data(camden_child, preferred_name="J", care_status="care_leaver")
    )
    assert response.status_code == 302
    assert response.url == reverse("children:detail", args=[camden_child.public_id])

    camden_child.refresh_from_db()
    assert camden_child.preferred_name == "J"
    assert camden_child.care_status == "care_leaver"
    assert camden_child.changed_by == amara

    event = AuditEvent.objects.get(action="child.changed")
    assert event.child_id == camden_child.pk
    assert event.actor == amara
    assert event.detail == {"fields": ["care_status", "preferred_name"]}

    history = client.get(reverse("children:history", args=[camden_child.public_id]))
    content = history.content.decode()
    assert history.status_code == 200
    assert "Amara Okafor" in content
    assert '<td class="govuk-table__cell">Care status, Preferred name</td>' in content
    assert "Record created" in content


def test_history_lists_only_the_childs_details_whoever_saves(
    client_for, amara, priya, camden_child
):
    url = reverse("children:edit", args=[camden_child.public_id])
    client_for(amara).post(url, edit_data(camden_child, first_language="French"))
    camden_child.refresh_from_db()
    client_for(priya).post(url, edit_data(camden_child, local_reference="CAM-2"))
    camden_child.refresh_from_db()
    client_for(priya).post(url, edit_data(camden_child))

    response = client_for(priya).get(reverse("children:history", args=[camden_child.public_id]))
    cells = re.findall(r'<td class="govuk-table__cell">([^<]*)</td>', response.content.decode())
    # Newest first: when, who, what changed.
    assert cells[1::3] == ["Priya Shah", "Priya Shah", "Amara Okafor", "System"]
    assert cells[2::3] == [
        "Saved with no changes",
        "Local reference",
        "First language",
        "Record created",
    ]


def test_saving_without_changes_records_no_changed_fields(client_for, amara, camden_child):
    url = reverse("children:edit", args=[camden_child.public_id])
    assert client_for(amara).post(url, edit_data(camden_child)).status_code == 302
    assert AuditEvent.objects.get(action="child.changed").detail == {"fields": []}


def test_invalid_edit_changes_nothing(client_for, amara, camden_child):
    url = reverse("children:edit", args=[camden_child.public_id])
    response = client_for(amara).post(url, edit_data(camden_child, legal_name=" "))
    assert response.status_code == 200
    assert errors_for(response, "legal_name") == ["Enter the child's legal name"]
    camden_child.refresh_from_db()
    assert camden_child.legal_name == "Jayden Testperson"
    assert not AuditEvent.objects.filter(action="child.changed").exists()
