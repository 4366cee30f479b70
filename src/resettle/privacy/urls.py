from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("children/<uuid:public_id>/subject-access/", views.subject_access, name="subject-access"),
    path(
        "children/<uuid:public_id>/subject-access.json",
        views.subject_access_json,
        name="subject-access-json",
    ),
]
