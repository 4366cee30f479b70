from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JourneyConfig(AppConfig):
    name = "resettle.journey"
    label = "journey"
    verbose_name = _("The child's journey")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the receivers (docs/development.md)
