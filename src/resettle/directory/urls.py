from django.urls import path

from resettle.core.routing import Routes

from . import api, views, views_proposals

routes = {
    "directory": Routes(
        site=[
            path("services/", views.search, name="search"),
            path("services/add/", views.add_service, name="service-add"),
            path("services/organisations/add/", views.add_organization, name="organization-add"),
            path("services/proposals/", views_proposals.proposals, name="proposals"),
            path(
                "services/proposals/<uuid:proposal_id>/",
                views_proposals.proposal,
                name="proposal",
            ),
            path("services/export/hsds.zip", views.export_tabular, name="export"),
            path("services/<uuid:service_id>/", views.service, name="service"),
            path("services/<uuid:service_id>/edit/", views.edit_service, name="service-edit"),
            path(
                "services/<uuid:service_id>/propose/",
                views_proposals.propose,
                name="service-propose",
            ),
            path("services/<uuid:service_id>/history/", views.history, name="service-history"),
        ]
    ),
    "hsds": Routes(
        site=[
            path("api/hsds/", api.root, name="root"),
            path("api/hsds/services", api.services, name="services"),
            path("api/hsds/services/<str:service_id>", api.service, name="service"),
            path("api/hsds/taxonomy_terms", api.taxonomy_terms, name="taxonomy-terms"),
        ]
    ),
}
