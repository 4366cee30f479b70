from django.urls import path

from resettle.core.routing import Routes

from . import views, views_account, views_mfa, views_passwords, views_sessions

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("signed-out/inactive/", views.signed_out_inactive, name="signed-out-inactive"),
    path("signed-out/expired/", views.signed_out_expired, name="signed-out-expired"),
    # Setting and resetting a password with a link sent by email
    path("sign-in/reset-password/", views_passwords.reset, name="password-reset"),
    path("sign-in/reset-password/sent/", views_passwords.reset_sent, name="password-reset-sent"),
    path(
        "account/password/<slug:purpose>/<str:uid>/<str:token>/",
        views_passwords.link,
        name="password-link",
    ),
    path("account/password/choose/", views_passwords.choose, name="password-choose"),
    # The administration pages' own sign-in and sign-out are the service's (these come before
    # the administration site in the root URL configuration, so they answer first).
    path("admin/login/", views.admin_sign_in, name="admin-sign-in"),
    path("admin/logout/", views.SignOutView.as_view(), name="admin-sign-out"),
    # Two-factor sign-in
    path("sign-in/code/", views_mfa.verify, name="mfa-verify"),
    path("sign-in/recovery-code/", views_mfa.recovery, name="mfa-recovery"),
    path("account/authenticator-app/", views_mfa.setup, name="mfa-setup"),
    path("account/recovery-codes/", views_mfa.recovery_codes, name="mfa-recovery-codes"),
    path(
        "account/recovery-codes/new/",
        views_mfa.new_recovery_codes,
        name="mfa-new-recovery-codes",
    ),
    # Your account
    path("account/", views_account.account, name="account"),
    path("account/confirm-it-is-you/", views_account.reauthenticate, name="reauthenticate"),
    path("account/password/", views_account.password_change, name="password-change"),
    # Administrators
    path(
        "admin-tools/users/<uuid:public_id>/sessions/",
        views_sessions.user_sessions,
        name="user-sessions",
    ),
    path(
        "admin-tools/users/<uuid:public_id>/sessions/end/",
        views_sessions.end_user_sessions,
        name="user-sessions-end",
    ),
]

routes = {"accounts": Routes(site=urlpatterns)}
