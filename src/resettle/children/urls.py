from django.urls import path

from resettle.core.routing import Routes

from . import views, views_sharing

routes = {
    "children": Routes(
        site=[path("children/add/", views.add_child, name="add")],
        child=[
            path("edit/", views.edit_child, name="edit"),
            path("history/", views.child_history, name="history"),
            path("legal-status/add/", views.add_legal_status, name="legal-status-add"),
            path("end-of-order/", views.end_of_order, name="end-of-order"),
        ],
    ),
    "access": Routes(
        site=[
            path("transfers/", views_sharing.transfers, name="transfers"),
            path(
                "transfers/<uuid:transfer_id>/",
                views_sharing.decide_transfer,
                name="transfer-decide",
            ),
            path(
                "transfers/<uuid:transfer_id>/cancel/",
                views_sharing.cancel_transfer,
                name="transfer-cancel",
            ),
        ],
        child=[
            path("sharing/", views_sharing.sharing, name="sharing"),
            path("sharing/add/", views_sharing.add_share, name="share-add"),
            path(
                "sharing/<uuid:share_id>/revoke/", views_sharing.revoke_share, name="share-revoke"
            ),
            path("restriction/", views_sharing.restriction, name="restriction"),
            path(
                "restriction/remove/", views_sharing.remove_restriction, name="restriction-remove"
            ),
            path("transfer/", views_sharing.request_transfer, name="transfer-request"),
        ],
    ),
}
