from django.urls import path

from . import views

app_name = "journey"

JOURNEY = "children/<uuid:public_id>/journey/"

urlpatterns = [
    path(JOURNEY, views.journey, name="journey"),
    path(f"{JOURNEY}meetings/add/", views.add_meeting, name="meeting-add"),
    path(f"{JOURNEY}events/add/", views.add_event, name="event-add"),
    path(
        f"{JOURNEY}events/<uuid:event_id>/response/",
        views.respond_to_setback,
        name="setback-respond",
    ),
    path(
        f"{JOURNEY}touchpoints/<uuid:touchpoint_id>/done/",
        views.touchpoint_done,
        name="touchpoint-done",
    ),
]
