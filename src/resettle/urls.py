from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("resettle.accounts.urls")),
    path("", include("resettle.core.urls")),
    path("children/", include("resettle.children.urls")),
    path("", include("resettle.access.urls")),
    path("", include("resettle.privacy.urls")),
    path("", include("resettle.voice.urls")),
    path("", include("resettle.plans.urls")),
    path("", include("resettle.quality.urls")),
    path("", include("resettle.journey.urls")),
    path("", include("resettle.notes.urls")),
    path("", include("resettle.release.urls")),
    path("", include("resettle.network.urls")),
    path("", include("resettle.childview.urls")),
    path("audit/", include("resettle.audit.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "resettle.core.views.permission_denied"
handler404 = "resettle.core.views.page_not_found"
handler500 = "resettle.core.views.server_error"

admin.site.site_header = "Resettle administration"
admin.site.site_title = "Resettle administration"
