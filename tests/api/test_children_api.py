"""Children over the API: the same children, the same rules and the same audit as the pages."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from resettle.audit.models import AuditEvent
from resettle.children.models import Child, LegalStatusEpisode

from ..factories import ChildFactory

pytestmark = pytest.mark.django_db

NEW_CHILD = {
    "preferred_name": "Rio",
    "legal_name": "Rio Examplechild",
    "date_of_birth": "2010-02-03",
    "gender": "boy",
    "ethnicity": "not_stated",
    "care_status": "looked_after",
    "local_reference": "CAM-12345",
}


def children_url():
    return reverse("api:children")


def child_url(child):
    return reverse("api:child", args=[child.public_id])


def test_a_camden_case_worker_lists_adds_and_records_a_legal_status(
    api_for, amara, camden_child, hackney_child, feltham
):
    api = api_for(amara)
    listed = api.get(children_url())
    assert listed.status_code == 200
    assert [c["preferred_name"] for c in listed.json()["results"]] == ["Jay"]

    created = api.post(children_url(), NEW_CHILD)
    assert created.status_code == 201, created.json()
    rio = Child.objects.get(public_id=created.json()["id"])
    assert rio.owning_service.slug == "camden" and created.json()["owning_service"] == "camden"
    assert created["Location"] == child_url(rio)

    status = api.post(
        reverse("api:legal-statuses", args=[rio.public_id]),
        {
            "status": "sentenced_custody",
            "sentence_type": "dto",
            "establishment": "feltham",
            "starts_on": date.today().isoformat(),
            "expected_release_on": date(date.today().year + 1, 1, 15).isoformat(),
        },
    )
    assert status.status_code == 201, status.json()
    assert LegalStatusEpisode.objects.for_child(rio).get().establishment == feltham
    again = api.get(child_url(rio)).json()
    assert again["current_legal_status"]["status"] == "sentenced_custody"

    entries = AuditEvent.objects.filter(child=rio).order_by("id")
    assert [e.action for e in entries][:2] == ["child.created", "child.legal_status_recorded"]
    assert all(e.detail.get("via") == "api" for e in entries)
    viewed = entries.filter(action="child.viewed").get()
    assert viewed.detail["section"] == "api-child" and viewed.actor == amara


def test_a_hackney_worker_gets_not_found_for_the_camden_child(api_for, ben, camden_child):
    api = api_for(ben)
    for response in (
        api.get(child_url(camden_child)),
        api.patch(child_url(camden_child), {"care_status": "care_leaver"}, {"If-Match": '"x"'}),
        api.post(reverse("api:legal-statuses", args=[camden_child.public_id]), {}),
        api.get(reverse("api:notes", args=[camden_child.public_id])),
    ):
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["status"] == 404
        assert "Jay" not in response.content.decode()
    assert api.get(children_url()).json()["results"] == []


def test_the_list_filters_and_searches_like_the_caseload(api_for, priya, amara, camden):
    ChildFactory(preferred_name="Ada", owning_service=camden, lead_practitioner=amara)
    ChildFactory(preferred_name="Bo", owning_service=camden, care_status="care_leaver")
    api = api_for(priya)

    def names(query):
        return [c["preferred_name"] for c in api.get(children_url() + query).json()["results"]]

    assert names("") == ["Ada", "Bo"]
    assert names("?care_status=care_leaver") == ["Bo"]
    assert names("?lead=none") == ["Bo"]
    assert names("?sort=-name") == ["Bo", "Ada"]
    assert names("?q=ad") == ["Ada"]
    assert names("?care_status=nonsense&sort=-name") == ["Bo", "Ada"]  # a bad filter is ignored
    assert names_for_amara(api_for(amara)) == ["Ada"]  # her own caseload by default


def names_for_amara(api):
    return [c["preferred_name"] for c in api.get(children_url()).json()["results"]]


def test_a_search_is_never_written_to_the_audit_trail(api_for, priya, camden_child):
    api_for(priya).get(children_url() + "?q=Jayden")
    assert not [e for e in AuditEvent.objects.all() if "Jayden" in str(e.detail)]


def test_listing_children_takes_the_same_queries_however_many(
    api_for, priya, camden, django_assert_num_queries
):
    api = api_for(priya)
    api.get(children_url())  # the token's first use is written once; later calls read only
    ChildFactory.create_batch(2, owning_service=camden)
    # the token, the lead practitioner filter's choices, the count, the page, legal statuses
    with django_assert_num_queries(5):
        assert api.get(children_url()).status_code == 200
    ChildFactory.create_batch(20, owning_service=camden)
    with django_assert_num_queries(5):
        assert len(api.get(children_url()).json()["results"]) == 22


def test_a_rule_broken_is_a_400_with_the_pages_messages(api_for, amara):
    response = api_for(amara).post(children_url(), {**NEW_CHILD, "date_of_birth": "2024-01-01"})
    assert response.status_code == 400
    body = response.json()
    assert response["Content-Type"] == "application/problem+json"
    assert body["type"] == "urn:resettle:problem:invalid"
    assert body["errors"]["date_of_birth"] == [
        "The child must be at least 10 years old: check the date of birth"
    ]
    assert not Child.objects.filter(legal_name="Rio Examplechild").exists()


def test_a_secure_practitioner_reads_a_shared_child_but_cannot_change_it(
    api_for, chloe, shared_jay
):
    api = api_for(chloe)
    response = api.get(child_url(shared_jay))
    assert response.status_code == 200
    changed = api.patch(
        child_url(shared_jay), {"care_status": "neither"}, {"If-Match": response["ETag"]}
    )
    assert changed.status_code == 403
    assert changed.json()["status"] == 403
    assert api.post(children_url(), NEW_CHILD).status_code == 403


class TestChangingAChild:
    def test_a_change_with_the_current_etag_is_saved_and_in_the_history(
        self, api_for, amara, camden_child
    ):
        api = api_for(amara)
        etag = api.get(child_url(camden_child))["ETag"]
        changed = api.patch(
            child_url(camden_child), {"care_status": "care_leaver"}, {"If-Match": etag}
        )
        assert changed.status_code == 200, changed.json()
        assert changed.json()["care_status"] == "care_leaver"
        assert changed["ETag"] != etag
        camden_child.refresh_from_db()
        assert camden_child.care_status == "care_leaver"
        assert camden_child.history.first().history_user == amara

    def test_a_stale_change_is_refused_and_nothing_is_overwritten(
        self, api_for, amara, priya, camden_child
    ):
        mine, theirs = api_for(amara), api_for(priya)
        etag = mine.get(child_url(camden_child))["ETag"]
        first = theirs.patch(
            child_url(camden_child), {"first_language": "Somali"}, {"If-Match": etag}
        )
        assert first.status_code == 200
        stale = mine.patch(child_url(camden_child), {"first_language": "Twi"}, {"If-Match": etag})
        assert stale.status_code == 412
        assert stale.json()["type"] == "urn:resettle:problem:stale"
        camden_child.refresh_from_db()
        assert camden_child.first_language == "Somali"

    def test_a_change_without_if_match_is_refused(self, api_for, amara, camden_child):
        response = api_for(amara).put(child_url(camden_child), {"care_status": "neither"})
        assert response.status_code == 428
        assert response["Content-Type"] == "application/problem+json"
        star = api_for(amara).patch(
            child_url(camden_child), {"care_status": "neither"}, {"If-Match": "*"}
        )
        assert star.status_code == 428
