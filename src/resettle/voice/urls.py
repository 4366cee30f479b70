from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "voice": Routes(
        child=[
            path("voice/", views.overview, name="overview"),
            path("voice/add/", views.add, name="add"),
            path("voice/<uuid:entry_id>/edit/", views.edit, name="edit"),
        ]
    )
}
