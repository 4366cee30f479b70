from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "childview": Routes(
        site=[
            path("child-mode/", views.child_mode, name="child-mode"),
            path("child-mode/my-answers/", views.my_answers, name="child-mode-answers"),
            path("child-mode/leave/", views.leave, name="child-mode-leave"),
        ],
        child=[
            path("my-plan/", views.my_plan, name="my-plan"),
            path("my-plan.pdf", views.my_plan_pdf, name="my-plan-pdf"),
            path("child-mode/start/", views.start_child_mode, name="child-mode-start"),
        ],
    )
}
