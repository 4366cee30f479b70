from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "release": Routes(
        child=[
            path("release/", views.checklist, name="checklist"),
            path("release/edit/", views.checklist_edit, name="checklist-edit"),
        ]
    )
}
