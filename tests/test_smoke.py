from django.urls import reverse


def test_camden_worker_sees_their_caseload(client_for, amara, camden_child):
    response = client_for(amara).get(reverse("children:caseload"))
    assert response.status_code == 200
    assert "Jay" in response.content.decode()


def test_hackney_worker_cannot_see_camden_child(client_for, ben, camden_child):
    response = client_for(ben).get(reverse("children:detail", args=[camden_child.public_id]))
    assert response.status_code == 404
