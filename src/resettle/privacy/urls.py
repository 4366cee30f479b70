from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "privacy": Routes(
        child=[
            path("subject-access/", views.subject_access, name="subject-access"),
            path("subject-access.json", views.subject_access_json, name="subject-access-json"),
        ]
    )
}
