from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "resettle.audit"
    label = "audit"
