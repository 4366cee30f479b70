from django.urls import path

from . import views

app_name = "childview"

urlpatterns = [
    path("children/<uuid:public_id>/my-plan/", views.my_plan, name="my-plan"),
    path("children/<uuid:public_id>/my-plan.pdf", views.my_plan_pdf, name="my-plan-pdf"),
    path(
        "children/<uuid:public_id>/child-mode/start/",
        views.start_child_mode,
        name="child-mode-start",
    ),
    path("child-mode/", views.child_mode, name="child-mode"),
    path("child-mode/my-answers/", views.my_answers, name="child-mode-answers"),
    path("child-mode/leave/", views.leave, name="child-mode-leave"),
]
