from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "network": Routes(
        child=[
            path("network/", views.network, name="network"),
            path("network/people/add/", views.add_person, name="person-add"),
            path("network/people/<uuid:entry_id>/", views.edit_person, name="person-edit"),
            path("network/places/add/", views.add_place, name="place-add"),
            path("network/places/<uuid:entry_id>/", views.edit_place, name="place-edit"),
            path("network/professionals/add/", views.add_professional, name="professional-add"),
            path(
                "network/professionals/<uuid:entry_id>/",
                views.edit_professional,
                name="professional-edit",
            ),
        ]
    )
}
