from django.urls import path

from resettle.core.routing import Routes

from . import audit_pages, caseload, child_summary, site, week

routes = {
    "core": Routes(
        site=[
            path("", site.home, name="home"),
            path("accessibility/", site.accessibility, name="accessibility"),
            path("privacy/", site.privacy, name="privacy"),
            path("healthz/", site.healthz, name="healthz"),
            path("readyz/", site.readyz, name="readyz"),
        ]
    ),
    "children": Routes(
        site=[path("children/", caseload.caseload, name="caseload")],
        child=[
            path("", child_summary.child_detail, name="detail"),
            path("access-log/", audit_pages.child_access_log, name="access-log"),
        ],
    ),
    "audit": Routes(
        site=[
            path("audit/", audit_pages.search, name="search"),
            path("audit/export.csv", audit_pages.export, name="export"),
        ]
    ),
    "release": Routes(
        site=[
            path("releases/", week.upcoming, name="upcoming"),
            path("my-week/", week.my_week_page, name="my-week"),
        ]
    ),
}
