from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "resettle.quality"
    label = "quality"
    verbose_name = _("The 5Cs check and audits")

    def ready(self) -> None:
        # The indicators and the loaders they read register themselves on import.
        from . import indicators, journey_indicators, queries  # noqa: F401
