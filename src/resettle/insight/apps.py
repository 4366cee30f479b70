from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "resettle.insight"
    label = "insight"
    verbose_name = "Insight: the partnership's figures"
