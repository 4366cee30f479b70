from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "insight": Routes(
        site=[
            path("insight/", views.overview, name="overview"),
            path("insight/services/", views.services, name="services"),
            path("insight/measures/<slug:slug>/", views.measure, name="measure"),
            path("insight/definitions/", views.definitions, name="definitions"),
            path("insight/service/", views.service, name="service"),
            path("insight/service/children/", views.children, name="children"),
            path("insight/establishment/", views.establishment, name="establishment"),
            path("insight/download/<slug:table>.<slug:fmt>", views.download, name="download"),
        ]
    )
}
