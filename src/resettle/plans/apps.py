from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "resettle.plans"
    label = "plans"
    verbose_name = _("Resettlement plans")

    def ready(self) -> None:
        from . import open_actions, receivers  # noqa: F401 - connects the receivers (docs/development.md)

        open_actions.connect()
