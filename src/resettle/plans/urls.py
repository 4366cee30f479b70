from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "plans": Routes(
        child=[
            path("plan/", views.plan, name="plan"),
            path("plan/vision/", views.edit_vision, name="vision"),
            path("plan/goals/add/", views.add_goal, name="goal-add"),
            path("plan/goals/<uuid:goal_id>/", views.edit_goal, name="goal-edit"),
            path("plan/needs/add/", views.add_need, name="need-add"),
            path("plan/actions/add/", views.add_action, name="action-add"),
            path("plan/actions/<uuid:action_id>/", views.edit_action, name="action-edit"),
            path("plan/actions/<uuid:action_id>/plan-b/", views.contingency, name="contingency"),
            path("plan/agreement/add/", views.add_agreement, name="agreement-add"),
            path("plan/history/", views.history, name="history"),
            path("plan/progress/add/", views.add_progress, name="progress-add"),
            path("plan/progress/<uuid:progress_id>/", views.edit_progress, name="progress-edit"),
        ]
    )
}
