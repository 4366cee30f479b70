from django.urls import path

from . import views

app_name = "quality"

urlpatterns = [
    path("children/<uuid:public_id>/5cs/", views.child_five_cs, name="child"),
    path("children/<uuid:public_id>/5cs/audit/", views.add_audit, name="audit-add"),
]
