"""The root URL configuration: every package's pages, by URL namespace.

Pages about one child are mounted under the one child prefix below; `children.pages.child_page`
resolves the child from it. A package offers its patterns in its `urls.py` as `routes`
(`resettle.core.routing`).
"""

from django.contrib import admin
from django.urls import include, path

from resettle.accounts import urls as accounts
from resettle.api import urls as api
from resettle.children import urls as children
from resettle.childview import urls as childview
from resettle.directory import urls as directory
from resettle.estate import urls as estate
from resettle.insight import urls as insight
from resettle.journey import urls as journey
from resettle.knowledge import urls as knowledge
from resettle.network import urls as network
from resettle.notes import urls as notes
from resettle.plans import urls as plans
from resettle.privacy import urls as privacy
from resettle.quality import urls as quality
from resettle.referrals import urls as referrals
from resettle.release import urls as release
from resettle.voice import urls as voice
from resettle.web import urls as web

# The one place the address of a page about one child is written.
CHILD_PREFIX = "children/<uuid:public_id>/"

PACKAGES = [
    accounts,
    web,
    children,
    privacy,
    voice,
    plans,
    quality,
    journey,
    notes,
    release,
    network,
    referrals,
    childview,
    knowledge,
    directory,
    api,
    estate,
    insight,
]


def _namespaces() -> dict[str, tuple[list, list]]:
    merged: dict[str, tuple[list, list]] = {}
    for package in PACKAGES:
        for namespace, routes in package.routes.items():
            site, child = merged.setdefault(namespace, ([], []))
            site.extend(routes.site)
            child.extend(routes.child)
    return merged


def _about_one_child(patterns: list) -> list:
    return [path(CHILD_PREFIX, include(patterns))] if patterns else []


urlpatterns = [
    *[
        path("", include(([*site, *_about_one_child(child)], namespace)))
        for namespace, (site, child) in _namespaces().items()
    ],
    path("admin/", admin.site.urls),
]

handler403 = "resettle.web.site.permission_denied"
handler404 = "resettle.web.site.page_not_found"
handler500 = "resettle.web.site.server_error"

admin.site.site_header = "Resettle administration"
admin.site.site_title = "Resettle administration"
