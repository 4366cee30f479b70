from django.urls import path

from . import views

app_name = "plans"

PLAN = "children/<uuid:public_id>/plan/"

urlpatterns = [
    path(PLAN, views.plan, name="plan"),
    path(f"{PLAN}vision/", views.edit_vision, name="vision"),
    path(f"{PLAN}goals/add/", views.add_goal, name="goal-add"),
    path(f"{PLAN}goals/<uuid:goal_id>/", views.edit_goal, name="goal-edit"),
    path(f"{PLAN}needs/add/", views.add_need, name="need-add"),
    path(f"{PLAN}actions/add/", views.add_action, name="action-add"),
    path(f"{PLAN}actions/<uuid:action_id>/", views.edit_action, name="action-edit"),
    path(f"{PLAN}actions/<uuid:action_id>/plan-b/", views.contingency, name="contingency"),
    path(f"{PLAN}agreement/add/", views.add_agreement, name="agreement-add"),
    path(f"{PLAN}history/", views.history, name="history"),
]
