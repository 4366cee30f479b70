from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("children/<uuid:public_id>/notes/", views.notes, name="notes"),
]
