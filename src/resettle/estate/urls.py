from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "estate": Routes(
        site=[
            path("establishment/", views.placed, name="workspace"),
            path("establishment/shared/", views.shared, name="shared"),
            path("establishment/arrivals-and-releases/", views.movements, name="movements"),
            path("establishment/our-week/", views.week, name="week"),
        ]
    )
}
