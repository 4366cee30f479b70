from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneyConfig(AppConfig):
    name = "resettle.journey"
    label = "journey"
    verbose_name = _("The child's journey")

    def ready(self) -> None:
        from . import open_touchpoints, receivers  # noqa: F401 - connects the receivers (docs/development.md)

        open_touchpoints.connect()
