from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("signed-out/inactive/", views.signed_out_inactive, name="signed-out-inactive"),
    path("signed-out/expired/", views.signed_out_expired, name="signed-out-expired"),
]
