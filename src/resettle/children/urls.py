from django.urls import path

from resettle.audit import views as audit_views

from . import views

app_name = "children"

urlpatterns = [
    path("", views.caseload, name="caseload"),
    path("add/", views.add_child, name="add"),
    path("<uuid:public_id>/", views.child_detail, name="detail"),
    path("<uuid:public_id>/edit/", views.edit_child, name="edit"),
    path("<uuid:public_id>/history/", views.child_history, name="history"),
    path("<uuid:public_id>/legal-status/add/", views.add_legal_status, name="legal-status-add"),
    path("<uuid:public_id>/access-log/", audit_views.child_access_log, name="access-log"),
]
