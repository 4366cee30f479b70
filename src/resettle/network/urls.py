from django.urls import path

from . import views

app_name = "network"

NETWORK = "children/<uuid:public_id>/network/"

urlpatterns = [
    path(NETWORK, views.network, name="network"),
    path(f"{NETWORK}people/add/", views.add_person, name="person-add"),
    path(f"{NETWORK}people/<uuid:entry_id>/", views.edit_person, name="person-edit"),
    path(f"{NETWORK}places/add/", views.add_place, name="place-add"),
    path(f"{NETWORK}places/<uuid:entry_id>/", views.edit_place, name="place-edit"),
    path(f"{NETWORK}professionals/add/", views.add_professional, name="professional-add"),
    path(
        f"{NETWORK}professionals/<uuid:entry_id>/",
        views.edit_professional,
        name="professional-edit",
    ),
]
