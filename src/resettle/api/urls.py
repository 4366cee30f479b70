"""The REST API (namespace `api`, under /api/v1/) and the pages for tokens, imports and exports.

API views opt out of the sign-in middleware (`login_not_required`): they take a personal access
token instead (authentication.py), and refuse a call without one with a 401.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path

from resettle.core.routing import Routes

from . import export
from . import pages_import as imports
from . import pages_tokens as tokens
from . import views_children as children
from . import views_docs as docs
from . import views_record as record

V1 = "api/v1/"
CHILD = "children/<uuid:child_id>/"


def api(view_class):
    return login_not_required(view_class.as_view())


routes = {
    "api": Routes(
        site=[
            path(f"{V1}schema/", docs.schema, name="schema"),
            path(f"{V1}docs/", docs.docs, name="docs"),
            path(f"{V1}pathways/", api(record.PathwaysView), name="pathways"),
            path(f"{V1}action-statuses/", api(record.ActionStatusesView), name="action-statuses"),
            path(f"{V1}children/", api(children.ChildrenView), name="children"),
            path(f"{V1}{CHILD}", api(children.ChildView), name="child"),
            path(
                f"{V1}{CHILD}legal-statuses/",
                api(children.LegalStatusesView),
                name="legal-statuses",
            ),
            path(f"{V1}{CHILD}plan/actions/", api(record.PlanActionsView), name="plan-actions"),
            path(
                f"{V1}{CHILD}plan/actions/<uuid:action_id>/",
                api(record.PlanActionView),
                name="plan-action",
            ),
            path(f"{V1}{CHILD}touchpoints/", api(record.TouchpointsView), name="touchpoints"),
            path(
                f"{V1}{CHILD}touchpoints/<uuid:touchpoint_id>/done/",
                api(record.TouchpointDoneView),
                name="touchpoint-done",
            ),
            path(f"{V1}{CHILD}meetings/", api(record.MeetingsView), name="meetings"),
            path(f"{V1}{CHILD}notes/", api(record.CaseNotesView), name="notes"),
            path(f"{V1}{CHILD}voice/", api(record.VoiceView), name="voice"),
            # Last: anything else under the API is a problem, in JSON
            re_path(r"^api/(?P<rest>[\s\S]*)$", docs.not_found, name="not-found"),
        ]
    ),
    "integrations": Routes(
        site=[
            path("account/tokens/", tokens.tokens, name="tokens"),
            path("account/tokens/add/", tokens.add_token, name="token-add"),
            path(
                "account/tokens/<uuid:token_id>/revoke/", tokens.revoke_token, name="token-revoke"
            ),
            path("children/import/", imports.upload, name="import"),
            path("children/import/check/", imports.check, name="import-check"),
            path("children/import/rejected.csv", imports.rejected_rows, name="import-rejected"),
            path("children/import/cancel/", imports.cancel, name="import-cancel"),
            path("children/export.csv", export.export, name="export"),
        ]
    ),
}
