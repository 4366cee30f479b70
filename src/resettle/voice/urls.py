from django.urls import path

from . import views

app_name = "voice"

urlpatterns = [
    path("children/<uuid:public_id>/voice/", views.overview, name="overview"),
    path("children/<uuid:public_id>/voice/add/", views.add, name="add"),
    path("children/<uuid:public_id>/voice/<uuid:entry_id>/edit/", views.edit, name="edit"),
]
