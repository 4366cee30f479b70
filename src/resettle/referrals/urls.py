from django.urls import path

from resettle.core.routing import Routes

from . import views

routes = {
    "referrals": Routes(
        site=[
            path("referrals/", views.inbox, name="inbox"),
            path("referrals/<uuid:referral_id>/", views.referral, name="referral"),
        ],
        child=[
            path("plan/actions/<uuid:action_id>/refer/", views.refer, name="refer"),
        ],
    )
}
