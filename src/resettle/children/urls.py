from django.urls import path

from . import views

app_name = "children"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("add/", views.add_child, name="add"),
    path("<uuid:public_id>/", views.child_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit_child, name="edit"),
    path("<uuid:public_id>/history/", views.child_history, name="history"),
]
