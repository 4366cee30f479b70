from django.urls import path

from . import views

app_name = "release"

urlpatterns = [
    path("children/<uuid:public_id>/release/", views.checklist, name="checklist"),
    path("children/<uuid:public_id>/release/edit/", views.checklist_edit, name="checklist-edit"),
    path("releases/", views.upcoming, name="upcoming"),
    path("my-week/", views.my_week, name="my-week"),
]
