from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("children/<uuid:public_id>/sharing/", views.sharing, name="sharing"),
    path("children/<uuid:public_id>/sharing/add/", views.add_share, name="share-add"),
    path(
        "children/<uuid:public_id>/sharing/<uuid:share_id>/revoke/",
        views.revoke_share,
        name="share-revoke",
    ),
    path("children/<uuid:public_id>/restriction/", views.restriction, name="restriction"),
    path(
        "children/<uuid:public_id>/restriction/remove/",
        views.remove_restriction,
        name="restriction-remove",
    ),
    path("children/<uuid:public_id>/transfer/", views.request_transfer, name="transfer-request"),
    path("transfers/", views.transfers, name="transfers"),
    path("transfers/<uuid:transfer_id>/", views.decide_transfer, name="transfer-decide"),
    path("transfers/<uuid:transfer_id>/cancel/", views.cancel_transfer, name="transfer-cancel"),
]
