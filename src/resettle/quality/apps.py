from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "resettle.quality"
    label = "quality"
    verbose_name = _("The 5Cs check and audits")

    def ready(self) -> None:
        # The indicators and the loaders they read register themselves on import.
        from resettle.core.signals import child_record_changed

        from . import indicators, journey_indicators, queries, receivers  # noqa: F401

        # Kept 5Cs ratings are marked out of date whenever the child's record changes (kept.py).
        receivers.connect()
        child_record_changed.connect(receivers.record_changed, dispatch_uid="kept-5cs")
