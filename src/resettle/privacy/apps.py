from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "resettle.privacy"
    label = "privacy"
    verbose_name = "Privacy: subject access and retention"
