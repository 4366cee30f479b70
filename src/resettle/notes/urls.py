from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {"notes": Routes(child=[path("notes/", views.notes, name="notes")])}
