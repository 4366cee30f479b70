from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "journey": Routes(
        child=[
            path("journey/", views.journey, name="journey"),
            path("journey/meetings/add/", views.add_meeting, name="meeting-add"),
            path("journey/events/add/", views.add_event, name="event-add"),
            path(
                "journey/events/<uuid:event_id>/response/",
                views.respond_to_setback,
                name="setback-respond",
            ),
            path(
                "journey/touchpoints/<uuid:touchpoint_id>/done/",
                views.touchpoint_done,
                name="touchpoint-done",
            ),
        ]
    )
}
