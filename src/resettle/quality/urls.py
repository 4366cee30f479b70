from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "quality": Routes(
        child=[
            path("5cs/", views.child_five_cs, name="child"),
            path("5cs/audit/", views.add_audit, name="audit-add"),
        ]
    )
}
