"""The benchmark's URL configuration: every page of the service, and the floor.

The floor is a signed-in page that renders a one-line template through the full middleware: what
any page costs before it does any work of its own. Every page is timed as a ratio to it. It exists
only here, never in the service's own URLs.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template import RequestContext, Template
from django.urls import path

from resettle.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401

FLOOR = Template("<p>Signed in as {{ user.full_name }}</p>")


@login_required
def floor(request):
    return HttpResponse(FLOOR.render(RequestContext(request)))


urlpatterns = [path("_floor/", floor, name="floor"), *urlpatterns]
